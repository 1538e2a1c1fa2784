package org.ampsboot.test.spring;

import org.ampsboot.test.AmpsTestServer;
import java.util.Map;
import java.util.Objects;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts an {@link AmpsTestServer} for one application context, registers it as the singleton bean
 * {@value #BEAN_NAME} (closed with the context) and puts its URI into the environment as {@value #URI_PROPERTY},
 * ahead of every other property source. Two customizers with the same credentials are equal, so test classes
 * with the same configuration share a cached context.
 */
final class EmbeddedAmpsContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "ampsTestServer";

	static final String URI_PROPERTY = "amps.uri";

	static final String PROPERTY_SOURCE_NAME = "embeddedAmps";

	private final String username;

	private final String password;

	EmbeddedAmpsContextCustomizer(String username, String password) {
		this.username = username;
		this.password = password;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		AmpsTestServer server = new AmpsTestServer();
		boolean credentials = !this.username.isEmpty();
		if (credentials) {
			server.requireCredentials(this.username, this.password);
		}
		server.start();
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
		String uri = credentials ? server.uri(this.username, this.password) : server.uri();
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
		EmbeddedAmpsContextCustomizer that = (EmbeddedAmpsContextCustomizer) other;
		return this.username.equals(that.username) && this.password.equals(that.password);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.username, this.password);
	}

}
