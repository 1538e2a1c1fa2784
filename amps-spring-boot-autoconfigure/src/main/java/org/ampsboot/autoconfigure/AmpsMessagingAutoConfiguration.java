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
		AmpsTemplate template = new AmpsTemplate(client, jsonMapper.getIfAvailable(JsonMapper::new),
				properties.getTemplate().getTimeout());
		template.setPublishInterceptor(
				instrumentation.getIfUnique(() -> AmpsInstrumentation.NONE).publishInterceptor());
		return template;
	}

	@Bean
	AmpsListenerContainer ampsListenerContainer(Client client, AmpsAnnotationProcessor processor,
			ObjectProvider<AmpsListenerErrorHandler> errorHandler, ObjectProvider<JsonMapper> jsonMapper,
			AmpsProperties properties, ObjectProvider<AmpsInstrumentation> instrumentation) {
		return new AmpsListenerContainer(client, processor,
				errorHandler.getIfUnique(LoggingListenerErrorHandler::new), jsonMapper.getIfAvailable(JsonMapper::new),
				properties.isAutoStartup(), instrumentation.getIfUnique(() -> AmpsInstrumentation.NONE), "");
	}

}
