package org.ampsboot.test;

import java.net.ServerSocket;
import java.net.Socket;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.ampsboot.test.command.CommandDispatcher;
import org.ampsboot.test.engine.Engine;
import org.ampsboot.test.engine.PublishHistory;
import org.ampsboot.test.wire.Frames;
import org.ampsboot.test.wire.Json;
import org.ampsboot.test.wire.Reasons;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/**
 * An in-process server that speaks enough of the AMPS protocol for the official, unmodified AMPS Java client
 * to connect over {@code tcp://127.0.0.1:<port>/amps/json}, or over TLS ({@code tcps://}) after
 * {@link #useTls(SSLContext)}. <strong>A test tool, never a production broker</strong>: it keeps everything
 * in memory (including the State of the World topics a test declares with {@link #sowTopic(String, String...)}),
 * keeps its transaction log ({@link #transactionLog(String...)}) in memory too, and has no security beyond one optional user name and password (and TLS with the certificate
 * a test gives it).
 *
 * <p>Modelled on OkHttp's MockWebServer: configure it, {@link #start()} it on a free port, point the client
 * at {@link #uri()}, script misbehaviour with {@link #enqueue(Fault)}, and check what the client sent with
 * {@link #takeFrame(String, Duration)}:
 *
 * <pre class="code">
 * try (AmpsTestServer server = new AmpsTestServer().start();
 *      HAClient client = HAClient.createMemoryBacked("publisher")) {
 *     DefaultServerChooser chooser = new DefaultServerChooser();
 *     chooser.add(server.uri());
 *     client.setServerChooser(chooser);
 *     client.connectAndLogon();
 *     client.publish("orders", "{\"id\":1}");
 *     ReceivedFrame publish = server.takeFrame("p", Duration.ofSeconds(5));
 *     assertThat(publish.topic()).isEqualTo("orders");
 * }
 * </pre>
 *
 * <p>What it implements, and what it does not, is listed in the {@linkplain org.ampsboot.test package documentation}.
 *
 * <p>Threads: one accept thread, one reader thread per connection, one scheduler thread (SOW expiration, queue
 * leases), one heartbeat thread that never writes to a socket, and pooled background threads for heartbeat writes and
 * timeouts (at most one per connection at a time), all daemon threads, all ended by {@link #close()}.
 *
 * <p>Memory: the {@value #DEFAULT_RECORDED_FRAMES} most recent frames received (except heartbeats) are kept
 * for {@link #receivedFrames()} and {@link #takeFrame(Duration)}; {@link #recordFrames(int)} changes the bound
 * ({@code Integer.MAX_VALUE} keeps every frame). Frames for a client are not queued: writing to a client that does not read
 * blocks (TCP back-pressure), which holds up the connection whose command caused the write, so a slow subscriber
 * slows its publishers down instead of growing the heap.
 */
public final class AmpsTestServer implements AutoCloseable {

	private static final Logger log = ServerLog.LOG;

	/** The AMPS server version this server announces in its logon ack. */
	static final String SERVER_VERSION = CommandDispatcher.SERVER_VERSION;

	static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

	private static final String HOST = "127.0.0.1";

	/** How long a TLS handshake may take before the server gives up on that connection. */
	static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;

	/** How many received frames are kept by default: enough for any conversation a test reads. */
	public static final int DEFAULT_RECORDED_FRAMES = 10_000;

	/** The number of messages the transaction log keeps unless {@link #transactionLogCapacity(int)} says otherwise. */
	public static final int DEFAULT_TRANSACTION_LOG_CAPACITY = 100_000;

	private final CopyOnWriteArrayList<Connection> connections = new CopyOnWriteArrayList<>();

	private final ServerThreads threads = new ServerThreads();

	private final Engine engine = new Engine(this.connections, this.threads);

	private final FrameRecorder frames = new FrameRecorder();

	private final FaultScript faults = new FaultScript();

	private final LogonRegistry logons = new LogonRegistry(this.connections);

	private final FrameHandler handler = new FrameHandler(this.frames, this.faults,
			new CommandDispatcher(new CommandContext(this, this.logons, this.faults), this.engine));

	private final Acceptor acceptor = new Acceptor(this);

	private final AtomicInteger connectionIds = new AtomicInteger();

	/** Written only under {@link ReplicaGroup#REPLICATION}. */
	volatile ReplicaGroup replicas = new ReplicaGroup();

	private volatile int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;

	private volatile SSLContext tlsContext;

	private volatile boolean started;

	private volatile boolean closed;

	/** Creates a server; configure it, then {@link #start()} it. */
	public AmpsTestServer() {
		this.replicas.members.add(this);
	}

	/**
	 * Makes the server accept TLS connections only, with this server-side context (its key manager presents
	 * the server's certificate; {@link SelfSignedCertificate#serverSslContext()} makes one).
	 * {@link #uri()} then starts with {@code tcps://}; everything else behaves the same. A client whose
	 * handshake fails (one that does not trust the certificate, or speaks plain TCP) is logged as one WARN line
	 * and only its connection is closed. Client certificates are not requested.
	 * <p>The AMPS Java client takes its {@code SSLContext} from the static, JVM-wide
	 * {@code TCPSTransport.setDefaultSSLContext(...)}; a test that sets it should restore the previous one.
	 * @param serverContext an initialised {@link SSLContext} with a key manager
	 * @return this server
	 * @throws IllegalStateException if the server was already started
	 */
	public synchronized AmpsTestServer useTls(SSLContext serverContext) {
		Objects.requireNonNull(serverContext, "serverContext");
		if (this.started || this.closed) {
			throw new IllegalStateException("Call useTls(...) before start(); " + this + " is already "
					+ (this.closed ? "closed" : "started"));
		}
		this.tlsContext = serverContext;
		return this;
	}

	/** Whether {@link #useTls(SSLContext)} was called: the server speaks TLS only. */
	public boolean isTls() {
		return this.tlsContext != null;
	}

	/**
	 * Starts listening on 127.0.0.1 on a free port.
	 * @return this server
	 * @throws IllegalStateException if it was already started or closed
	 * @throws java.io.UncheckedIOException if it cannot listen
	 */
	public synchronized AmpsTestServer start() {
		if (this.closed) {
			throw new IllegalStateException("This AmpsTestServer is closed; create a new one");
		}
		if (this.started) {
			throw new IllegalStateException("This AmpsTestServer is already started at " + uri());
		}
		ServerSocket socket = this.acceptor.bind(HOST, this.tlsContext);
		this.threads.start(socket.getLocalPort());
		this.started = true;
		this.acceptor.start();
		log.debug("AMPS test server listening at {}", uri());
		return this;
	}

	/** The host the server listens on: {@code "127.0.0.1"}. */
	public String host() {
		return HOST;
	}

	/**
	 * The port the server listens on.
	 * @throws IllegalStateException if the server was not started
	 */
	public int port() {
		ServerSocket socket = this.acceptor.socket();
		if (socket == null) {
			throw new IllegalStateException("AmpsTestServer is not started; call start() first");
		}
		return socket.getLocalPort();
	}

	/**
	 * The URI for the AMPS client: {@code tcp://127.0.0.1:<port>/amps/json}, or
	 * {@code tcps://127.0.0.1:<port>/amps/json} with {@link #useTls(SSLContext)}.
	 */
	public String uri() {
		return scheme() + "://" + HOST + ":" + port() + "/amps/json";
	}

	/**
	 * The URI with credentials: {@code tcp://user:password@127.0.0.1:<port>/amps/json} ({@code tcps://} with
	 * {@link #useTls(SSLContext)}). Characters that are not allowed in a URI's user-info are percent-encoded.
	 */
	public String uri(String user, String password) {
		return scheme() + "://" + encodeUserInfo(user) + ":" + encodeUserInfo(password) + "@" + HOST + ":" + port()
				+ "/amps/json";
	}

	private String scheme() {
		return (this.tlsContext != null) ? "tcps" : "tcp";
	}

	private static String encodeUserInfo(String value) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : Objects.requireNonNull(value).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=".indexOf(c) >= 0) {
				encoded.append(c);
			}
			else {
				encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
						.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
			}
		}
		return encoded.toString();
	}

	/**
	 * Makes the server refuse, with a failure ack whose reason is {@code auth failure}, every logon whose
	 * {@code user_id} and {@code pw} are not these.
	 * @return this server
	 */
	public AmpsTestServer requireCredentials(String user, String password) {
		this.logons.requireCredentials(user, password);
		return this;
	}

	/**
	 * Declares a State of the World (SOW) topic: the server keeps the latest message for each distinct value of the
	 * key fields, answers {@code sow} queries and {@code sow_and_subscribe} on it, and tells {@code oof}
	 * subscribers when a record leaves their focus. May be called before or after {@link #start()}; declaring the
	 * same topic again with the same keys does nothing.
	 * <p>Every message published to the topic must be a JSON object with every key field present (not null, not an
	 * object or array); otherwise the publish is refused with {@code bad sow key}.
	 * @param topic the exact topic name
	 * @param keyPaths the key fields as AMPS identifiers, for example {@code "/id"} or {@code "/order/id", "/side"}
	 * @return this server
	 * @throws IllegalArgumentException if the topic is blank or a key path does not start with {@code /}
	 * @throws IllegalStateException if the topic is already a SOW topic with other keys
	 */
	public AmpsTestServer sowTopic(String topic, String... keyPaths) {
		this.engine.declareSowTopic(topic, keyPaths);
		return this;
	}

	/**
	 * Records the publishes to these topics in the server's transaction log (in memory), like the {@code Topic}
	 * elements of AMPS's {@code TransactionLog} configuration, so that bookmark subscriptions can replay them
	 * ("Replaying Messages with Bookmark Subscription" in the AMPS User Guide). May be called before or after
	 * {@link #start()}, several times (the topics add up); publishes made before a topic was added are not in the log.
	 * <ul>
	 * <li>Each pattern is a topic name, or (when it holds a regular-expression metacharacter) a regular expression
	 * matched anywhere in the topic, like a regex topic subscription; anchor it ({@code ^orders$}) to match whole
	 * names.</li>
	 * <li>Messages to recorded topics carry a bookmark {@code <publisher hash>|<sequence>|}, increasing server-wide;
	 * messages to other topics (not SOW, not queues) carry none.</li>
	 * <li>A {@code subscribe} with a bookmark replays the recorded messages after it that match its topic and filter,
	 * in the order they were recorded, then goes live with no gap and no duplicate; {@code completed} follows the
	 * replay; {@code persisted} acks carry the last bookmark written to the log. Bookmarks: {@code 0} (epoch),
	 * {@code 0|1|} (now), a bookmark this server issued, a timestamp {@code YYYYMMDDThhmmss[Z]} (UTC), or a
	 * comma-delimited list (the earliest wins). {@code pause} and {@code resume} (options, with the sub ids) stop and
	 * restart a bookmark subscription without losing what was published meanwhile.</li>
	 * <li>A bookmark subscription to a topic that is not recorded fails with {@code topic not in transaction log}.</li>
	 * </ul>
	 * @param topicPatterns topic names or regular expressions
	 * @return this server
	 * @throws IllegalArgumentException if a pattern is blank or not a valid regular expression
	 * @see #transactionLogCapacity(int)
	 */
	public AmpsTestServer transactionLog(String... topicPatterns) {
		this.engine.transactionLog(topicPatterns);
		return this;
	}

	/**
	 * Bounds the transaction log to this many entries (default {@value #DEFAULT_TRANSACTION_LOG_CAPACITY}); past it
	 * the oldest entries are dropped. A bookmark subscription from the epoch ({@code 0}) then replays from the
	 * oldest entry kept; one from a bookmark or timestamp older than that (whose replay would miss dropped messages)
	 * is refused loudly ({@code not supported by the AMPS test server: a replay from bookmark '...', older than the
	 * oldest entry the transaction log keeps ...}) and so is a {@code resume} whose missed messages were dropped.
	 * @param maxEntries the number of messages kept, at least 1
	 * @return this server
	 */
	public AmpsTestServer transactionLogCapacity(int maxEntries) {
		this.engine.transactionLogCapacity(maxEntries);
		return this;
	}

	/**
	 * Declares a message queue: publishes to the topic are queued instead of being sent to every subscriber, and
	 * each message is leased to one subscription at a time, as the AMPS User Guide's "Message Queues" describes.
	 * <ul>
	 * <li>A subscription to the topic receives at most {@code max_backlog} unacknowledged messages (the option of the
	 * subscribe command, for example {@code "max_backlog=10"}; 1 when absent, as AMPS does); subscriptions take turns,
	 * oldest message first, and a content filter selects the messages a subscription takes.</li>
	 * <li>Each delivery is {@code {"c":"p","t":<queue>,"sids":<sub id>,"bm":<bookmark>,"lp":<lease expiry>}} with a
	 * bookmark unique to the message (kept on redelivery) and the time the lease expires in {@code lp}.</li>
	 * <li>An acknowledgement ({@code sow_delete} with the bookmark, several comma-separated; what the client sends
	 * for {@code message.ack()}, {@code client.ack(topic, bookmark)} and auto-ack) removes the message; with the
	 * {@code cancel} option it goes back to the queue and is delivered again. Any connection may acknowledge
	 * (AMPS's default {@code sublet} leasing).</li>
	 * <li>The subscribe's acks come before its first deliveries; a {@code replace} keeps the subscription's leases;
	 * a {@code sow} of the queue returns the waiting messages without leasing or removing them.</li>
	 * <li>When the lease period passes without an acknowledgement, or the subscription or its connection goes away,
	 * the message goes back to the queue and is delivered again (to the same or another subscription).</li>
	 * </ul>
	 * May be called before or after {@link #start()}; declaring the same queue again with the same lease does nothing.
	 * @param topic the exact topic name
	 * @param leasePeriod how long a subscriber may hold a message without acknowledging it
	 * @return this server
	 * @throws IllegalArgumentException if the topic is blank or a regular expression, or the lease is not positive
	 * @throws IllegalStateException if the topic is a SOW topic, or a queue with another lease period
	 */
	public AmpsTestServer queue(String topic, Duration leasePeriod) {
		this.engine.declareQueue(topic, leasePeriod);
		return this;
	}

	/**
	 * Puts messages into a declared SOW topic or queue without a client, for a test's set-up (before the
	 * application starts, for example): each is stored (a SOW record, by its key) or queued exactly as a publish of
	 * it would be, in order, and delivered to the subscriptions there are. May be called before or after
	 * {@link #start()}. {@code @EmbeddedAmps(seed = ...)} calls it for its resources.
	 * @param topic a topic declared with {@link #sowTopic(String, String...)} or {@link #queue(String, Duration)}
	 * @param jsonPayloads the messages: JSON objects for a SOW topic, with every key field; one JSON value each for
	 * a queue
	 * @return this server
	 * @throws IllegalArgumentException if the topic is neither a SOW topic nor a queue of this server, or a message
	 * would be refused ({@code parse error}, {@code bad sow key}); the messages before it are stored
	 */
	public AmpsTestServer seed(String topic, String... jsonPayloads) {
		if (!this.engine.isSowTopic(topic) && !this.engine.isQueue(topic)) {
			throw new IllegalArgumentException("Cannot seed '" + topic + "': it is not a SOW topic or queue of this "
					+ "server; declare it first with sowTopic(...) or queue(...)");
		}
		for (int i = 0; i < jsonPayloads.length; i++) {
			byte[] payload = Objects.requireNonNull(jsonPayloads[i], "jsonPayloads")
				.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			String refusal = !Json.isValidJson(payload, 0, payload.length) ? Reasons.PARSE_ERROR
					: this.engine.seed(topic, payload);
			if (refusal != null) {
				throw new IllegalArgumentException("Cannot seed '" + topic + "' with message " + (i + 1) + " of "
						+ jsonPayloads.length + " (" + jsonPayloads[i] + "): a publish of it is refused with '"
						+ refusal + "'");
			}
		}
		return this;
	}

	/**
	 * The messages of a queue not yet acknowledged (waiting or leased), as their payloads, oldest first.
	 * @throws IllegalArgumentException if the topic is not a queue of this server
	 */
	public List<String> queueContents(String topic) {
		return this.engine.queueContents(topic);
	}

	/**
	 * The records a SOW topic holds now (expired ones excluded), as their JSON payloads, in the order the keys were
	 * first published. (That order is this helper's; a {@code sow} query without {@code orderby} returns records in
	 * an order AMPS leaves undefined, which on the test server is deliberately not publish order.)
	 * @throws IllegalArgumentException if the topic is not a SOW topic of this server
	 */
	public List<String> sowRecords(String topic) {
		return this.engine.records(topic);
	}

	/**
	 * Makes this server and {@code other} share one record of publish history, as a replicated pair of AMPS
	 * instances do, for tests of a publisher failing over between them: the highest publish-store sequence number
	 * ({@code s}) seen per client name. Symmetric ({@code a.replicatePublishesWith(b)} is
	 * {@code b.replicatePublishesWith(a)}) and transitive: servers joined in turn form one group sharing one record,
	 * which starts as the union of what each had seen (the higher number per client name).
	 * <p>So a publish from a publish store (one with {@code s}) that any server of the group already processed is,
	 * on every server of the group, a duplicate: acknowledged ({@code persisted}, {@code success}) and not delivered
	 * again; and the logon ack of every server of the group tells a returning publisher the highest sequence number
	 * the group has seen (its {@code s}), from which the client discards what it need not replay.
	 * <p>Only that: published messages are not forwarded to the other servers' subscribers, and SOW records,
	 * queues, bookmarks, subscriptions and recorded frames stay each server's own. May be called before or after
	 * {@link #start()}, on closed servers too; it cannot be undone.
	 * @param other the server to share the publish history with
	 * @return this server
	 * @throws IllegalArgumentException if {@code other} is this server
	 */
	public AmpsTestServer replicatePublishesWith(AmpsTestServer other) {
		Objects.requireNonNull(other, "other");
		if (other == this) {
			throw new IllegalArgumentException("A server cannot replicate with itself");
		}
		ReplicaGroup.join(this, other);
		return this;
	}

	/** Sets the largest frame accepted (default 16 MiB); larger ones close their connection. */
	AmpsTestServer maxFrameLength(int bytes) {
		if (bytes <= 0) {
			throw new IllegalArgumentException("maxFrameLength must be positive");
		}
		this.maxFrameLength = bytes;
		return this;
	}

	int maxFrameLength() {
		return this.maxFrameLength;
	}

	// ---- frames received

	/**
	 * Removes and returns the oldest frame not yet taken that any client sent (heartbeats excluded), waiting
	 * up to the timeout.
	 * @return the frame, or {@code null} if none arrived in time
	 */
	public ReceivedFrame takeFrame(Duration timeout) {
		return takeFrame(null, timeout);
	}

	/**
	 * Removes and returns the oldest frame not yet taken with this command ({@code "p"} and
	 * {@code "publish"} are the same command), waiting up to the timeout. Frames with other commands stay
	 * queued.
	 * @param command the command, or {@code null} for any
	 * @return the frame, or {@code null} if none arrived in time
	 */
	public ReceivedFrame takeFrame(String command, Duration timeout) {
		return this.frames.take(command, timeout);
	}

	/**
	 * Every frame received so far (heartbeats excluded), in arrival order, taken or not; with
	 * {@link #recordFrames(int)}, only the most recent ones it keeps.
	 */
	public List<ReceivedFrame> receivedFrames() {
		return this.frames.all();
	}

	/**
	 * Bounds the memory that recording received frames takes, for long or heavy runs (a load test of some minutes):
	 * only the {@code max} most recent frames are kept for {@link #receivedFrames()} and
	 * {@link #takeFrame(String, Duration)}; older ones are forgotten, whether taken or not ({@code takeFrame} then
	 * returns the oldest untaken frame among those kept). {@code 0} records nothing ({@code takeFrame} then only
	 * times out). The default keeps every frame until the server is closed. May be called before or after
	 * {@link #start()}; a smaller bound forgets the older frames at once.
	 * <p>Frames are counted, not bytes: each kept frame holds its header and payload as received (up to the maximum
	 * frame size of 16 MiB). Other state a long run may grow is described under "Memory" in the module README.
	 * @param max how many of the most recent frames to keep ({@code Integer.MAX_VALUE}: all)
	 * @return this server
	 * @throws IllegalArgumentException if {@code max} is negative
	 */
	public AmpsTestServer recordFrames(int max) {
		this.frames.keep(max);
		return this;
	}

	// ---- faults

	/** Queues scripted behaviour; see {@link Fault}. */
	public void enqueue(Fault fault) {
		Objects.requireNonNull(fault, "fault");
		this.faults.enqueue(fault);
	}

	// ---- connections

	/** The connections that are open now, logged on or not. */
	public List<ServerConnection> connections() {
		List<ServerConnection> open = new ArrayList<>();
		for (Connection connection : this.connections) {
			if (connection.isOpen()) {
				open.add(connection);
			}
		}
		return open;
	}

	/**
	 * Returns the earliest connection that logged on successfully and was not yet returned by this method,
	 * waiting up to the timeout for one.
	 * @throws AssertionError if no client logged on in time
	 */
	public ServerConnection awaitLogon(Duration timeout) {
		Connection connection = this.logons.await(timeout);
		if (connection == null) {
			throw new AssertionError("No client logged on to the AMPS test server at "
					+ (this.started ? uri() : "(not started)") + " within " + timeout + "; open connections: "
					+ connections());
		}
		return connection;
	}

	/**
	 * Pushes one frame verbatim (see {@link ServerConnection#send(String, String)}) to every logged-on
	 * connection.
	 */
	public void sendToAll(String headerJson, String payload) {
		byte[] frame = Frames.verbatim(headerJson, payload);
		for (Connection connection : this.connections) {
			if (connection.isLoggedOn()) {
				connection.sendVerbatim(frame);
			}
		}
	}

	/** Closes every client connection abruptly; the server keeps listening, so clients can reconnect. */
	public void dropConnections() {
		for (Connection connection : this.connections) {
			connection.close();
		}
	}

	/**
	 * Makes every connection open now go silent, like a hung server (see {@link ServerConnection#goSilent()}):
	 * each reads and discards every frame and sends nothing at all, keeping its socket open. Connections made
	 * later (a client reconnecting) are served normally.
	 */
	public void silenceConnections() {
		for (Connection connection : this.connections) {
			connection.goSilent("with every connection of the server");
		}
	}

	/**
	 * Stops accepting new connections (the listening socket is closed, so connecting is refused) while the
	 * open connections go on being served. {@link #port()} and {@link #uri()} still return the old address.
	 * It cannot be undone: to serve again, start a new server. Safe to call more than once.
	 */
	public void stopAccepting() {
		synchronized (this) {
			if (!this.acceptor.stop()) {
				return;
			}
		}
		this.acceptor.closeSocket();
		join(this.acceptor.thread());
		log.debug("AMPS test server at {} no longer accepts connections", this);
	}

	/** Whether the server accepts new connections: started, not closed and not {@link #stopAccepting()}. */
	public boolean isAccepting() {
		return this.acceptor.isAccepting();
	}

	/** Stops listening and closes every connection and thread of this server. Safe to call more than once. */
	@Override
	public void close() {
		Thread accept;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.acceptor.stop();
			accept = this.acceptor.thread();
		}
		this.acceptor.closeSocket();
		ServerSocket socket = this.acceptor.socket();
		List<Thread> readers = new ArrayList<>();
		for (Connection connection : this.connections) {
			readers.add(connection.readerThread());
			connection.close();
		}
		this.threads.shutdown();
		join(accept);
		for (Thread reader : readers) {
			join(reader);
		}
		log.debug("AMPS test server at port {} closed", (socket != null) ? socket.getLocalPort() : -1);
	}

	private static void join(Thread thread) {
		if (thread == null || thread == Thread.currentThread()) {
			return;
		}
		try {
			thread.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		ServerSocket socket = this.acceptor.socket();
		String state = this.closed ? ", closed" : (this.started && !this.acceptor.isAccepting()) ? ", not accepting" : "";
		return "AmpsTestServer["
				+ ((socket != null) ? scheme() + "://" + HOST + ":" + socket.getLocalPort() + "/amps/json" : "not started")
				+ state + "]";
	}

	// ---- used by the acceptor and the connections

	/** A new connection for an accepted socket, added to the live ones (not started). */
	Connection newConnection(Socket client) throws IOException {
		Connection connection = new Connection(this, this.handler, client, this.connectionIds.incrementAndGet());
		this.connections.add(connection);
		return connection;
	}

	boolean isClosed() {
		return this.closed;
	}

	void connectionClosed(Connection connection) {
		this.connections.remove(connection);
		this.engine.subscriberGone(connection);
	}

	/** Runs a heartbeat check periodically on the heartbeat thread; {@code null} if the server is not running. */
	ScheduledFuture<?> scheduleHeartbeat(Runnable task, long periodMillis) {
		return this.threads.scheduleHeartbeat(task, periodMillis);
	}

	/** Runs a task once on the scheduler thread after a delay; {@code null} if the server is not running. */
	ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		return this.threads.schedule(task, delayMillis);
	}

	/** Runs a task that may block on a pooled background thread (see {@link ServerThreads#inBackground}). */
	void inBackground(Runnable task) {
		this.threads.inBackground(task);
	}

	/** The publish history this server shares with its replication group. */
	PublishHistory publishHistory() {
		return this.replicas.history;
	}

}
