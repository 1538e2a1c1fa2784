package org.ampsboot.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.crankuptheamps.client.HAClient;

import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;

import org.ampsboot.AmpsListenerErrorHandler;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.autoconfigure.client.AmpsClientLifecycle;
import org.ampsboot.autoconfigure.client.AmpsSslContextRegistration;
import org.ampsboot.autoconfigure.listener.AmpsAnnotationProcessor;
import org.ampsboot.autoconfigure.listener.ClientListenerContainers;
import org.ampsboot.autoconfigure.listener.JsonSupport;
import org.ampsboot.autoconfigure.listener.ListenerRegistry;
import org.ampsboot.listener.AmpsListenerRecoverer;
import org.ampsboot.listener.AmpsListenerRegistry;

/**
 * Registers, for each named client {@code amps.clients.<name>}, its own beans, all qualified by
 * the name: {@code amps.<name>.client} (an {@code HAClient}), its lifecycle,
 * {@code amps.<name>.template} (an {@link AmpsTemplate}) and the container of the listeners
 * whose {@code client} is that name. Each client starts, stops and fails over on its own.
 */
class NamedClientsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private static final ConfigurationPropertyName CLIENTS = ConfigurationPropertyName.of("amps.clients");

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	static Set<String> names(Environment environment) {
		// Most applications configure no named client: tell so without building a Binder.
		boolean configured = false;
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.containsDescendantOf(CLIENTS) != ConfigurationPropertyState.ABSENT) {
				configured = true;
				break;
			}
		}
		if (!configured) {
			return Set.of();
		}
		Map<String, AmpsClientProperties> clients = Binder.get(environment)
			.bind(CLIENTS, Bindable.mapOf(String.class, AmpsClientProperties.class))
			.orElse(null);
		return (clients != null) ? clients.keySet() : Set.of();
	}

	static String beanName(String clientName, String part) {
		return "amps." + clientName + "." + part;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (!(registry instanceof ConfigurableListableBeanFactory beanFactory)) {
			return;
		}
		for (String name : names(this.environment)) {
			register(name, registry, beanFactory);
		}
	}

	private void register(String name, BeanDefinitionRegistry registry, ConfigurableListableBeanFactory beanFactory) {
		String prefix = "amps.clients." + name + ".";
		AmpsClientParts parts = new AmpsClientParts(beanFactory);
		RootBeanDefinition ssl = new RootBeanDefinition(AmpsSslContextRegistration.class);
		ssl.setInstanceSupplier(() -> parts.sslRegistration(properties(beanFactory, name), uris(parts, beanFactory, name)));
		ssl.setDefaultCandidate(false);
		registry.registerBeanDefinition(beanName(name, "ssl"), ssl);

		RootBeanDefinition client = new RootBeanDefinition(HAClient.class);
		client.setInstanceSupplier(() -> {
			beanFactory.getBean(beanName(name, "ssl"));
			return parts.client(properties(beanFactory, name), prefix, uris(parts, beanFactory, name));
		});
		client.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		// Injected only where qualified by its name: the single client stays the default.
		client.setDefaultCandidate(false);
		// No destroy method (not even the inferred close()): HAClient.close() can block for good;
		// the lifecycle closes the client, bounded.
		client.setDestroyMethodName("");
		registry.registerBeanDefinition(beanName(name, "client"), client);

		RootBeanDefinition lifecycle = new RootBeanDefinition(AmpsClientLifecycle.class);
		lifecycle.setInstanceSupplier(() -> parts.lifecycle(beanFactory.getBean(beanName(name, "client"), HAClient.class),
				properties(beanFactory, name), uris(parts, beanFactory, name), name));
		registry.registerBeanDefinition(beanName(name, "lifecycle"), lifecycle);

		if (JsonSupport.isPresent()) {
			RootBeanDefinition template = new RootBeanDefinition(AmpsTemplate.class);
			template.setInstanceSupplier(() -> {
				HAClient named = beanFactory.getBean(beanName(name, "client"), HAClient.class);
				AmpsClientProperties.Template settings = properties(beanFactory, name).getTemplate();
				AmpsTemplate ampsTemplate = new AmpsTemplate(named,
						(tools.jackson.databind.json.JsonMapper) JsonSupport.mapper(beanFactory), settings.getTimeout(),
						settings.publishBound());
				ampsTemplate.setPublishInterceptor(
						parts.instrumentation().publishInterceptor(named.getName(), settings.isObservationEnabled()));
				return ampsTemplate;
			});
			template.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
			template.setDefaultCandidate(false);
			registry.registerBeanDefinition(beanName(name, "template"), template);

			RootBeanDefinition container = new RootBeanDefinition(ClientListenerContainers.class);
			container.setInstanceSupplier(() -> new ClientListenerContainers(
					beanFactory.getBean(beanName(name, "client"), HAClient.class), name,
					beanFactory.getBean(AmpsAnnotationProcessor.class),
					ListenerErrorHandlers.resolve(beanFactory.getBeanProvider(AmpsListenerErrorHandler.class),
							beanFactory.getBeanProvider(AmpsListenerRecoverer.class),
							beanFactory.getBean(AmpsProperties.class).getListener(),
							() -> beanFactory.getBean(beanName(name, "template"), AmpsTemplate.class)),
					JsonSupport.mapper(beanFactory), parts.instrumentation(),
					(ListenerRegistry) beanFactory.getBean(AmpsListenerRegistry.class),
					beanFactory.getBean(AmpsProperties.class).getListener(),
					properties(beanFactory, name).getShutdown().getFlushTimeout()));
			registry.registerBeanDefinition(beanName(name, "listenerContainer"), container);
		}
	}

	private static AmpsClientProperties properties(ConfigurableListableBeanFactory beanFactory, String name) {
		return beanFactory.getBean(AmpsProperties.class).getClients().get(name);
	}

	private static List<String> uris(AmpsClientParts parts, ConfigurableListableBeanFactory beanFactory, String name) {
		AmpsClientProperties properties = properties(beanFactory, name);
		return parts.uris(properties, "amps.clients." + name + ".");
	}

	/**
	 * The single client under {@code amps} is configured unless the application configures only
	 * named clients: it is when {@code amps.clients} is empty or {@code amps.uri} is set.
	 */
	static class SingleClientCondition implements ConfigurationCondition {

		@Override
		public ConfigurationPhase getConfigurationPhase() {
			return ConfigurationPhase.REGISTER_BEAN;
		}

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			return names(environment).isEmpty() || environment.containsProperty("amps.uri")
					|| environment.containsProperty("amps.uri[0]");
		}

	}

}
