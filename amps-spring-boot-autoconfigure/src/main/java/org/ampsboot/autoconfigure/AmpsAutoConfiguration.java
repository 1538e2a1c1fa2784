package org.ampsboot.autoconfigure;

import java.beans.ExceptionListener;
import java.util.List;

import com.crankuptheamps.client.Authenticator;
import com.crankuptheamps.client.BookmarkStore;
import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.ConnectionStateListener;
import com.crankuptheamps.client.FailedResubscribeHandler;
import com.crankuptheamps.client.FailedWriteHandler;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.ReconnectDelayStrategy;
import com.crankuptheamps.client.ServerChooser;
import com.crankuptheamps.client.Store;
import com.crankuptheamps.client.SubscriptionManager;
import com.crankuptheamps.client.ThreadCreatedHandler;
import com.crankuptheamps.client.TransportFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Role;

import org.ampsboot.LastChanceMessageHandler;
import org.ampsboot.autoconfigure.client.AmpsClientLifecycle;
import org.ampsboot.autoconfigure.client.AmpsSslContextRegistration;
import org.ampsboot.autoconfigure.listener.AmpsAnnotationProcessor;
import org.ampsboot.autoconfigure.listener.ListenerRegistry;
import org.ampsboot.listener.AmpsListenerRegistry;

/**
 * Auto-configuration for the AMPS Java client: an {@link HAClient} built from {@code amps.*}
 * properties and the application's handler and strategy beans, connected by a lifecycle once
 * the context is ready, with every {@link LastChanceMessageHandler} bean and
 * {@link org.ampsboot.AmpsUnexpectedMessage} method receiving the messages nothing else handles.
 * Named clients under {@code amps.clients.<name>} get the same, each with its own beans
 * ({@link NamedClientsRegistrar}).
 * <p>
 * Single-strategy beans ({@link ExceptionListener}, {@link FailedWriteHandler},
 * {@link Authenticator}, {@link ServerChooser}, {@link ReconnectDelayStrategy},
 * {@link SubscriptionManager}, {@link FailedResubscribeHandler}, publish {@link Store},
 * {@link BookmarkStore}, {@link ThreadCreatedHandler}, {@link TransportFilter}) are used when the
 * application defines exactly one; with several, none is used and the default applies (mark
 * one {@code @Primary} to choose). Every {@link ConnectionStateListener} and
 * {@link AmpsClientCustomizer} bean is applied, in order. They apply to every client.
 * <p>
 * An application that defines its own {@link Client} bean gets neither the single client nor
 * its lifecycle and fallback wiring: it owns that client entirely.
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnClass(HAClient.class)
@Conditional(OnAmpsEnabledCondition.class)
@EnableConfigurationProperties(AmpsProperties.class)
@Import({ NamedClientsRegistrar.class, UnknownAmpsProperties.class })
public final class AmpsAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static AmpsAnnotationProcessor ampsAnnotationProcessor() {
		return new AmpsAnnotationProcessor();
	}

	/**
	 * Every listener container, of every client, by id.
	 * @return the registry
	 */
	@Bean
	static AmpsListenerRegistry ampsListenerRegistry() {
		return new ListenerRegistry();
	}

	@Bean
	@ConditionalOnMissingBean(AmpsConnectionDetails.class)
	PropertiesAmpsConnectionDetails ampsConnectionDetails(AmpsProperties properties) {
		return new PropertiesAmpsConnectionDetails(properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(Client.class)
	@Conditional(NamedClientsRegistrar.SingleClientCondition.class)
	static class ClientConfiguration {

		private final AmpsClientParts parts;

		ClientConfiguration(ConfigurableListableBeanFactory beanFactory) {
			this.parts = new AmpsClientParts(beanFactory);
		}

		@Bean
		AmpsSslContextRegistration ampsSslContextRegistration(AmpsProperties properties,
				AmpsConnectionDetails connectionDetails) {
			return this.parts.sslRegistration(properties, this.parts.uris(properties, connectionDetails, "amps."));
		}

		// No destroy method (not even the inferred close()): HAClient.close() can block for good;
		// the lifecycle closes the client, bounded.
		@Bean(destroyMethod = "")
		@Primary
		HAClient ampsClient(AmpsProperties properties, AmpsConnectionDetails connectionDetails,
				ObjectProvider<AmpsSslContextRegistration> sslRegistration) {
			List<String> uris = this.parts.uris(properties, connectionDetails, "amps.");
			sslRegistration.getIfAvailable();
			return this.parts.client(properties, "amps.", uris);
		}

		@Bean
		AmpsClientLifecycle ampsClientLifecycle(HAClient ampsClient, AmpsProperties properties,
				AmpsConnectionDetails connectionDetails) {
			return this.parts.lifecycle(ampsClient, properties,
					this.parts.uris(properties, connectionDetails, "amps."), "");
		}

	}

}
