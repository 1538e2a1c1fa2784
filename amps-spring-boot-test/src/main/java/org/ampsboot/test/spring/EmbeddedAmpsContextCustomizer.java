package org.ampsboot.test.spring;

import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.EmbeddedAmpsDeclarations;
import java.util.Map;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts an {@link AmpsTestServer} for one application context, registers it as the singleton bean
 * {@value #BEAN_NAME} (closed with the context) and puts its URI into the environment as {@value #URI_PROPERTY},
 * ahead of every other property source. The server is set up (topics, queues, seed records, initializers) before
 * the context is refreshed. Two customizers with equal {@link EmbeddedAmpsDeclarations} are equal, so test classes
 * with the same {@code @EmbeddedAmps} attributes share a cached context and those with different ones do not.
 */
final class EmbeddedAmpsContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "ampsTestServer";

	static final String URI_PROPERTY = "amps.uri";

	static final String PROPERTY_SOURCE_NAME = "embeddedAmps";

	private final EmbeddedAmpsDeclarations declarations;

	EmbeddedAmpsContextCustomizer(EmbeddedAmpsDeclarations declarations) {
		this.declarations = declarations;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		AmpsTestServer server = this.declarations.startServer();
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, server);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean(BEAN_NAME, server::close);
		}
		else {
			context.addApplicationListener((event) -> {
				if (event instanceof org.springframework.context.event.ContextClosedEvent) {
					server.close();
				}
			});
		}
		String uri = this.declarations.uri(server);
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(URI_PROPERTY, uri)));
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (other == null || other.getClass() != getClass()) {
			return false;
		}
		return this.declarations.equals(((EmbeddedAmpsContextCustomizer) other).declarations);
	}

	@Override
	public int hashCode() {
		return this.declarations.hashCode();
	}

}
