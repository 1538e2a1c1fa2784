package org.ampsboot.autoconfigure;

import com.crankuptheamps.client.Client;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;

import org.ampsboot.AmpsListenerErrorHandler;
import org.ampsboot.AmpsTemplate;

/**
 * The messaging programming model over the AMPS client: an {@link AmpsTemplate} and the
 * container that subscribes every {@link org.ampsboot.AmpsListener @AmpsListener} method. Uses
 * the application's Jackson {@link JsonMapper} for JSON, or a default one.
 */
@AutoConfiguration(after = { AmpsAutoConfiguration.class, JacksonAutoConfiguration.class })
@ConditionalOnClass({ Client.class, JsonMapper.class })
@ConditionalOnBooleanProperty(name = "amps.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(Client.class)
public final class AmpsMessagingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AmpsTemplate ampsTemplate(Client client, ObjectProvider<JsonMapper> jsonMapper, AmpsProperties properties,
			ObjectProvider<AmpsInstrumentation> instrumentation) {
		AmpsTemplate template = new AmpsTemplate(client, mapper(jsonMapper), properties.getTemplate().getTimeout());
		template.setPublishInterceptor(instrumentation(instrumentation).publishInterceptor());
		return template;
	}

	@Bean
	AmpsListenerContainer ampsListenerContainer(Client client, AmpsAnnotationProcessor processor,
			ObjectProvider<AmpsListenerErrorHandler> errorHandler, ObjectProvider<JsonMapper> jsonMapper,
			AmpsProperties properties, ObjectProvider<AmpsInstrumentation> instrumentation) {
		AmpsListenerErrorHandler handler = errorHandler.getIfUnique();
		return new AmpsListenerContainer(client, processor,
				(handler != null) ? handler : new LoggingListenerErrorHandler(), mapper(jsonMapper),
				properties.isAutoStartup(), instrumentation(instrumentation), "");
	}

	// Plain code rather than supplier lambdas: each lambda is a class spun at start-up.
	private static JsonMapper mapper(ObjectProvider<JsonMapper> jsonMapper) {
		JsonMapper mapper = jsonMapper.getIfAvailable();
		return (mapper != null) ? mapper : new JsonMapper();
	}

	private static AmpsInstrumentation instrumentation(ObjectProvider<AmpsInstrumentation> instrumentation) {
		AmpsInstrumentation unique = instrumentation.getIfUnique();
		return (unique != null) ? unique : AmpsInstrumentation.NONE;
	}

}
