package org.ampsboot.autoconfigure.client;

import java.beans.ExceptionListener;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.crankuptheamps.client.Authenticator;
import com.crankuptheamps.client.BookmarkStore;
import com.crankuptheamps.client.ConnectionInfo;
import com.crankuptheamps.client.ConnectionStateListener;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.ExponentialDelayStrategy;
import com.crankuptheamps.client.FailedResubscribeHandler;
import com.crankuptheamps.client.FailedWriteHandler;
import com.crankuptheamps.client.FixedDelayStrategy;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.MemoryBookmarkStore;
import com.crankuptheamps.client.ReconnectDelayStrategy;
import com.crankuptheamps.client.ServerChooser;
import com.crankuptheamps.client.Store;
import com.crankuptheamps.client.SubscriptionManager;
import com.crankuptheamps.client.ThreadCreatedHandler;
import com.crankuptheamps.client.TransportFilter;
import com.crankuptheamps.client.exception.AlreadyConnectedException;

import org.springframework.util.StringUtils;

import org.ampsboot.CallWatch;
import org.ampsboot.PublishConfirmations;
import org.ampsboot.autoconfigure.AmpsClientCustomizer;
import org.ampsboot.autoconfigure.AmpsClientProperties;
import org.ampsboot.autoconfigure.AmpsStartupException;
import org.ampsboot.autoconfigure.metrics.AmpsInstrumentation;

/**
 * Builds the auto-configured {@link HAClient}: properties first, then the application's handler
 * and strategy beans, then its {@link AmpsClientCustomizer customizers}. Every value is checked
 * first ({@code AmpsPropertiesValidator}, in the auto-configuration), so a bad one fails before
 * the client exists.
 * <p>
 * Internal: not API (public only because the auto-configuration, which builds the clients with
 * it, lives in another package).
 */
public final class HAClientFactory {

	/** The application's beans that shape the client; {@code null} where it has none. */
	public record Beans(ExceptionListener exceptionListener, FailedWriteHandler failedWriteHandler,
			List<ConnectionStateListener> connectionStateListeners, Authenticator authenticator,
			ServerChooser serverChooser, ReconnectDelayStrategy reconnectDelayStrategy,
			SubscriptionManager subscriptionManager, FailedResubscribeHandler failedResubscribeHandler,
			Store publishStore, BookmarkStore bookmarkStore, ThreadCreatedHandler threadCreatedHandler,
			TransportFilter transportFilter, List<AmpsClientCustomizer> customizers) {
	}

	private final AmpsClientProperties properties;

	private final AmpsInstrumentation instrumentation;

	/** The prefix of the client's property names in messages: {@code amps.} or {@code amps.clients.<name>.}. */
	private final String prefix;

	public HAClientFactory(AmpsClientProperties properties) {
		this(properties, AmpsInstrumentation.NONE);
	}

	HAClientFactory(AmpsClientProperties properties, AmpsInstrumentation instrumentation) {
		this(properties, instrumentation, "amps.");
	}

	public HAClientFactory(AmpsClientProperties properties, AmpsInstrumentation instrumentation, String prefix) {
		this.properties = properties;
		this.instrumentation = instrumentation;
		this.prefix = prefix;
	}

	/**
	 * The URIs the client connects to: the connection details' URIs with
	 * {@code amps.username}/{@code amps.password} added to those without user-info.
	 */
	public List<String> uris(List<String> detailUris) {
		List<String> uris = new ArrayList<>();
		for (String uri : detailUris) {
			uris.add(withCredentials(uri.trim()));
		}
		return uris;
	}

	private String withCredentials(String uri) {
		String username = this.properties.getUsername();
		if (!StringUtils.hasText(username)) {
			return uri;
		}
		int start = uri.indexOf("://");
		if (start < 0) {
			return uri;
		}
		int authorityEnd = uri.indexOf('/', start + 3);
		String authority = uri.substring(start + 3, (authorityEnd < 0) ? uri.length() : authorityEnd);
		if (authority.contains("@")) {
			return uri;
		}
		String userInfo = encode(username)
				+ ((this.properties.getPassword() != null) ? ":" + encode(this.properties.getPassword()) : "");
		return uri.substring(0, start + 3) + userInfo + "@" + uri.substring(start + 3);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	public HAClient create(String name, List<String> uris, Beans beans) {
		AmpsClientProperties properties = this.properties;
		HAClient client = new HAClient(name);
		ServerChooser chooser = (beans.serverChooser() != null) ? beans.serverChooser() : chooser(uris);
		if (beans.authenticator() != null) {
			chooser = new AuthenticatingServerChooser(chooser, beans.authenticator());
		}
		client.setServerChooser(chooser);
		client.setReconnectDelayStrategy((beans.reconnectDelayStrategy() != null) ? beans.reconnectDelayStrategy()
				: reconnectDelayStrategy(properties.getReconnect()));
		if (properties.getCommandTimeout() != null) {
			client.setTimeout(millis(properties.getCommandTimeout()));
		}
		if (properties.getLogonOptions() != null) {
			client.setLogonOptions(properties.getLogonOptions());
		}
		if (properties.getLogonCorrelationData() != null) {
			client.setLogonCorrelationData(properties.getLogonCorrelationData());
		}
		if (properties.getRetryOnDisconnect() != null) {
			client.setRetryOnDisconnect(properties.getRetryOnDisconnect());
		}
		if (properties.getDefaultMaxDepth() != null) {
			client.setDefaultMaxDepth(properties.getDefaultMaxDepth());
		}
		applyQueue(client, properties.getQueue());
		applyHeartbeat(client, properties.getHeartbeat());
		List<StoreFileLock> locks = new ArrayList<>();
		Store publishStore;
		BookmarkStore bookmarkStore;
		try {
			publishStore = (beans.publishStore() != null) ? beans.publishStore()
					: publishStore(properties.getPublishStore(), name, locks, PublishConfirmations.of(client));
			bookmarkStore = (beans.bookmarkStore() != null) ? beans.bookmarkStore()
					: bookmarkStore(properties.getBookmarkStore(), name, locks);
		}
		catch (RuntimeException ex) {
			locks.forEach(StoreFileLock::release);
			throw ex;
		}
		StoreFileLock.hold(client, locks);
		if (beans.publishStore() == null && publishStore != null) {
			bound(name, publishStore, properties);
			PublishConfirmations.of(client).storeInstalled();
		}
		try {
			if (publishStore != null) {
				client.setPublishStore(publishStore);
			}
			if (bookmarkStore != null) {
				client.setBookmarkStore(bookmarkStore);
			}
		}
		catch (AlreadyConnectedException ex) {
			throw new IllegalStateException("The AMPS client connected before it was configured", ex);
		}
		if (beans.subscriptionManager() != null) {
			client.setSubscriptionManager(beans.subscriptionManager());
		}
		if (beans.failedResubscribeHandler() != null) {
			client.getSubscriptionManager().setFailedResubscribeHandler(beans.failedResubscribeHandler());
		}
		new AmpsReaderMonitor(name, properties.getMaxFrameSize().toBytes(), readTimeout(properties.getHeartbeat()),
				beans.threadCreatedHandler(), beans.transportFilter())
			.install(client);
		AmpsClientProperties.PublishBatching batching = properties.getPublishBatching();
		if (batching.getSize() != null) {
			try {
				client.setPublishBatching((int) batching.getSize().toBytes(), millis(batching.getTimeout()));
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not set AMPS publish batching", ex);
			}
		}
		client.setExceptionListener((beans.exceptionListener() != null) ? beans.exceptionListener()
				: new LoggingExceptionListener(name, new Redactor(uris), CallWatch.of(client)));
		FailedWriteHandler failedWriteHandler = (beans.failedWriteHandler() != null) ? beans.failedWriteHandler()
				: new LoggingFailedWriteHandler();
		// wrapped only where something needs to hear of failed writes: the confirmed publishes over a store the
		// starter built, or the metrics; otherwise the handler is the client's as it is
		PublishConfirmations confirmations = PublishConfirmations.of(client);
		boolean confirming = confirmations.isStoreInstalled();
		client.setFailedWriteHandler((!confirming && this.instrumentation == AmpsInstrumentation.NONE) ? failedWriteHandler
				: new ConfirmingPublishStores.FailedWrites(name, confirmations, this.instrumentation, failedWriteHandler));
		for (ConnectionStateListener listener : beans.connectionStateListeners()) {
			client.addConnectionStateListener(listener);
		}
		for (AmpsClientCustomizer customizer : beans.customizers()) {
			customizer.customize(client);
		}
		return client;
	}

	private static ServerChooser chooser(List<String> uris) {
		DefaultServerChooser chooser = new DefaultServerChooser();
		for (String uri : uris) {
			chooser.add(uri);
		}
		return chooser;
	}

	static ReconnectDelayStrategy reconnectDelayStrategy(AmpsClientProperties.Reconnect reconnect) {
		if (reconnect.getStrategy() == AmpsClientProperties.Reconnect.DelayStrategy.FIXED) {
			int delay = (reconnect.getInitialDelay() != null) ? millis(reconnect.getInitialDelay()) : 200;
			return (reconnect.getMaxRetryTime() != null)
					? new FixedDelayStrategy(delay, millis(reconnect.getMaxRetryTime()))
					: new FixedDelayStrategy(delay);
		}
		ExponentialDelayStrategy strategy = new ExponentialDelayStrategy();
		if (reconnect.getInitialDelay() != null) {
			strategy.setInitialDelay(millis(reconnect.getInitialDelay()));
		}
		if (reconnect.getMaxDelay() != null) {
			strategy.setMaximumDelay(millis(reconnect.getMaxDelay()));
		}
		if (reconnect.getBackoffFactor() != null) {
			strategy.setBackoffExponent(reconnect.getBackoffFactor());
		}
		if (reconnect.getJitter() != null) {
			strategy.setJitter(reconnect.getJitter());
		}
		if (reconnect.getMaxRetryTime() != null) {
			strategy.setMaximumRetryTime(millis(reconnect.getMaxRetryTime()));
		}
		return strategy;
	}

	private static void applyQueue(HAClient client, AmpsClientProperties.Queue queue) {
		if (queue.getAutoAck() != null) {
			client.setAutoAck(queue.getAutoAck());
		}
		if (queue.getAckBatchSize() != null) {
			client.setAckBatchSize(queue.getAckBatchSize());
		}
		if (queue.getAckTimeout() != null) {
			client.setAckTimeout(queue.getAckTimeout().toMillis());
		}
	}

	private static void applyHeartbeat(HAClient client, AmpsClientProperties.Heartbeat heartbeat) {
		if (heartbeat.getInterval() == null) {
			return;
		}
		int interval = (int) heartbeat.getInterval().toSeconds();
		int readTimeout = (heartbeat.getReadTimeout() != null) ? (int) heartbeat.getReadTimeout().toSeconds()
				: 2 * interval;
		try {
			client.setHeartbeat(interval, readTimeout);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not set the AMPS heartbeat", ex);
		}
	}

	/** The heartbeat read timeout the client uses, or {@code null} without heartbeats. */
	private static Duration readTimeout(AmpsClientProperties.Heartbeat heartbeat) {
		if (heartbeat.getInterval() == null) {
			return null;
		}
		return Duration.ofSeconds((heartbeat.getReadTimeout() != null) ? heartbeat.getReadTimeout().toSeconds()
				: 2 * heartbeat.getInterval().toSeconds());
	}

	private Store publishStore(AmpsClientProperties.PublishStore store, String name, List<StoreFileLock> locks,
			PublishConfirmations confirmations) {
		Integer capacity = store.getInitialCapacity();
		try {
			return switch (store.getType()) {
				case NONE -> null;
				case MEMORY -> new ConfirmingPublishStores.Memory((capacity != null) ? capacity : 10000, confirmations);
				case FILE -> {
					String property = this.prefix + "publish-store.path";
					lock(store.getPath(), property, name, locks);
					yield PublishStoreFile.open(store.getPath(), capacity, property, confirmations);
				}
			};
		}
		catch (AmpsStartupException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new AmpsStartupException("amps.publish-store could not be created at '" + store.getPath() + "': "
					+ ex.getClass().getSimpleName() + ": " + ex.getMessage() + ".",
					(store.getType() == AmpsClientProperties.StoreType.MEMORY)
							? "Check amps.publish-store.initial-capacity: the memory store could not be allocated."
							: "Check amps.publish-store.path: its directory must exist and be writable.");
		}
	}

	/** The default bound of a memory publish store, in bytes. */
	static final long DEFAULT_MEMORY_STORE_MAX_BYTES = 64L * 1024 * 1024;

	private static void bound(String name, Store store, AmpsClientProperties properties) {
		AmpsClientProperties.PublishStore settings = properties.getPublishStore();
		Long maxBytes = (settings.getMaxBytes() != null) ? Long.valueOf(settings.getMaxBytes().toBytes())
				: (settings.getType() == AmpsClientProperties.StoreType.MEMORY) ? DEFAULT_MEMORY_STORE_MAX_BYTES : null;
		if (maxBytes == null) {
			return;
		}
		store.setResizeHandler(new PublishStoreBound(name, maxBytes,
				properties.getTemplate().publishBound()));
	}

	private BookmarkStore bookmarkStore(AmpsClientProperties.BookmarkStore store, String name,
			List<StoreFileLock> locks) {
		try {
			return switch (store.getType()) {
				case NONE -> null;
				case MEMORY -> new MemoryBookmarkStore();
				case FILE -> {
					lock(store.getPath(), this.prefix + "bookmark-store.path", name, locks);
					yield new PruningBookmarkStore(store.getPath(), store.getPruneThreshold().toBytes());
				}
			};
		}
		catch (AmpsStartupException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new AmpsStartupException("amps.bookmark-store could not be created at '" + store.getPath()
					+ "': " + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ".",
					"Check amps.bookmark-store.path: its directory must exist and be writable.");
		}
	}

	private static void lock(String path, String property, String name, List<StoreFileLock> locks) {
		StoreFileLock lock = StoreFileLock.acquire(path, property, name);
		if (lock != null) {
			locks.add(lock);
		}
	}

	static int millis(Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
	}

	/**
	 * A server chooser whose every URI logs on with the application's {@link Authenticator}.
	 */
	private record AuthenticatingServerChooser(ServerChooser delegate, Authenticator authenticator)
			implements ServerChooser {

		@Override
		public String getCurrentURI() {
			return this.delegate.getCurrentURI();
		}

		@Override
		public Authenticator getCurrentAuthenticator() {
			return this.authenticator;
		}

		@Override
		public void reportFailure(Exception exception, ConnectionInfo info) throws Exception {
			this.delegate.reportFailure(exception, info);
		}

		@Override
		public void reportSuccess(ConnectionInfo info) {
			this.delegate.reportSuccess(info);
		}

		@Override
		public String getError() {
			return this.delegate.getError();
		}

	}

}
