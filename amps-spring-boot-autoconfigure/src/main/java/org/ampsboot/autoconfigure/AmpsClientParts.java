package org.ampsboot.autoconfigure;

import java.beans.ExceptionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.crankuptheamps.client.Authenticator;
import com.crankuptheamps.client.BookmarkStore;
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

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import org.ampsboot.LastChanceMessageHandler;
import org.ampsboot.autoconfigure.client.AmpsClientLifecycle;
import org.ampsboot.autoconfigure.client.AmpsSslContextRegistration;
import org.ampsboot.autoconfigure.client.AmpsUris;
import org.ampsboot.autoconfigure.client.ClientNames;
import org.ampsboot.autoconfigure.client.HAClientFactory;
import org.ampsboot.autoconfigure.listener.AmpsAnnotationProcessor;
import org.ampsboot.autoconfigure.metrics.AmpsInstrumentation;

/**
 * Builds the parts of one AMPS client (the single one under {@code amps}, or a named one under
 * {@code amps.clients.<name>}) from its properties and the application's beans: the SSL
 * registration, the client and its lifecycle. One place, so that every client is built alike.
 */
final class AmpsClientParts {

	private final ConfigurableListableBeanFactory beanFactory;

	AmpsClientParts(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * The URIs the client connects to, checked; empty when a ServerChooser bean replaces them.
	 */
	List<String> uris(AmpsClientProperties properties, AmpsConnectionDetails connectionDetails, String prefix) {
		if (serverChooser() != null) {
			return List.of();
		}
		String source = (connectionDetails instanceof PropertiesAmpsConnectionDetails) ? prefix + "uri"
				: "The URI list of " + connectionDetails.getClass().getName();
		return checked(properties, connectionDetails.getUris(), source);
	}

	/**
	 * The URIs of a named client, from its {@code uri} property, checked; empty when a
	 * ServerChooser bean replaces them.
	 * @param prefix {@code amps.clients.<name>.}
	 */
	List<String> uris(AmpsClientProperties properties, String prefix) {
		if (serverChooser() != null) {
			return List.of();
		}
		return checked(properties, properties.getUri(), prefix + "uri");
	}

	private List<String> checked(AmpsClientProperties properties, List<String> configured, String source) {
		List<String> uris = new ArrayList<>();
		for (String uri : configured) {
			uris.add(uri.trim());
		}
		AmpsUris.validate(uris, source);
		return new HAClientFactory(properties).uris(uris);
	}

	AmpsSslContextRegistration sslRegistration(AmpsClientProperties properties, List<String> uris) {
		String bundle = properties.getSsl().getBundle();
		if (bundle != null) {
			return AmpsSslContextRegistration.register(bundle, provider(SslBundles.class).getIfAvailable(),
					properties.getSsl().isVerifyHostname());
		}
		for (String uri : uris) {
			if (uri.toLowerCase(Locale.ROOT).startsWith("tcps:")) {
				return properties.getSsl().isVerifyHostname() ? AmpsSslContextRegistration.registerDefault() : null;
			}
		}
		return null;
	}

	HAClient client(AmpsClientProperties properties, String prefix, List<String> uris) {
		AmpsPropertiesValidator.validate(properties, prefix);
		AmpsClientsValidator.validate(this.beanFactory.getBean(AmpsProperties.class),
				this.beanFactory.containsBeanDefinition("ampsClient"));
		if (hasAny(ClientDisconnectHandler.class) && provider(ClientDisconnectHandler.class).iterator().hasNext()) {
			throw new AmpsStartupException(
					"The application defines a ClientDisconnectHandler bean, but the auto-configured client is an HAClient, "
							+ "which handles disconnects itself (failover, resubscription, replay); replacing its handler would remove failover.",
					"Remove the ClientDisconnectHandler bean; to react to disconnects, define a ConnectionStateListener bean instead.");
		}
		HAClientFactory factory = new HAClientFactory(properties, instrumentation(), prefix);
		String name = StringUtils.hasText(properties.getClientName()) ? properties.getClientName()
				: ClientNames.derive(this.beanFactory.getBean(Environment.class));
		return factory.create(name, uris,
				new HAClientFactory.Beans(provider(ExceptionListener.class).getIfUnique(),
						provider(FailedWriteHandler.class).getIfUnique(),
						ordered(ConnectionStateListener.class),
						provider(Authenticator.class).getIfUnique(), serverChooser(),
						provider(ReconnectDelayStrategy.class).getIfUnique(),
						provider(SubscriptionManager.class).getIfUnique(),
						provider(FailedResubscribeHandler.class).getIfUnique(), provider(Store.class).getIfUnique(),
						provider(BookmarkStore.class).getIfUnique(), provider(ThreadCreatedHandler.class).getIfUnique(),
						provider(TransportFilter.class).getIfUnique(),
						ordered(AmpsClientCustomizer.class)));
	}

	/**
	 * The lifecycle of a client, with the fallbacks meant for it.
	 * @param clientName the client's name in {@code amps.clients}, or {@code ""} for the single
	 * client
	 */
	AmpsClientLifecycle lifecycle(HAClient client, AmpsClientProperties properties, List<String> uris,
			String clientName) {
		return new AmpsClientLifecycle(client, uris, properties.getFirstConnectTimeout(), properties.isAutoStartup(),
				provider(LastChanceMessageHandler.class), this.beanFactory.getBean(AmpsAnnotationProcessor.class),
				clientName, instrumentation(), properties.getShutdown().getFlushTimeout());
	}

	AmpsInstrumentation instrumentation() {
		return AmpsInstrumentation.of(provider(AmpsInstrumentation.class));
	}

	private ServerChooser serverChooser() {
		return provider(ServerChooser.class).getIfUnique();
	}

	/**
	 * The beans of a type, in order; without the stream when there is none (the common case).
	 */
	private <T> List<T> ordered(Class<T> type) {
		return hasAny(type) ? provider(type).orderedStream().toList() : List.of();
	}

	/**
	 * Whether a bean of the type may exist: the names an {@code ObjectProvider}'s stream starts
	 * from, without the stream (its first use spins classes of Spring's).
	 */
	private boolean hasAny(Class<?> type) {
		return BeanFactoryUtils.beanNamesForTypeIncludingAncestors(this.beanFactory, type, true, true).length > 0;
	}

	private <T> ObjectProvider<T> provider(Class<T> type) {
		return this.beanFactory.getBeanProvider(type);
	}

}
