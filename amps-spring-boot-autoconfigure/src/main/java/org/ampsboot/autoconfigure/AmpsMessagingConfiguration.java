package org.ampsboot.autoconfigure;

import com.crankuptheamps.client.Client;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import org.ampsboot.AmpsListenerErrorHandler;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.autoconfigure.listener.AmpsAnnotationProcessor;
import org.ampsboot.autoconfigure.listener.ClientListenerContainers;
import org.ampsboot.autoconfigure.listener.ListenerRegistry;
import org.ampsboot.autoconfigure.metrics.AmpsInstrumentation;
import org.ampsboot.listener.AmpsListenerRecoverer;
import org.ampsboot.listener.AmpsListenerRegistry;

/**
 * The beans of {@link AmpsMessagingAutoConfiguration}: the {@link AmpsTemplate} and the listener
 * container, over the application's single {@link Client}. Imported only (no
 * {@code @Configuration}, so that no component scan finds it).
 */
class AmpsMessagingConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AmpsTemplate ampsTemplate(Client client, ObjectProvider<JsonMapper> jsonMapper, AmpsProperties properties,
			ObjectProvider<AmpsInstrumentation> instrumentation) {
		AmpsTemplate template = new AmpsTemplate(client, mapper(jsonMapper), properties.getTemplate().getTimeout(),
				properties.getTemplate().publishBound());
		template.setPublishInterceptor(AmpsInstrumentation.of(instrumentation)
			.publishInterceptor(client.getName(), properties.getTemplate().isObservationEnabled()));
		return template;
	}

	@Bean
	ClientListenerContainers ampsListenerContainer(Client client, AmpsAnnotationProcessor processor,
			ObjectProvider<AmpsListenerErrorHandler> errorHandler, ObjectProvider<AmpsListenerRecoverer> recoverer,
			ObjectProvider<JsonMapper> jsonMapper, AmpsProperties properties,
			ObjectProvider<AmpsInstrumentation> instrumentation, AmpsListenerRegistry registry,
			ObjectProvider<AmpsTemplate> template) {
		return new ClientListenerContainers(client, "", processor,
				ListenerErrorHandlers.resolve(errorHandler, recoverer, properties.getListener(), template),
				mapper(jsonMapper), AmpsInstrumentation.of(instrumentation), (ListenerRegistry) registry,
				properties.getListener(), properties.getShutdown().getFlushTimeout());
	}

	// Plain code rather than supplier lambdas: each lambda is a class spun at start-up.
	private static JsonMapper mapper(ObjectProvider<JsonMapper> jsonMapper) {
		JsonMapper mapper = jsonMapper.getIfAvailable();
		return (mapper != null) ? mapper : new JsonMapper();
	}

}
