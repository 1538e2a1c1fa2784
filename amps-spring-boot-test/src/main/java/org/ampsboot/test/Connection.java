package org.ampsboot.test;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.ampsboot.test.command.Session;
import org.ampsboot.test.engine.Subscriber;
import org.ampsboot.test.engine.Subscriptions;
import org.ampsboot.test.wire.Frames;
import org.ampsboot.test.wire.Json;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/**
 * One client connection: its reader thread ({@link ConnectionReader}), which decodes frames and hands them to the
 * {@link FrameHandler}; its output ({@link FrameWriter}), whose writes are synchronized per connection; its
 * {@link Heartbeat}; and its state (logon, subscriptions). It is the {@link ServerConnection} a test sees and the
 * {@link Session} the commands (and the engine, as a {@link Subscriber}) see.
 *
 * <p>Frames written by a reader thread are flushed when that reader has nothing more to read, so a burst of
 * commands is answered with few socket writes; frames written from any other thread are flushed at once.
 */
final class Connection implements ServerConnection, Session {

	private static final Logger log = ServerLog.LOG;

	private static final byte[] NO_BYTES = {};

	/** How long a close waits for a client that does not read to take what was written to it before the close. */
	private static final long CLOSE_FLUSH_MILLIS = 500;

	private final AmpsTestServer server;

	private final Socket socket;

	private final String remote;

	private final FrameWriter writer;

	private final Heartbeat heartbeat;

	private final Thread reader;

	/** Connections this reader thread wrote to without flushing; touched by the reader thread only. */
	private final List<Connection> unflushed = new ArrayList<>(4);

	private volatile boolean closed;

	private volatile boolean loggedOn;

	private volatile String clientName;

	/** The user of the successful logon, {@code null} without credentials. */
	private volatile String user;

	private volatile String nameHash = "0";

	private volatile boolean jsonMessages = true;

	private final Subscriptions subscriptions = new Subscriptions();

	Connection(AmpsTestServer server, FrameHandler handler, Socket socket, int id) throws IOException {
		this.server = server;
		this.socket = socket;
		this.remote = String.valueOf(socket.getRemoteSocketAddress());
		ConnectionReader reading = new ConnectionReader(this, handler, socket, this.remote, server);
		this.writer = new FrameWriter(this, socket, this.remote);
		this.heartbeat = new Heartbeat(this, server);
		this.reader = new Thread(reading, "amps-test-server-connection-" + id);
		this.reader.setDaemon(true);
	}

	void start() {
		this.reader.start();
	}

	Thread readerThread() {
		return this.reader;
	}

	boolean isReaderThread() {
		return Thread.currentThread() == this.reader;
	}

	boolean isClosed() {
		return this.closed;
	}

	Heartbeat heartbeat() {
		return this.heartbeat;
	}

	long lastWriteNanos() {
		return this.writer.lastWriteNanos();
	}

	@Override
	public String remoteAddress() {
		return this.remote;
	}

	// ---- ServerConnection

	@Override
	public String clientName() {
		return this.clientName;
	}

	@Override
	public void send(String headerJson, String payload) {
		sendVerbatim(Frames.verbatim(headerJson, payload));
	}

	@Override
	public void sendRaw(byte[] bytes) {
		Objects.requireNonNull(bytes, "bytes");
		this.writer.raw(bytes);
	}

	@Override
	public void drop() {
		close();
	}

	@Override
	public boolean isOpen() {
		return !this.closed && !this.socket.isClosed();
	}

	@Override
	public void goSilent() {
		goSilent("as the test asked");
	}

	/** Goes silent (see {@link ServerConnection#goSilent()}), logging why. */
	@Override
	public void goSilent(String why) {
		if (!this.writer.silence()) {
			return;
		}
		this.heartbeat.stop();
		log.info("AMPS test server: the connection of client '{}' ({}) goes silent {}: from now on it discards what "
				+ "it reads and sends nothing, not even heartbeats, and stays open", this.clientName, this.remote, why);
	}

	/**
	 * For tests: from now on nothing is written to this connection (what was written before is flushed first), but
	 * what it receives is still handled as usual, so its publishes are processed and delivered while their acks are
	 * lost, as when a server fails after processing a message and before its acknowledgement gets out.
	 */
	void discardOutput() {
		this.writer.discard();
	}

	@Override
	public boolean isSilent() {
		return this.writer.isSilent();
	}

	@Override
	public String toString() {
		return "ServerConnection[client=" + this.clientName + ", remote=" + this.remote
				+ (isOpen() ? "" : ", closed") + (isSilent() ? ", silent" : "") + "]";
	}

	// ---- writing

	@Override
	public void deliver(Subscriber origin, byte[] payload, int payloadOffset, int payloadLength, Object... header) {
		Json.HeaderBuffer encoded = Json.encodeHeader(header);
		this.writer.write(originOf(origin), encoded.bytes(), encoded.length(), payload, payloadOffset, payloadLength);
	}

	@Override
	public void deliverHeader(Subscriber origin, Object... header) {
		deliver(origin, NO_BYTES, 0, 0, header);
	}

	void sendVerbatim(byte[] frame) {
		this.writer.write(null, frame, frame.length, NO_BYTES, 0, 0);
	}

	@Override
	public void sendTogether(Runnable writes) {
		this.writer.together(writes);
	}

	@Override
	public void writeVerbatim(Subscriber origin, byte[] frame) {
		this.writer.write(originOf(origin), frame, frame.length, NO_BYTES, 0, 0);
	}

	private static Connection originOf(Subscriber origin) {
		return (origin instanceof Connection connection) ? connection : null;
	}

	/** Called on this connection's reader thread: that connection is flushed when this reader is idle. */
	void flushLater(Connection target) {
		if (!this.unflushed.contains(target)) {
			this.unflushed.add(target);
		}
	}

	/** Flushes what this reader thread wrote to any connection; on the reader thread only. */
	void flushUnflushed() {
		for (int i = 0; i < this.unflushed.size(); i++) {
			this.unflushed.get(i).writer.flush();
		}
		this.unflushed.clear();
	}

	// ---- state

	@Override
	public boolean isLoggedOn() {
		return this.loggedOn && !this.closed;
	}

	void loggedOn(String name, String user, String hash, boolean json) {
		this.clientName = name;
		this.user = user;
		this.nameHash = hash;
		this.jsonMessages = json;
		this.loggedOn = true;
	}

	/** The user of the successful logon, {@code null} without credentials or before logon. */
	String user() {
		return this.user;
	}

	@Override
	public String nameHash() {
		return this.nameHash;
	}

	@Override
	public boolean jsonMessages() {
		return this.jsonMessages;
	}

	@Override
	public Subscriptions subscriptions() {
		return this.subscriptions;
	}

	@Override
	public boolean takesDeliveries() {
		return isLoggedOn() && !isSilent();
	}

	@Override
	public void startHeartbeat(int intervalSeconds) {
		this.heartbeat.start(intervalSeconds);
	}

	// ---- closing

	@Override
	public void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		this.heartbeat.stop();
		this.writer.flushBeforeClosing(this.server.threads().schedule(this::closeSocket, CLOSE_FLUSH_MILLIS));
		closeSocket();
		// the socket is closed, so a write that was blocked has failed and let go of the lock
		this.writer.release();
		this.server.connectionClosed(this);
	}

	private void closeSocket() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
