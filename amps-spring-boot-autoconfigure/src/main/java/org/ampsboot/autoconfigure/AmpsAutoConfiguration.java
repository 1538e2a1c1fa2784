package org.ampsboot.autoconfigure;

import java.beans.ExceptionListener;
import java.util.List;

import com.crankuptheamps.client.Authenticator;
import com.crankuptheamps.client.BookmarkStore;
import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.ClientDisconnectHandler;
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
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import org.ampsboot.LastChanceMessageHandler;

/**
 * Auto-configuration for the AMPS Java client: an {@link HAClient} built from {@code amps.*}
 * properties and the application's handler and strategy beans, connected by a lifecycle once
 * the context is ready, with every {@link LastChanceMessageHandler} bean and
 * {@link org.ampsboot.AmpsUnexpectedMessage} method receiving the messages nothing else handles.
 * <p>
 * Single-strategy beans ({@link ExceptionListener}, {@link FailedWriteHandler},
 * {@link Authenticator}, {@link ServerChooser}, {@link ReconnectDelayStrategy},
 * {@link SubscriptionManager}, {@link FailedResubscribeHandler}, publish {@link Store},
 * {@link BookmarkStore}, {@link ThreadCreatedHandler}, {@link TransportFilter}) are used when the
 * application defines exactly one; with several, none is used and the default applies (mark
 * one {@code @Primary} to choose). Every {@link ConnectionStateListener} and
 * {@link AmpsClientCustomizer} bean is applied, in order.
 * <p>
 * An application that defines its own {@link Client} bean gets neither the client nor its
 * lifecycle and fallback wiring: it owns that client entirely.
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnClass(HAClient.class)
@ConditionalOnBooleanProperty(name = "amps.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AmpsProperties.class)
public final class AmpsAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static AmpsAnnotationProcessor ampsAmpsAnnotationProcessor() {
		return new AmpsAnnotationProcessor();
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
		AmpsSslContextRegistration ampsSslContextRegistration(AmpsProperties properties,
				AmpsConnectionDetails connectionDetails, ObjectProvider<SslBundles> sslBundles) {
			String bundle = properties.getSsl().getBundle();
			if (bundle != null) {
				return AmpsSslContextRegistration.register(bundle, sslBundles.getIfAvailable(),
						properties.getSsl().isVerifyHostname());
			}
			boolean tls = connectionDetails.getUris()
				.stream()
				.anyMatch((uri) -> uri.trim().toLowerCase(java.util.Locale.ROOT).startsWith("tcps:"));
			return (tls && properties.getSsl().isVerifyHostname()) ? AmpsSslContextRegistration.registerDefault()
					: null;
		}

		@Bean
		HAClient ampsClient(AmpsProperties properties, AmpsConnectionDetails connectionDetails,
				Environment environment, ObjectProvider<AmpsSslContextRegistration> sslRegistration,
				ObjectProvider<ExceptionListener> exceptionListener,
				ObjectProvider<FailedWriteHandler> failedWriteHandler,
				ObjectProvider<ConnectionStateListener> connectionStateListeners,
				ObjectProvider<Authenticator> authenticator, ObjectProvider<ServerChooser> serverChooser,
				ObjectProvider<ReconnectDelayStrategy> reconnectDelayStrategy,
				ObjectProvider<SubscriptionManager> subscriptionManager,
				ObjectProvider<FailedResubscribeHandler> failedResubscribeHandler, ObjectProvider<Store> publishStore,
				ObjectProvider<BookmarkStore> bookmarkStore, ObjectProvider<ThreadCreatedHandler> threadCreatedHandler,
				ObjectProvider<TransportFilter> transportFilter,
				ObjectProvider<ClientDisconnectHandler> disconnectHandler,
				ObjectProvider<AmpsClientCustomizer> customizers, ObjectProvider<AmpsInstrumentation> instrumentation) {
			AmpsPropertiesValidator.validate(properties);
			if (disconnectHandler.iterator().hasNext()) {
				throw new AmpsStartupException(
						"The application defines a ClientDisconnectHandler bean, but the auto-configured client is an HAClient, "
								+ "which handles disconnects itself (failover, resubscription, replay); replacing its handler would remove failover.",
						"Remove the ClientDisconnectHandler bean; to react to disconnects, define a ConnectionStateListener bean instead.");
			}
			sslRegistration.getIfAvailable();
			ServerChooser chooser = serverChooser.getIfUnique();
			HAClientFactory factory = new HAClientFactory(properties,
					instrumentation.getIfUnique(() -> AmpsInstrumentation.NONE));
			List<String> uris = (chooser != null) ? List.of() : factory.uris(uris(connectionDetails));
			String name = StringUtils.hasText(properties.getClientName()) ? properties.getClientName()
					: ClientNames.derive(environment);
			return factory.create(name, uris,
					new HAClientFactory.Beans(exceptionListener.getIfUnique(), failedWriteHandler.getIfUnique(),
							connectionStateListeners.orderedStream().toList(), authenticator.getIfUnique(), chooser,
							reconnectDelayStrategy.getIfUnique(), subscriptionManager.getIfUnique(),
							failedResubscribeHandler.getIfUnique(), publishStore.getIfUnique(),
							bookmarkStore.getIfUnique(), threadCreatedHandler.getIfUnique(),
							transportFilter.getIfUnique(), customizers.orderedStream().toList()));
		}

		@Bean
		AmpsClientLifecycle ampsClientLifecycle(HAClient ampsClient, AmpsProperties properties,
				AmpsConnectionDetails connectionDetails, ObjectProvider<ServerChooser> serverChooser,
				ObjectProvider<LastChanceMessageHandler> handlers, AmpsAnnotationProcessor methods,
				ObjectProvider<AmpsInstrumentation> instrumentation) {
			List<String> uris = (serverChooser.getIfUnique() != null) ? List.of()
					: new HAClientFactory(properties).uris(connectionDetails.getUris());
			return new AmpsClientLifecycle(ampsClient, uris, properties.getFirstConnectTimeout(),
					properties.isAutoStartup(), handlers, methods,
					instrumentation.getIfUnique(() -> AmpsInstrumentation.NONE),
					properties.getShutdown().getFlushTimeout());
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
