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

		/**
		 * What becomes of a message its listener failed on, once retries are exhausted:
		 * log-and-skip (a queue message with automatic acknowledgement returns to the queue),
		 * dead-letter (republished to amps.listener.dead-letter-topic with the reason in its
		 * correlation id), or stop-container. An AmpsListenerRecoverer bean replaces it.
		 */
		private Recoverer recoverer = Recoverer.LOG_AND_SKIP;

		/**
		 * The dead-letter topic, for recoverer=dead-letter; {topic} stands for the failed
		 * message's topic.
		 */
		private String deadLetterTopic = "{topic}.DLT";

		/**
		 * Retries of a listener that throws, on the thread that called it.
		 */
		private final Retry retry = new Retry();

		public Recoverer getRecoverer() {
			return this.recoverer;
		}

		public void setRecoverer(Recoverer recoverer) {
			this.recoverer = recoverer;
		}

		public String getDeadLetterTopic() {
			return this.deadLetterTopic;
		}

		public void setDeadLetterTopic(String deadLetterTopic) {
			this.deadLetterTopic = deadLetterTopic;
		}

		public Retry getRetry() {
			return this.retry;
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

		/**
		 * What becomes of a message its listener failed on.
		 */
		public enum Recoverer {

			/** Log (throttled) and skip; a queue message with automatic acknowledgement returns to the queue. */
			LOG_AND_SKIP,

			/** Republish to the dead-letter topic, the reason in the correlation id. */
			DEAD_LETTER,

			/** Stop the listener's container; the message is not handled. */
			STOP_CONTAINER

		}

	}

	/**
	 * Retries of a failed listener ({@code amps.listener.retry}), with an exponential back-off.
	 */
	public static class Retry {

		/**
		 * Whether a listener that throws is called again before the message goes to the
		 * recoverer.
		 */
		private boolean enabled;

		/**
		 * The most retries after the first attempt.
		 */
		private long maxRetries = 3;

		/**
		 * The wait before the first retry.
		 */
		private Duration initialInterval = Duration.ofMillis(100);

		/**
		 * The factor each wait is multiplied by for the next.
		 */
		private double multiplier = 2.0;

		/**
		 * The longest wait between two retries.
		 */
		private Duration maxInterval = Duration.ofSeconds(1);

		/**
		 * The bound on the time from the failure to the start of the last retry. The retries
		 * block the thread that called the listener (the client's receive thread unless the
		 * listener is dispatched to an executor), so keep it under the heartbeat timeout there.
		 */
		private Duration maxElapsedTime = Duration.ofSeconds(2);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public long getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(long maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		public Duration getMaxElapsedTime() {
			return this.maxElapsedTime;
		}

		public void setMaxElapsedTime(Duration maxElapsedTime) {
			this.maxElapsedTime = maxElapsedTime;
		}

	}

}
