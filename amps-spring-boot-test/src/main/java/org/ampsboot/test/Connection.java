package org.ampsboot.test;

import org.ampsboot.test.command.Session;
import org.ampsboot.test.engine.Subscriber;
import org.ampsboot.test.engine.Subscriptions;
import org.ampsboot.test.wire.Frames;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One client connection: a reader thread that decodes frames and hands them to the {@link FrameHandler},
 * a buffered output stream whose writes are synchronized per connection, and the connection's state (logon,
 * subscriptions, heartbeat).
 *
 * <p>Frames written by a reader thread are flushed when that reader has nothing more to read, so a burst of
 * commands is answered with few socket writes; frames written from any other thread are flushed at once.
 */
final class Connection implements ServerConnection, Session, Runnable {

	private static final Logger log = LoggerFactory.getLogger(AmpsTestServer.class);

	private static final int BUFFER_SIZE = 64 * 1024;

	private static final byte[] NO_BYTES = {};

	private static final byte[] HEARTBEAT = "{\"c\":\"heartbeat\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

	private final AmpsTestServer server;

	private final FrameHandler handler;

	private final Socket socket;

	private final String remote;

	/** Read by the reader thread only; released (with its buffer) when that thread ends. */
	private InputStream in;

	/** Guards {@link #out} and everything written to it. */
	private final Object writeLock = new Object();

	/** Guarded by {@link #writeLock}; released (with its buffer) when the connection closes. */
	private OutputStream out;

	private final byte[] lengthPrefix = new byte[4];

	private final InboundHeader header = new InboundHeader();

	/** Guarded by {@code writeLock}. */
	private final byte[] writePrefix = new byte[4];

	/** Guarded by {@code writeLock}: inside {@link #sendTogether(Runnable)}, writes are not flushed one by one. */
	private boolean batching;

	/** Connections this reader thread wrote to without flushing; touched by the reader thread only. */
	private final List<Connection> unflushed = new ArrayList<>(4);

	private final Thread reader;

	private volatile boolean closed;

	private volatile boolean loggedOn;

	/** Written under the {@code writeLock}: once set, nothing more is written. */
	private volatile boolean silent;

	/** Written under the {@code writeLock}: once set, nothing more is written, but frames are still handled. */
	private volatile boolean discardingOutput;

	private volatile String clientName;

	/** The user of the successful logon, {@code null} without credentials. */
	private volatile String user;

	private volatile String nameHash = "0";

	private volatile boolean jsonMessages = true;

	private final Subscriptions subscriptions = new Subscriptions();

	private volatile long lastReadNanos = System.nanoTime();

	private volatile long lastWriteNanos = System.nanoTime();

	private volatile long lastHeartbeatNanos;

	private volatile long heartbeatIntervalNanos;

	private ScheduledFuture<?> heartbeatTask;

	/** Whether a heartbeat write (or the close after a heartbeat timeout) was handed to a background thread. */
	private final AtomicBoolean heartbeatWriteInFlight = new AtomicBoolean();

	private final AtomicBoolean timedOut = new AtomicBoolean();

	Connection(AmpsTestServer server, FrameHandler handler, Socket socket, int id) throws IOException {
		this.server = server;
		this.handler = handler;
		this.socket = socket;
		this.remote = String.valueOf(socket.getRemoteSocketAddress());
		this.in = new BufferedInputStream(socket.getInputStream(), BUFFER_SIZE);
		this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_SIZE);
		this.reader = new Thread(this, "amps-test-server-connection-" + id);
		this.reader.setDaemon(true);
	}

	void start() {
		this.reader.start();
	}

	Thread readerThread() {
		return this.reader;
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
		java.util.Objects.requireNonNull(bytes, "bytes");
		if (this.closed) {
			return;
		}
		try {
			synchronized (this.writeLock) {
				if (this.silent || this.discardingOutput) {
					return;
				}
				this.out.write(bytes);
				this.out.flush();
				this.lastWriteNanos = System.nanoTime();
			}
		}
		catch (IOException ex) {
			log.debug("AMPS test server: writing to {} failed: {}", this.remote, ex.toString());
			close();
		}
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
		synchronized (this.writeLock) {
			if (this.silent || this.closed) {
				return;
			}
			try {
				// what was written before this call was sent before it, logically
				this.out.flush();
			}
			catch (IOException ex) {
				log.debug("AMPS test server: writing to {} failed: {}", this.remote, ex.toString());
			}
			this.silent = true;
		}
		synchronized (this) {
			if (this.heartbeatTask != null) {
				this.heartbeatTask.cancel(false);
				this.heartbeatTask = null;
			}
			this.heartbeatIntervalNanos = 0;
		}
		log.info("AMPS test server: the connection of client '{}' ({}) goes silent {}: from now on it discards what "
				+ "it reads and sends nothing, not even heartbeats, and stays open", this.clientName, this.remote, why);
	}

	/**
	 * For tests: from now on nothing is written to this connection (what was written before is flushed first), but
	 * what it receives is still handled as usual, so its publishes are processed and delivered while their acks are
	 * lost, as when a server fails after processing a message and before its acknowledgement gets out.
	 */
	void discardOutput() {
		synchronized (this.writeLock) {
			if (this.closed) {
				return;
			}
			try {
				this.out.flush();
			}
			catch (IOException ex) {
				log.debug("AMPS test server: writing to {} failed: {}", this.remote, ex.toString());
			}
			this.discardingOutput = true;
		}
	}

	@Override
	public boolean isSilent() {
		return this.silent;
	}

	@Override
	public String toString() {
		return "ServerConnection[client=" + this.clientName + ", remote=" + this.remote
				+ (isOpen() ? "" : ", closed") + (this.silent ? ", silent" : "") + "]";
	}

	// ---- reading

	@Override
	public void run() {
		String problem = null;
		try {
			if (this.socket instanceof SSLSocket tls && !handshake(tls)) {
				return;
			}
			while (!this.closed) {
				if (this.in.available() == 0) {
					flushUnflushed();
				}
				int prefix = readFully(this.lengthPrefix, 4);
				if (prefix == 0) {
					break;
				}
				if (prefix < 4) {
					problem = "truncated frame (the connection ended inside the 4-byte length prefix)";
					break;
				}
				int length = ((this.lengthPrefix[0] & 0xff) << 24) | ((this.lengthPrefix[1] & 0xff) << 16)
						| ((this.lengthPrefix[2] & 0xff) << 8) | (this.lengthPrefix[3] & 0xff);
				if (length <= 0) {
					problem = "invalid frame length " + length + " (not positive)";
					break;
				}
				if (length > this.server.maxFrameLength()) {
					problem = "invalid frame length " + length + " (more than the maximum of "
							+ this.server.maxFrameLength() + " bytes)";
					break;
				}
				byte[] frame = new byte[length];
				int read = readFully(frame, length);
				if (read < length) {
					problem = "truncated frame (length prefix says " + length + " bytes, the connection ended after "
							+ read + ")";
					break;
				}
				this.lastReadNanos = System.nanoTime();
				int headerEnd = Json.headerEnd(frame, length);
				if (headerEnd < 0) {
					problem = "frame header is not a JSON object";
					break;
				}
				try {
					this.header.read(frame);
				}
				catch (JacksonException ex) {
					// Not Jackson's message: it can quote the offending token, which may be a password.
					this.header.release();
					problem = "frame header is not a JSON object" + ((ex.getLocation() != null
							&& ex.getLocation().getByteOffset() >= 0)
									? " (invalid JSON near byte " + ex.getLocation().getByteOffset() + ")" : "");
					break;
				}
				catch (IllegalArgumentException ex) {
					this.header.release();
					problem = "frame header is not a JSON object";
					break;
				}
				if (this.header.command() == null || this.header.command().isEmpty()) {
					this.header.release();
					problem = "frame header has no command (\"c\")";
					break;
				}
				try {
					this.handler.handle(this, frame, headerEnd, this.header);
				}
				finally {
					this.header.release();
				}
			}
		}
		catch (IOException ex) {
			if (!this.closed) {
				log.debug("AMPS test server: connection {} from {} ended: {}", this.clientName, this.remote,
						ex.toString());
			}
		}
		catch (RuntimeException ex) {
			if (!this.closed) {
				log.error("AMPS test server: unexpected failure handling a frame from {}; closing that connection",
						this.remote, ex);
			}
		}
		finally {
			if (problem != null && !this.closed) {
				log.warn("AMPS test server: {} from {}; closing that connection", problem, this.remote);
			}
			flushUnflushed();
			close();
			// a closed connection may be kept a while (awaitLogon has not returned it yet): not its buffers
			this.in = InputStream.nullInputStream();
		}
	}

	/**
	 * Completes the TLS handshake before anything is read, so that a failure is reported as what it is.
	 * @return whether it succeeded; if not, it was logged (one WARN line) and the caller closes the connection
	 */
	private boolean handshake(SSLSocket tls) throws IOException {
		int timeout = tls.getSoTimeout();
		tls.setSoTimeout(AmpsTestServer.HANDSHAKE_TIMEOUT_MILLIS);
		try {
			tls.startHandshake();
			tls.setSoTimeout(timeout);
			log.debug("AMPS test server: TLS handshake with {} done ({}, {})", this.remote,
					tls.getSession().getProtocol(), tls.getSession().getCipherSuite());
			return true;
		}
		catch (SocketTimeoutException ex) {
			if (!this.closed) {
				log.warn("AMPS test server: TLS handshake with {} did not complete within {} ms; closing that "
						+ "connection", this.remote, AmpsTestServer.HANDSHAKE_TIMEOUT_MILLIS);
			}
			return false;
		}
		catch (IOException ex) {
			if (!this.closed) {
				log.warn("AMPS test server: TLS handshake with {} failed ({}); closing that connection and serving "
						+ "others. A client that does not trust the server's certificate, or that connects with tcp:// "
						+ "instead of tcps://, fails this way", this.remote, describe(ex));
			}
			return false;
		}
	}

	private static String describe(IOException ex) {
		String message = ex.getMessage();
		String type = (ex instanceof SSLException) ? ex.getClass().getSimpleName() : ex.getClass().getName();
		return (message != null) ? type + ": " + message : type;
	}

	private int readFully(byte[] buffer, int length) throws IOException {
		int total = 0;
		while (total < length) {
			int n = this.in.read(buffer, total, length - total);
			if (n < 0) {
				break;
			}
			total += n;
		}
		return total;
	}

	// ---- writing

	/**
	 * Sends a frame whose header is made from alternating names and values.
	 * @param origin the connection whose reader thread is calling (its flush is deferred), or {@code null}
	 */
	@Override
	public void deliver(Subscriber origin, byte[] payload, int payloadOffset, int payloadLength, Object... header) {
		Json.HeaderBuffer encoded = Json.encodeHeader(header);
		write(origin, encoded.bytes(), encoded.length(), payload, payloadOffset, payloadLength);
	}

	@Override
	public void deliverHeader(Subscriber origin, Object... header) {
		deliver(origin, NO_BYTES, 0, 0, header);
	}

	void sendVerbatim(byte[] frame) {
		write(null, frame, frame.length, NO_BYTES, 0, 0);
	}

	/** Writes the frames one after the other and flushes them together, in one socket write where possible. */
	@Override
	public void sendTogether(Runnable writes) {
		synchronized (this.writeLock) {
			this.batching = true;
			try {
				writes.run();
			}
			finally {
				this.batching = false;
			}
			flush();
		}
	}

	@Override
	public void writeVerbatim(Subscriber origin, byte[] frame) {
		write(origin, frame, frame.length, NO_BYTES, 0, 0);
	}

	private void write(Subscriber from, byte[] header, int headerLength, byte[] payload, int payloadOffset,
			int payloadLength) {
		if (this.closed) {
			return;
		}
		Connection origin = (from instanceof Connection connection) ? connection : null;
		try {
			synchronized (this.writeLock) {
				if (this.silent || this.discardingOutput) {
					return;
				}
				int length = headerLength + payloadLength;
				byte[] prefix = this.writePrefix;
				prefix[0] = (byte) (length >>> 24);
				prefix[1] = (byte) (length >>> 16);
				prefix[2] = (byte) (length >>> 8);
				prefix[3] = (byte) length;
				this.out.write(prefix, 0, 4);
				this.out.write(header, 0, headerLength);
				if (payloadLength > 0) {
					this.out.write(payload, payloadOffset, payloadLength);
				}
				this.lastWriteNanos = System.nanoTime();
				if (this.batching) {
					return;
				}
				if (origin == null || Thread.currentThread() != origin.reader) {
					this.out.flush();
					return;
				}
			}
			if (!origin.unflushed.contains(this)) {
				origin.unflushed.add(this);
			}
		}
		catch (IOException ex) {
			log.debug("AMPS test server: writing to {} failed: {}", this.remote, ex.toString());
			close();
		}
	}

	private void flush() {
		if (this.closed) {
			return;
		}
		try {
			synchronized (this.writeLock) {
				this.out.flush();
			}
		}
		catch (IOException ex) {
			log.debug("AMPS test server: writing to {} failed: {}", this.remote, ex.toString());
			close();
		}
	}

	private void flushUnflushed() {
		for (int i = 0; i < this.unflushed.size(); i++) {
			this.unflushed.get(i).flush();
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
		return isLoggedOn() && !this.silent;
	}

	// ---- heartbeat

	/** Starts (or, with a non-positive interval, stops) the heartbeat that a client asked for. */
	@Override
	public synchronized void startHeartbeat(int intervalSeconds) {
		if (this.heartbeatTask != null) {
			this.heartbeatTask.cancel(false);
			this.heartbeatTask = null;
		}
		if (intervalSeconds <= 0 || this.closed || this.silent) {
			this.heartbeatIntervalNanos = 0;
			return;
		}
		this.heartbeatIntervalNanos = TimeUnit.SECONDS.toNanos(intervalSeconds);
		long periodMillis = Math.max(50, intervalSeconds * 1000L / 4);
		this.heartbeatTask = this.server.scheduleHeartbeat(this::heartbeatTick, periodMillis);
	}

	private void heartbeatTick() {
		long interval = this.heartbeatIntervalNanos;
		if (this.closed || this.silent || interval == 0) {
			return;
		}
		long now = System.nanoTime();
		long silence = now - this.lastReadNanos;
		if (silence > 2 * interval) {
			if (this.timedOut.compareAndSet(false, true)) {
				log.warn("AMPS test server: nothing received from client '{}' ({}) for {} ms, more than twice the "
						+ "heartbeat interval of {} s; closing the connection", this.clientName, this.remote,
						TimeUnit.NANOSECONDS.toMillis(silence), TimeUnit.NANOSECONDS.toSeconds(interval));
				// closing takes the SOW lock, which a write to another connection that does not read may hold
				this.server.inBackground(this::close);
			}
			return;
		}
		boolean serverQuiet = now - this.lastWriteNanos >= interval;
		boolean clientQuiet = silence >= interval && this.lastHeartbeatNanos - this.lastReadNanos <= 0;
		if ((serverQuiet || clientQuiet) && this.heartbeatWriteInFlight.compareAndSet(false, true)) {
			this.lastHeartbeatNanos = now;
			log.trace("AMPS test server: heartbeat to {}", this);
			// the write blocks while another thread is writing to this connection, or its client does not read
			this.server.inBackground(() -> {
				try {
					sendVerbatim(HEARTBEAT);
				}
				finally {
					this.heartbeatWriteInFlight.set(false);
				}
			});
		}
	}

	// ---- closing

	@Override
	public void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			if (this.heartbeatTask != null) {
				this.heartbeatTask.cancel(false);
				this.heartbeatTask = null;
			}
		}
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		synchronized (this.writeLock) {
			// the socket is closed, so a write that was blocked has failed and let go of the lock
			this.out = OutputStream.nullOutputStream();
		}
		this.server.connectionClosed(this);
	}

}
