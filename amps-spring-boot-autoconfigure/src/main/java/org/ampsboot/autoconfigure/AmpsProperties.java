package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for AMPS, under {@code amps}: the single client's settings
 * ({@code amps.uri}, ...) and, for applications that talk to several AMPS instances, named
 * clients under {@code amps.clients.<name>}, each with every setting a single client has.
 */
@ConfigurationProperties("amps")
public class AmpsProperties extends AmpsClientProperties {

	/**
	 * Whether to auto-configure AMPS clients.
	 */
	private boolean enabled = true;

	/**
	 * Named clients, each with every setting of the single client (amps.clients.<name>.uri,
	 * ...). Each gets its own client bean (qualified by its name), lifecycle, template and
	 * listeners.
	 */
	private Map<String, AmpsClientProperties> clients = new LinkedHashMap<>();

	/**
	 * The listener containers of every client.
	 */
	private final Listener listener = new Listener();

	public Listener getListener() {
		return this.listener;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, AmpsClientProperties> getClients() {
		return this.clients;
	}

	public void setClients(Map<String, AmpsClientProperties> clients) {
		this.clients = clients;
	}

	/**
	 * Listener containers ({@code amps.listener}).
	 */
	public static class Listener {

		/**
		 * Whether listener containers start with the application (each subscribes once its
		 * client has logged on). An @AmpsListener's autoStartup attribute overrides it.
		 */
		private boolean autoStartup = true;

		/**
		 * How long a running container may receive nothing before an AmpsListenerEvent.Idle is
		 * published (and again after each further interval). Unset: no idle events.
		 */
		private Duration idleEventInterval;

		/**
		 * Whether each listener call is observed (amps.listener, with Micrometer's
		 * ObservationRegistry), as a child of the publisher's trace when the message carries one.
		 * The amps.listener.messages timer is recorded either way.
		 */
		private boolean observationEnabled;

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		/**
		 * Where listeners run, unless an @AmpsListener (or endpoint) says otherwise.
		 */
		private final Dispatch dispatch = new Dispatch();

		/**
		 * Batch listeners (those that take a List), unless an @AmpsListener says otherwise.
		 */
		private final Batch batch = new Batch();

		public Duration getIdleEventInterval() {
			return this.idleEventInterval;
		}

		public void setIdleEventInterval(Duration idleEventInterval) {
			this.idleEventInterval = idleEventInterval;
		}

		public Dispatch getDispatch() {
			return this.dispatch;
		}

		public Batch getBatch() {
			return this.batch;
		}

		/**
		 * Listener dispatch ({@code amps.listener.dispatch}).
		 */
		public static class Dispatch {

			/**
			 * Where listeners run: receive-thread (on the client's receive thread, the
			 * fastest; heartbeats are not read while a listener runs), or handed off to an
			 * executor ordered per-key (per SOW key), per-topic, or unordered.
			 */
			private org.ampsboot.AmpsListener.Dispatch mode = org.ampsboot.AmpsListener.Dispatch.RECEIVE_THREAD;

			/**
			 * With a hand-off: how many messages of one listener are processed at once, at most.
			 */
			private int concurrency = 4;

			/**
			 * With a hand-off: how many messages of one listener may be handed off and not yet
			 * processed, at most. When that many are in flight, the client's receive thread waits
			 * (and reads nothing else, heartbeats included, meanwhile).
			 */
			private int maxInFlight = 256;

			/**
			 * With a hand-off: the name of the Executor bean that runs listeners. Unset: virtual
			 * threads when spring.threads.virtual.enabled=true (Java 21 and later), else the
			 * starter's own threads, one set per listener, named after its container.
			 */
			private String executor;

			public org.ampsboot.AmpsListener.Dispatch getMode() {
				return this.mode;
			}

			public void setMode(org.ampsboot.AmpsListener.Dispatch mode) {
				this.mode = mode;
			}

			public int getConcurrency() {
				return this.concurrency;
			}

			public void setConcurrency(int concurrency) {
				this.concurrency = concurrency;
			}

			public int getMaxInFlight() {
				return this.maxInFlight;
			}

			public void setMaxInFlight(int maxInFlight) {
				this.maxInFlight = maxInFlight;
			}

			public String getExecutor() {
				return this.executor;
			}

			public void setExecutor(String executor) {
				this.executor = executor;
			}

		}

		/**
		 * Batch listeners ({@code amps.listener.batch}).
		 */
		public static class Batch {

			/**
			 * At most this many messages per call of a batch listener.
			 */
			private int maxMessages = 100;

			/**
			 * How long a batch waits, at most, after its first message for more to arrive.
			 */
			private Duration maxWait = Duration.ofMillis(100);

			public int getMaxMessages() {
				return this.maxMessages;
			}

			public void setMaxMessages(int maxMessages) {
				this.maxMessages = maxMessages;
			}

			public Duration getMaxWait() {
				return this.maxWait;
			}

			public void setMaxWait(Duration maxWait) {
				this.maxWait = maxWait;
			}

		}

	}

}
