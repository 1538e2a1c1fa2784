package org.ampsboot.autoconfigure.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.crankuptheamps.client.ConnectionStateListener;
import com.crankuptheamps.client.HAClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;

import org.ampsboot.LastChanceMessageHandler;
import org.ampsboot.autoconfigure.AmpsStartupException;
import org.ampsboot.autoconfigure.fallback.FallbackDispatcher;
import org.ampsboot.autoconfigure.fallback.LoggingFallbackHandler;
import org.ampsboot.autoconfigure.fallback.UnexpectedMessageMethod;
import org.ampsboot.autoconfigure.fallback.UnexpectedMessageMethods;
import org.ampsboot.autoconfigure.metrics.AmpsInstrumentation;

/**
 * Connects and logs on the auto-configured client once every singleton exists, so that every
 * fallback handler is in place before the first frame can arrive, and disconnects it when the
 * context stops.
 * <p>
 * Runs in phase {@link #PHASE}: it starts before, and stops after, Spring Boot's web server and
 * the default phase in which message listener containers run.
 * <p>
 * Internal: not API (public only because the auto-configuration that registers it, and the
 * listener containers that start after it, live in other packages).
 */
public final class AmpsClientLifecycle implements SmartLifecycle, ApplicationEventPublisherAware, DisposableBean {

	/**
	 * The lifecycle phase of the client: earlier than the web server (which starts in
	 * {@code DEFAULT_PHASE - 2048}).
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Log logger = LogFactory.getLog(AmpsClientLifecycle.class);

	private final HAClient client;

	private final List<String> uris;

	private final Duration firstConnectTimeout;

	private final ObjectProvider<LastChanceMessageHandler> handlerBeans;

	private final UnexpectedMessageMethods methods;

	private final Redactor redactor;

	private final boolean autoStartup;

	private final String clientName;

	private final AmpsInstrumentation instrumentation;

	private final ClientShutdown shutdown;

	private final CallBoundedReconnect reconnect;

	private ApplicationEventPublisher eventPublisher;

	private volatile boolean running;

	private volatile boolean reconnecting;

	private volatile boolean loggedOn;

	public AmpsClientLifecycle(HAClient client, List<String> uris, Duration firstConnectTimeout, boolean autoStartup,
			ObjectProvider<LastChanceMessageHandler> handlerBeans, UnexpectedMessageMethods methods, String clientName,
			AmpsInstrumentation instrumentation, Duration shutdownFlushTimeout) {
		this.clientName = clientName;
		this.client = client;
		this.autoStartup = autoStartup;
		this.instrumentation = instrumentation;
		this.uris = List.copyOf(uris);
		this.firstConnectTimeout = firstConnectTimeout;
		this.handlerBeans = handlerBeans;
		this.methods = methods;
		this.redactor = new Redactor(uris);
		this.shutdown = new ClientShutdown(client, shutdownFlushTimeout, this.redactor);
		this.reconnect = new CallBoundedReconnect(client);
		client.addConnectionStateListener(new StateListener(this));
	}

	/**
	 * Follows the connection state for the log (a class, not a lambda: one class less to spin at
	 * start-up; not a record, whose hashCode, called as the client adds it to a set, is linked
	 * through method handles on first use: about 1 ms of a cold start).
	 */
	private static final class StateListener implements ConnectionStateListener {

		private final AmpsClientLifecycle lifecycle;

		StateListener(AmpsClientLifecycle lifecycle) {
			this.lifecycle = lifecycle;
		}

		@Override
		public void connectionStateChanged(int state) {
			this.lifecycle.logConnectionState(state);
		}

	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		FallbackDispatcher dispatcher = new FallbackDispatcher(this.client, fallbacks(), this.instrumentation);
		this.client.setLastChanceMessageHandler(dispatcher);
		FirstConnectGuard guard = new FirstConnectGuard(this.firstConnectTimeout, this.client.getName());
		this.client.setServerChooser(guard.guard(this.client.getServerChooser()));
		this.client.setReconnectDelayStrategy(
				this.reconnect.guard(guard.guard(this.client.getReconnectDelayStrategy())));
		try {
			this.client.connectAndLogon();
		}
		catch (Exception ex) {
			guard.finished();
			disconnectQuietly();
			throw startupFailure(guard, ex);
		}
		guard.finished();
		this.reconnect.started();
		this.shutdown.started();
		this.running = true;
		AmpsReaderMonitor monitor = AmpsReaderMonitor.of(this.client);
		if (monitor != null) {
			monitor.start(this.eventPublisher);
		}
		if (logger.isInfoEnabled()) {
			logger.info("Logged on to AMPS at " + AmpsUris.mask(String.valueOf(this.client.getURI())) + " as '"
					+ this.client.getName() + "' (server version " + serverVersion() + ", " + dispatcher.size()
					+ " fallback handler(s))");
		}
	}

	private void logConnectionState(int state) {
		if (state == ConnectionStateListener.LoggedOn) {
			this.loggedOn = true;
		}
		else if (state == ConnectionStateListener.Disconnected || state == ConnectionStateListener.Shutdown) {
			this.loggedOn = false;
		}
		if (!this.running) {
			return;
		}
		// A reconnect attempt that fails reports Disconnected again: one WARN per lost connection.
		if (state == ConnectionStateListener.Disconnected && !this.reconnecting) {
			this.reconnecting = true;
			logger.warn("AMPS client '" + this.client.getName() + "' lost its connection to "
					+ AmpsUris.mask(String.valueOf(this.client.getURI())) + "; reconnecting");
		}
		else if (state == ConnectionStateListener.LoggedOn && this.reconnecting) {
			this.reconnecting = false;
			logger.warn("AMPS client '" + this.client.getName() + "' reconnected and logged on to "
					+ AmpsUris.mask(String.valueOf(this.client.getURI())) + " (server version " + serverVersion()
					+ ")");
		}
	}

	private List<LastChanceMessageHandler> fallbacks() {
		List<LastChanceMessageHandler> fallbacks = new ArrayList<>(this.handlerBeans.orderedStream().toList());
		for (UnexpectedMessageMethod method : this.methods.getMethods()) {
			if (method.isFor(this.clientName)) {
				fallbacks.add(method.forClient(this.client));
			}
		}
		if (fallbacks.isEmpty()) {
			fallbacks.add(new LoggingFallbackHandler());
		}
		return fallbacks;
	}

	private String serverVersion() {
		try {
			return this.client.getServerVersionInfo().getVersionString();
		}
		catch (RuntimeException ex) {
			return "unknown";
		}
	}

	private AmpsStartupException startupFailure(FirstConnectGuard guard, Exception failure) {
		if (guard.credentialsRefused()) {
			return new AmpsStartupException(
					"AMPS authentication failed at " + AmpsUris.mask(guard.refusedUri()) + " for client '"
							+ this.client.getName() + "': " + this.redactor.describe(guard.refusal()),
					"Check the user name and password (the user-info of amps.uri, amps.username and amps.password, or the Authenticator bean in use).");
		}
		StringBuilder description = new StringBuilder("Could not connect and log on to AMPS within ")
			.append(this.firstConnectTimeout.toMillis())
			.append(" ms as client '")
			.append(this.client.getName())
			.append("'.");
		Map<String, Exception> lastErrors = guard.lastErrors();
		List<String> servers = new ArrayList<>(this.uris);
		lastErrors.keySet().stream().filter((uri) -> !servers.contains(uri)).forEach(servers::add);
		for (String uri : servers) {
			Exception error = lastErrors.get(uri);
			description.append(System.lineSeparator())
				.append("  ")
				.append(AmpsUris.mask(uri))
				.append(": ")
				.append((error != null) ? this.redactor.describe(error) : "no error reported");
		}
		if (lastErrors.isEmpty()) {
			description.append(System.lineSeparator())
				.append("  client: ")
				.append(this.redactor.describe(failure));
		}
		return new AmpsStartupException(description.toString(),
				"Check that AMPS runs at these addresses and that they are reachable, or raise amps.first-connect-timeout.");
	}

	private void disconnectQuietly() {
		try {
			this.client.disconnect();
		}
		catch (RuntimeException ex) {
			logger.debug("Disconnecting the AMPS client after a failed start failed", ex);
		}
	}

	/**
	 * Stops gracefully ({@link ClientShutdown}): refuses further template publishes, waits up to
	 * {@code amps.shutdown.flush-timeout} for AMPS to acknowledge what was published and for
	 * pending queue acknowledgements to go out, disconnects and logs how many publishes AMPS did
	 * not acknowledge. Listener subscriptions were removed before (their lifecycle stops first).
	 */
	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.reconnect.stop();
		AmpsReaderMonitor monitor = AmpsReaderMonitor.of(this.client);
		if (monitor != null) {
			monitor.stop();
		}
		this.shutdown.stop(this.loggedOn);
	}

	/**
	 * Closes the client, bounded: the client bean has no destroy method of its own, since
	 * {@code HAClient.close()} can block for good (a wedged reader thread).
	 */
	@Override
	public void destroy() {
		this.shutdown.close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
