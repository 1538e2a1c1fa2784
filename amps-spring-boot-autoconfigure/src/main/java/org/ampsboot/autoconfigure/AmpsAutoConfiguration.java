package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import org.ampsboot.LastChanceMessageHandler;

/**
 * Auto-configuration for the AMPS Java client: an {@link HAClient} built from {@code amps.*}
 * properties, connected by a lifecycle once the context is ready, with every
 * {@link LastChanceMessageHandler} bean and {@link org.ampsboot.AmpsUnexpectedMessage} method
 * receiving the messages nothing else handles.
 * <p>
 * An application that defines its own {@link Client} bean gets neither the client nor its
 * lifecycle and fallback wiring: it owns that client entirely.
 */
@AutoConfiguration
@ConditionalOnClass(HAClient.class)
@ConditionalOnBooleanProperty(name = "amps.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AmpsProperties.class)
public final class AmpsAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static UnexpectedMessageMethodProcessor ampsUnexpectedMessageMethodProcessor() {
		return new UnexpectedMessageMethodProcessor();
	}

	@Bean
	@ConditionalOnMissingBean(AmpsConnectionDetails.class)
	PropertiesAmpsConnectionDetails ampsConnectionDetails(AmpsProperties properties) {
		return new PropertiesAmpsConnectionDetails(properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(Client.class)
	static class ClientConfiguration {

		@Bean
		HAClient ampsClient(AmpsProperties properties, AmpsConnectionDetails connectionDetails,
				Environment environment) {
			List<String> uris = uris(connectionDetails);
			Duration timeout = properties.getFirstConnectTimeout();
			if (timeout == null || timeout.isNegative() || timeout.isZero()) {
				throw new AmpsStartupException("amps.first-connect-timeout must be positive, but is " + timeout + ".",
						"Set amps.first-connect-timeout to a positive duration such as 30s.");
			}
			String name = StringUtils.hasText(properties.getClientName()) ? properties.getClientName()
					: ClientNames.derive(environment);
			HAClient client = new HAClient(name);
			DefaultServerChooser chooser = new DefaultServerChooser();
			uris.forEach(chooser::add);
			client.setServerChooser(chooser);
			client.setTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
			return client;
		}

		@Bean
		AmpsClientLifecycle ampsClientLifecycle(HAClient ampsClient, AmpsProperties properties,
				AmpsConnectionDetails connectionDetails, ObjectProvider<LastChanceMessageHandler> handlers,
				UnexpectedMessageMethodProcessor methods) {
			return new AmpsClientLifecycle(ampsClient, uris(connectionDetails), properties.getFirstConnectTimeout(),
					properties.isAutoStartup(), handlers, methods);
		}

		private static List<String> uris(AmpsConnectionDetails connectionDetails) {
			List<String> uris = connectionDetails.getUris().stream().map(String::trim).toList();
			String source = (connectionDetails instanceof PropertiesAmpsConnectionDetails) ? "amps.uri"
					: "The URI list of " + connectionDetails.getClass().getName();
			AmpsUris.validate(uris, source);
			return uris;
		}

	}

}
