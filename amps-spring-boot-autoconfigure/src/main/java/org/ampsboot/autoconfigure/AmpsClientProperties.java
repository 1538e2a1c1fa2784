package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.util.unit.DataSize;

import org.ampsboot.autoconfigure.client.AmpsUris;

/**
 * The settings of one AMPS client: those of the single client under {@code amps}, and of each
 * named client under {@code amps.clients.<name>}. A property left unset keeps the AMPS
 * client's own default.
 */
public class AmpsClientProperties {

	/**
	 * Whether to connect and log on when the application context starts. When false, the
	 * client bean exists but connects only when the lifecycle bean is started explicitly.
	 */
	private boolean autoStartup = true;

	/**
	 * AMPS server URIs such as tcp://user:password@host:9007/amps/json: one, or several as a
	 * comma-separated string or a list. Several mean failover, tried in the order given.
	 */
	private List<String> uri = new ArrayList<>();

	/**
	 * User name to log on with, for URIs that carry no user-info of their own (a URI's own
	 * user-info wins).
	 */
	private String username;

	/**
	 * Password to log on with, for URIs that carry no user-info of their own. Never logged.
	 */
	private String password;

	/**
	 * Name the client logs on with. AMPS refuses two connections with one name, so two clients
	 * of one application may not share it. By default it is derived from
	 * spring.application.name and the host name and made unique per process. Required with a
	 * file publish store: AMPS recognises replayed publishes as duplicates by client name.
	 */
	private String clientName;

	/**
	 * Options sent with every logon, for example "pretty" or "ack_conflation=100ms".
	 */
	private String logonOptions;

	/**
	 * Correlation data sent with every logon (AMPS shows it in its client status and logs).
	 */
	private String logonCorrelationData;

	/**
	 * Maximum time for the first connection and logon at startup, across every server and
	 * retry. Startup fails when it is exceeded. Checked between attempts, so one attempt may
	 * overrun it by up to the command timeout.
	 */
	private Duration firstConnectTimeout = Duration.ofSeconds(30);

	/**
	 * Timeout of the logon and resubscribe commands the client sends after each connection
	 * (the client's default is 10s).
	 */
	private Duration commandTimeout;

	/**
	 * Whether the client re-sends subscriptions and other commands that were in flight when the
	 * connection dropped.
	 */
	private Boolean retryOnDisconnect;

	/**
	 * Default maximum number of messages buffered for each message stream the client opens.
	 */
	private Integer defaultMaxDepth;

	/**
	 * Largest frame accepted from AMPS. A frame announcing more is refused before the client
	 * allocates it (the client would allocate the announced length at once): health goes DOWN
	 * and the client reconnects.
	 */
	private DataSize maxFrameSize = DataSize.ofMegabytes(64);

	private final Heartbeat heartbeat = new Heartbeat();

	private final PublishBatching publishBatching = new PublishBatching();

	private final Reconnect reconnect = new Reconnect();

	private final PublishStore publishStore = new PublishStore();

	private final BookmarkStore bookmarkStore = new BookmarkStore();

	private final Queue queue = new Queue();

	private final Ssl ssl = new Ssl();

	private final Template template = new Template();

	private final Shutdown shutdown = new Shutdown();

	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	public List<String> getUri() {
		return this.uri;
	}

	public void setUri(List<String> uri) {
		this.uri = uri;
	}

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public String getClientName() {
		return this.clientName;
	}

	public void setClientName(String clientName) {
		this.clientName = clientName;
	}

	public String getLogonOptions() {
		return this.logonOptions;
	}

	public void setLogonOptions(String logonOptions) {
		this.logonOptions = logonOptions;
	}

	public String getLogonCorrelationData() {
		return this.logonCorrelationData;
	}

	public void setLogonCorrelationData(String logonCorrelationData) {
		this.logonCorrelationData = logonCorrelationData;
	}

	public Duration getFirstConnectTimeout() {
		return this.firstConnectTimeout;
	}

	public void setFirstConnectTimeout(Duration firstConnectTimeout) {
		this.firstConnectTimeout = firstConnectTimeout;
	}

	public Duration getCommandTimeout() {
		return this.commandTimeout;
	}

	public void setCommandTimeout(Duration commandTimeout) {
		this.commandTimeout = commandTimeout;
	}

	public Boolean getRetryOnDisconnect() {
		return this.retryOnDisconnect;
	}

	public void setRetryOnDisconnect(Boolean retryOnDisconnect) {
		this.retryOnDisconnect = retryOnDisconnect;
	}

	public Integer getDefaultMaxDepth() {
		return this.defaultMaxDepth;
	}

	public void setDefaultMaxDepth(Integer defaultMaxDepth) {
		this.defaultMaxDepth = defaultMaxDepth;
	}

	public DataSize getMaxFrameSize() {
		return this.maxFrameSize;
	}

	public void setMaxFrameSize(DataSize maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	public Heartbeat getHeartbeat() {
		return this.heartbeat;
	}

	public PublishBatching getPublishBatching() {
		return this.publishBatching;
	}

	public Reconnect getReconnect() {
		return this.reconnect;
	}

	public PublishStore getPublishStore() {
		return this.publishStore;
	}

	public BookmarkStore getBookmarkStore() {
		return this.bookmarkStore;
	}

	public Queue getQueue() {
		return this.queue;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Template getTemplate() {
		return this.template;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "{autoStartup=" + this.autoStartup + ", uri="
				+ AmpsUris.maskAll(this.uri) + ", username=" + this.username + ", password="
				+ ((this.password != null) ? AmpsUris.MASK : null) + ", clientName=" + this.clientName
				+ ", firstConnectTimeout=" + this.firstConnectTimeout + "}";
	}

	/**
	 * Heartbeats: the client asks AMPS for one at each interval and treats a silent connection
	 * as dead after the read timeout, then fails over.
	 */
	public static class Heartbeat {

		/**
		 * Interval at which AMPS sends heartbeats (whole seconds). Unset: no heartbeat.
		 */
		private Duration interval;

		/**
		 * Time without any traffic after which the client closes the connection and fails over
		 * (whole seconds, at least the interval). Defaults to twice the interval.
		 */
		private Duration readTimeout;

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

	}

	/**
	 * Publish batching: the client collects small publishes and writes them together.
	 */
	public static class PublishBatching {

		/**
		 * Largest batch the client collects before writing it. Unset: no batching.
		 */
		private DataSize size;

		/**
		 * Longest time a batch waits before it is written. Required with a size.
		 */
		private Duration timeout;

		public DataSize getSize() {
			return this.size;
		}

		public void setSize(DataSize size) {
			this.size = size;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * How long the client waits before each reconnection attempt. Replaced entirely by a
	 * ReconnectDelayStrategy bean.
	 */
	public static class Reconnect {

		/**
		 * Delay strategy: exponential (the client's default) or fixed.
		 */
		private DelayStrategy strategy = DelayStrategy.EXPONENTIAL;

		/**
		 * Delay before the first reconnection attempt (exponential), or between all attempts
		 * (fixed).
		 */
		private Duration initialDelay;

		/**
		 * Longest delay between two attempts.
		 */
		private Duration maxDelay;

		/**
		 * Factor by which the exponential delay grows after each failed attempt (at least 1).
		 */
		private Double backoffFactor;

		/**
		 * Random jitter factor added to the exponential delay (0 for none).
		 */
		private Double jitter;

		/**
		 * Time after which the client stops trying to reconnect. Unset: it tries forever.
		 */
		private Duration maxRetryTime;

		public DelayStrategy getStrategy() {
			return this.strategy;
		}

		public void setStrategy(DelayStrategy strategy) {
			this.strategy = strategy;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public Double getBackoffFactor() {
			return this.backoffFactor;
		}

		public void setBackoffFactor(Double backoffFactor) {
			this.backoffFactor = backoffFactor;
		}

		public Double getJitter() {
			return this.jitter;
		}

		public void setJitter(Double jitter) {
			this.jitter = jitter;
		}

		public Duration getMaxRetryTime() {
			return this.maxRetryTime;
		}

		public void setMaxRetryTime(Duration maxRetryTime) {
			this.maxRetryTime = maxRetryTime;
		}

		/**
		 * Reconnect delay strategies of the AMPS client.
		 */
		public enum DelayStrategy {

			/**
			 * ExponentialDelayStrategy: the delay grows by the backoff factor up to the maximum.
			 */
			EXPONENTIAL,

			/**
			 * FixedDelayStrategy: the same delay before every attempt.
			 */
			FIXED

		}

	}

	/**
	 * Where the client keeps published messages until AMPS acknowledges them as persisted, so
	 * that they are replayed after a reconnect. Replaced by a publish Store bean.
	 */
	public static class PublishStore {

		/**
		 * Kind of publish store: none, memory or file.
		 */
		private StoreType type = StoreType.NONE;

		/**
		 * Initial capacity of the store, in blocks.
		 */
		private Integer initialCapacity;

		/**
		 * File of a file-backed store. Required when the type is file, with a client name. A
		 * damaged file fails startup; a truncated one starts with a WARN giving what was
		 * recovered. No two clients may share it.
		 */
		private String path;

		/**
		 * Most memory (or file space) the store grows to. At the bound a publish waits (up to
		 * amps.template.publish-timeout) for AMPS to acknowledge earlier ones and free room,
		 * then fails with AmpsOperationException; the message is neither stored nor sent.
		 * Unset: 64MB for a memory store, no bound for a file store.
		 */
		private DataSize maxBytes;

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

		public StoreType getType() {
			return this.type;
		}

		public void setType(StoreType type) {
			this.type = type;
		}

		public Integer getInitialCapacity() {
			return this.initialCapacity;
		}

		public void setInitialCapacity(Integer initialCapacity) {
			this.initialCapacity = initialCapacity;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

	/**
	 * Where the client records the bookmarks of messages received on bookmark subscriptions,
	 * so that they resume where they left off. Replaced by a BookmarkStore bean.
	 */
	public static class BookmarkStore {

		/**
		 * Kind of bookmark store: none, memory or file.
		 */
		private StoreType type = StoreType.NONE;

		/**
		 * File of a file-backed store. Required when the type is file.
		 */
		private String path;

		/**
		 * Size past which a file bookmark store is pruned (its file holds an entry for every
		 * message received and processed until then; a prune keeps what a resume needs). Read every
		 * 1,000 processed messages; when a prune leaves more than this, the next waits until the
		 * file has doubled.
		 */
		private DataSize pruneThreshold = DataSize.ofMegabytes(1);

		public StoreType getType() {
			return this.type;
		}

		public void setType(StoreType type) {
			this.type = type;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public DataSize getPruneThreshold() {
			return this.pruneThreshold;
		}

		public void setPruneThreshold(DataSize pruneThreshold) {
			this.pruneThreshold = pruneThreshold;
		}

	}

	/**
	 * Kinds of client-side store.
	 */
	public enum StoreType {

		/**
		 * No store.
		 */
		NONE,

		/**
		 * In memory: survives reconnects, not restarts.
		 */
		MEMORY,

		/**
		 * In a file: survives restarts (with a fixed client name).
		 */
		FILE

	}

	/**
	 * Acknowledgement of messages received from AMPS queues.
	 */
	public static class Queue {

		/**
		 * Whether the client acknowledges queue messages automatically once the handler returns.
		 */
		private Boolean autoAck;

		/**
		 * Number of acknowledgements the client batches into one command.
		 */
		private Integer ackBatchSize;

		/**
		 * Longest time a batched acknowledgement waits before it is sent.
		 */
		private Duration ackTimeout;

		public Boolean getAutoAck() {
			return this.autoAck;
		}

		public void setAutoAck(Boolean autoAck) {
			this.autoAck = autoAck;
		}

		public Integer getAckBatchSize() {
			return this.ackBatchSize;
		}

		public void setAckBatchSize(Integer ackBatchSize) {
			this.ackBatchSize = ackBatchSize;
		}

		public Duration getAckTimeout() {
			return this.ackTimeout;
		}

		public void setAckTimeout(Duration ackTimeout) {
			this.ackTimeout = ackTimeout;
		}

	}

	/**
	 * Graceful shutdown.
	 */
	public static class Shutdown {

		/**
		 * How long the client waits, when the context stops, for AMPS to acknowledge what was
		 * published (and for pending queue acknowledgements to be sent) before it disconnects.
		 * The whole shutdown of the client takes at most this plus 12 seconds.
		 */
		private Duration flushTimeout = Duration.ofSeconds(10);

		public Duration getFlushTimeout() {
			return this.flushTimeout;
		}

		public void setFlushTimeout(Duration flushTimeout) {
			this.flushTimeout = flushTimeout;
		}

	}

	/**
	 * The AmpsTemplate.
	 */
	public static class Template {

		/**
		 * Timeout of the template's synchronous operations: State of the World queries and
		 * deletes.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * How long a publish may wait, at most, for the client to be logged on (while it
		 * reconnects) and, separately, for room in a full publish store, before it fails with
		 * AmpsOperationException (the role of Kafka's max.block.ms). Unset: the timeout.
		 */
		private Duration publishTimeout;

		/**
		 * Whether each publish of the template is observed (amps.publish, with Micrometer's
		 * ObservationRegistry), which also carries the trace context to the listeners in the
		 * message's correlation id.
		 */
		private boolean observationEnabled;

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getPublishTimeout() {
			return this.publishTimeout;
		}

		public void setPublishTimeout(Duration publishTimeout) {
			this.publishTimeout = publishTimeout;
		}

		/**
		 * The publish bound in force: the publish timeout, or the timeout when it is unset.
		 * @return the bound
		 */
		public Duration publishBound() {
			return (this.publishTimeout != null) ? this.publishTimeout : this.timeout;
		}

	}

	/**
	 * TLS for tcps:// URIs.
	 */
	public static class Ssl {

		/**
		 * Name of the Spring Boot SSL bundle (spring.ssl.bundle.*) that holds the trust and key
		 * material for tcps:// URIs. The AMPS client has one SSL context per JVM: every client
		 * in the JVM must name the same bundle. Unset: the JVM's default SSL context.
		 */
		private String bundle;

		/**
		 * Whether to verify that the server's certificate matches the host name of the tcps://
		 * URI. The AMPS client does not do it by itself; the starter makes its SSL context
		 * verifying.
		 */
		private boolean verifyHostname = true;

		public boolean isVerifyHostname() {
			return this.verifyHostname;
		}

		public void setVerifyHostname(boolean verifyHostname) {
			this.verifyHostname = verifyHostname;
		}

		public String getBundle() {
			return this.bundle;
		}

		public void setBundle(String bundle) {
			this.bundle = bundle;
		}

	}

}
