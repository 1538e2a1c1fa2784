package org.ampsboot.test;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import org.ampsboot.test.command.CommandDispatcher;
import org.ampsboot.test.engine.Engine;
import org.ampsboot.test.engine.PublishHistory;
import org.ampsboot.test.wire.Frames;

/**
 * An in-process server that speaks enough of the AMPS protocol for the official, unmodified AMPS Java client
 * to connect over {@code tcp://127.0.0.1:<port>/amps/json}, or over TLS ({@code tcps://}) after
 * {@link #useTls(SSLContext)}. <strong>A test tool, never a production broker</strong>: everything (SOW topics,
 * queues, the transaction log) lives in memory, and there is no security beyond one optional user name and
 * password (and TLS with the certificate a test gives it).
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
 * <p>What it implements, refuses loudly and leaves out, its threads (daemon threads, ended by {@link #close()}) and
 * its memory (no outbound queue: a client that does not read holds up the command that writes to it): see
 * docs/test-server.md: one section per feature, "Threads and speed", "Memory and per-connection limits".
 */
public final class AmpsTestServer implements AutoCloseable {

	static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

	/** How many received frames are kept by default: enough for any conversation a test reads. */
	public static final int DEFAULT_RECORDED_FRAMES = 10_000;

	/** The number of messages the transaction log keeps unless {@link #transactionLogCapacity(int)} says otherwise. */
	public static final int DEFAULT_TRANSACTION_LOG_CAPACITY = 100_000;

	private final Connections connections = new Connections();

	private final ServerThreads threads = new ServerThreads();

	private final Engine engine = new Engine(this.connections, this.threads);

	private final FrameRecorder frames = new FrameRecorder();

	private final FaultScript faults = new FaultScript();

	private final LogonRegistry logons = new LogonRegistry(this.connections);

	private final FrameHandler handler = new FrameHandler(this.frames, this.faults,
			new CommandDispatcher(new CommandContext(this, this.logons, this.faults), this.engine));

	private final Acceptor acceptor = new Acceptor(this, this.connections, this.threads);

	/** Written only under {@link ReplicaGroup#REPLICATION}. */
	volatile ReplicaGroup replicas = new ReplicaGroup();

	private volatile int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;

	/** Creates a server; configure it, then {@link #start()} it. */
	public AmpsTestServer() {
		this.replicas.members.add(this);
	}

	/**
	 * Makes the server accept TLS connections only, with this server-side context (its key manager presents the
	 * server's certificate; {@link SelfSignedCertificate#serverSslContext()} makes one); {@link #uri()} then starts
	 * with {@code tcps://}. A failed handshake closes only that connection (one WARN line). See docs/test-server.md,
	 * section "TLS".
	 * @param serverContext an initialised {@link SSLContext} with a key manager
	 * @return this server
	 * @throws IllegalStateException if the server was already started
	 */
	public AmpsTestServer useTls(SSLContext serverContext) {
		this.acceptor.useTls(serverContext);
		return this;
	}

	/** Whether {@link #useTls(SSLContext)} was called: the server speaks TLS only. */
	public boolean isTls() {
		return this.acceptor.isTls();
	}

	/**
	 * Starts listening on 127.0.0.1 on a free port.
	 * @return this server
	 * @throws IllegalStateException if it was already started or closed
	 * @throws java.io.UncheckedIOException if it cannot listen
	 */
	public AmpsTestServer start() {
		this.acceptor.start();
		return this;
	}

	/** The host the server listens on: {@code "127.0.0.1"}. */
	public String host() {
		return Uris.HOST;
	}

	/**
	 * The port the server listens on.
	 * @throws IllegalStateException if the server was not started
	 */
	public int port() {
		return this.acceptor.port();
	}

	/**
	 * The URI for the AMPS client: {@code tcp://127.0.0.1:<port>/amps/json}, or
	 * {@code tcps://127.0.0.1:<port>/amps/json} with {@link #useTls(SSLContext)}.
	 */
	public String uri() {
		return this.acceptor.uri();
	}

	/**
	 * The URI with credentials: {@code tcp://user:password@127.0.0.1:<port>/amps/json} ({@code tcps://} with
	 * {@link #useTls(SSLContext)}). Characters that are not allowed in a URI's user-info are percent-encoded.
	 */
	public String uri(String user, String password) {
		return Uris.uri(isTls(), port(), user, password);
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
	 * Declares a State of the World (SOW) topic: the server keeps the latest message per value of the key fields
	 * and answers {@code sow}, {@code sow_and_[delta_]subscribe} and {@code sow_delete} on it; a publish without
	 * every key field is refused ({@code bad sow key}). May be called before or after {@link #start()}; the same
	 * declaration again does nothing. See docs/test-server.md, section "State of the World".
	 * @param topic the exact topic name
	 * @param keyPaths the key fields as AMPS identifiers, for example {@code "/id"} or {@code "/order/id", "/side"}
	 * @return this server
	 * @throws IllegalArgumentException if the topic is blank or a regular expression, or a key path is no identifier
	 * @throws IllegalStateException if the topic is already a queue, or a SOW topic with other keys
	 */
	public AmpsTestServer sowTopic(String topic, String... keyPaths) {
		this.engine.declareSowTopic(topic, keyPaths);
		return this;
	}

	/**
	 * Keeps the history of a declared SOW topic, like a {@code History} element in its AMPS SOW definition, so that
	 * a {@code sow} with a {@code Bookmark} header (a bookmark of this server's transaction log, the topic recorded
	 * there, or a timestamp {@code YYYYMMDDThhmmss[.f][Z]} in UTC) returns the records as they were then (User
	 * Guide, "Historical SOW Topic Queries"). Every change is kept, with no window: as AMPS with a
	 * {@code Granularity} finer than the changes and a {@code Window} longer than the test. A historical query of
	 * a topic without history, with a list of bookmarks, or with a subscription is refused as not supported. See
	 * docs/test-server.md, section "State of the World".
	 * @param topic a topic declared with {@link #sowTopic} or {@link #sowTopicWithPublisherKeys}
	 * @return this server
	 * @throws IllegalStateException if the topic is not a SOW topic
	 */
	public AmpsTestServer sowHistory(String topic) {
		this.engine.keepSowHistory(topic);
		return this;
	}

	/**
	 * Declares a State of the World topic whose publishers give each message its SowKey (AMPS's user-generated SOW
	 * keys, User Guide "Understanding SOW Keys"): every publish must carry one ({@code Command.setSowKey}, Base64
	 * characters), and the records, deliveries and queries carry that value back. A publish without one is refused
	 * as not supported by the test server (AMPS does not document its answer), as is a SowKey on any other topic
	 * and a {@code sow_delete} by data on this one. May be called before or after {@link #start()}.
	 * @param topic the exact topic name
	 * @return this server
	 * @throws IllegalStateException if the topic is already a queue, or a SOW topic with key fields
	 */
	public AmpsTestServer sowTopicWithPublisherKeys(String topic) {
		this.engine.declareSowTopicWithPublisherKeys(topic);
		return this;
	}

	/**
	 * Records the publishes to these topics in the transaction log (in memory), like the {@code Topic} elements of
	 * AMPS's {@code TransactionLog}, for bookmark subscriptions (replay, then live; {@code pause} / {@code resume}).
	 * A pattern with a regular-expression metacharacter matches anywhere in the topic. May be called before or after
	 * {@link #start()}, several times. See docs/test-server.md, section "Transaction log and bookmarks".
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
	 * the oldest are dropped, and a replay or {@code resume} that would need a dropped entry is refused loudly. See
	 * docs/test-server.md, section "Transaction log and bookmarks".
	 * @param maxEntries the number of messages kept, at least 1
	 * @return this server
	 * @throws IllegalArgumentException if {@code maxEntries} is below 1
	 */
	public AmpsTestServer transactionLogCapacity(int maxEntries) {
		this.engine.transactionLogCapacity(maxEntries);
		return this;
	}

	/**
	 * Declares a message queue: each message is leased to one subscription at a time (at most its
	 * {@code max_backlog}, default 1) until acknowledged ({@code sow_delete} with its bookmark) or its lease ends.
	 * May be called before or after {@link #start()}; the same declaration again does nothing. See
	 * docs/test-server.md, section "Queues".
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
	 * Puts messages into a declared SOW topic or queue without a client (a test's set-up), in order, exactly as
	 * publishes of them would be: stored or queued, and delivered to the subscriptions there are. Before or after
	 * {@link #start()}. See docs/test-server.md, section "Declaring topics and seeding records".
	 * @param topic a topic declared with {@link #sowTopic(String, String...)} or {@link #queue(String, Duration)}
	 * @param jsonPayloads the messages: JSON objects with every key field for a SOW topic; JSON values for a queue
	 * @return this server
	 * @throws IllegalArgumentException if the topic is neither a SOW topic nor a queue of this server, or a message
	 * would be refused ({@code parse error}, {@code bad sow key}); the messages before it are stored
	 */
	public AmpsTestServer seed(String topic, String... jsonPayloads) {
		this.engine.seed(topic, jsonPayloads);
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
	 * The records a SOW topic holds now (expired ones excluded), as their JSON payloads, in the order their keys were
	 * first published (this helper's order: a {@code sow} query without {@code orderby} deliberately returns another).
	 * @throws IllegalArgumentException if the topic is not a SOW topic of this server
	 */
	public List<String> sowRecords(String topic) {
		return this.engine.records(topic);
	}

	/**
	 * Makes this server and {@code other} share the highest publish-store sequence number ({@code s}) seen per client
	 * name, as replicated AMPS instances do: a publish one of them processed is a duplicate on all, and every logon
	 * ack carries the group's {@code s}. Nothing else is shared. Symmetric, transitive, before or after
	 * {@link #start()}, not undoable. See docs/test-server.md, section "Replicated publish history".
	 * @param other the server to share the publish history with
	 * @return this server
	 * @throws IllegalArgumentException if {@code other} is this server
	 */
	public AmpsTestServer replicatePublishesWith(AmpsTestServer other) {
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
	 * Removes and returns the oldest frame not yet taken (heartbeats are never recorded), waiting up to the timeout.
	 * @return the frame, or {@code null} if none arrived in time
	 */
	public ReceivedFrame takeFrame(Duration timeout) {
		return takeFrame(null, timeout);
	}

	/**
	 * Removes and returns the oldest frame not yet taken with this command ({@code "p"} and {@code "publish"} are
	 * one command), waiting up to the timeout. Frames with other commands stay queued.
	 * @param command the command, or {@code null} for any
	 * @return the frame, or {@code null} if none arrived in time
	 */
	public ReceivedFrame takeFrame(String command, Duration timeout) {
		return this.frames.take(command, timeout);
	}

	/** Every frame received and kept ({@link #recordFrames(int)}), in arrival order, taken or not. */
	public List<ReceivedFrame> receivedFrames() {
		return this.frames.all();
	}

	/**
	 * Keeps only the {@code max} most recent received frames (default {@value #DEFAULT_RECORDED_FRAMES}) for
	 * {@link #receivedFrames()} and {@code takeFrame}, forgetting older ones, taken or not; {@code 0}: none. Before
	 * or after {@link #start()}. See docs/test-server.md, section "Memory and per-connection limits".
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
		return this.connections.open();
	}

	/**
	 * The earliest connection that logged on and was not yet returned by this method, waiting up to the timeout.
	 * @throws AssertionError if no client logged on in time
	 */
	public ServerConnection awaitLogon(Duration timeout) {
		Connection connection = this.logons.await(timeout);
		if (connection == null) {
			throw new AssertionError("No client logged on to the AMPS test server at "
					+ (this.acceptor.isStarted() ? uri() : "(not started)") + " within " + timeout
					+ "; open connections: " + connections());
		}
		return connection;
	}

	/** Pushes one frame verbatim ({@link ServerConnection#send(String, String)}) to every logged-on connection. */
	public void sendToAll(String headerJson, String payload) {
		this.connections.sendToLoggedOn(Frames.verbatim(headerJson, payload));
	}

	/** Closes every client connection abruptly; the server keeps listening, so clients can reconnect. */
	public void dropConnections() {
		this.connections.closeAll();
	}

	/**
	 * Makes every connection open now go silent, like a hung server ({@link ServerConnection#goSilent()}); later
	 * connections (a client reconnecting) are served normally. See docs/test-server.md, section "A hung server".
	 */
	public void silenceConnections() {
		this.connections.silenceAll();
	}

	/**
	 * Stops accepting new connections (the listening socket is closed: connecting is refused) while open ones go on
	 * being served; {@link #port()} and {@link #uri()} keep the old address. Not undoable; safe to call again.
	 */
	public void stopAccepting() {
		this.acceptor.stopAccepting();
	}

	/** Whether the server accepts new connections: started, not closed and not {@link #stopAccepting()}. */
	public boolean isAccepting() {
		return this.acceptor.isAccepting();
	}

	/** Stops listening and closes every connection and thread of this server. Safe to call more than once. */
	@Override
	public void close() {
		this.acceptor.close();
	}

	@Override
	public String toString() {
		return "AmpsTestServer[" + this.acceptor.describe() + "]";
	}

	// ---- used by the acceptor and the connections

	/** A new connection for an accepted socket, added to the live ones (not started). */
	Connection newConnection(Socket client) throws IOException {
		return this.connections.open(this, this.handler, client);
	}

	void connectionClosed(Connection connection) {
		this.connections.remove(connection);
		this.engine.subscriberGone(connection);
	}

	/** The scheduler, heartbeat and background threads of this server. */
	ServerThreads threads() {
		return this.threads;
	}

	/** The publish history this server shares with its replication group. */
	PublishHistory publishHistory() {
		return this.replicas.history;
	}

}
