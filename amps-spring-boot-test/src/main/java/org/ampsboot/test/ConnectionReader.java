package org.ampsboot.test;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Json;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

import tools.jackson.core.JacksonException;

/**
 * The reader thread of one {@link Connection}: completes a TLS handshake, decodes frames (a 4-byte big-endian length,
 * a JSON header object, the payload) and hands each to the {@link FrameHandler}. A malformed frame is logged as one
 * WARN line and closes only this connection. When it has nothing more to read it flushes what its commands wrote.
 */
final class ConnectionReader implements Runnable {

	private static final Logger log = ServerLog.LOG;

	private static final int BUFFER_SIZE = 64 * 1024;

	/** How long a TLS handshake may take before the server gives up on that connection. */
	static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;

	private final Connection connection;

	private final FrameHandler handler;

	private final Socket socket;

	private final String remote;

	private final AmpsTestServer server;

	/** Read by the reader thread only; released (with its buffer) when that thread ends. */
	private InputStream in;

	private final byte[] lengthPrefix = new byte[4];

	private final InboundHeader header = new InboundHeader();

	ConnectionReader(Connection connection, FrameHandler handler, Socket socket, String remote, AmpsTestServer server)
			throws IOException {
		this.connection = connection;
		this.handler = handler;
		this.socket = socket;
		this.remote = remote;
		this.server = server;
		this.in = new BufferedInputStream(socket.getInputStream(), BUFFER_SIZE);
	}

	@Override
	public void run() {
		String problem = null;
		try {
			if (this.socket instanceof SSLSocket tls && !handshake(tls)) {
				return;
			}
			while (!this.connection.isClosed()) {
				if (this.in.available() == 0) {
					this.connection.flushUnflushed();
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
				this.connection.heartbeat().read();
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
					this.handler.handle(this.connection, frame, headerEnd, this.header);
				}
				finally {
					this.header.release();
				}
			}
		}
		catch (IOException ex) {
			if (!this.connection.isClosed()) {
				log.debug("AMPS test server: connection {} from {} ended: {}", this.connection.clientName(), this.remote,
						ex.toString());
			}
		}
		catch (RuntimeException ex) {
			if (!this.connection.isClosed()) {
				log.error("AMPS test server: unexpected failure handling a frame from {}; closing that connection",
						this.remote, ex);
			}
		}
		finally {
			if (problem != null && !this.connection.isClosed()) {
				log.warn("AMPS test server: {} from {}; closing that connection", problem, this.remote);
			}
			this.connection.flushUnflushed();
			this.connection.close();
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
		tls.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
		try {
			tls.startHandshake();
			tls.setSoTimeout(timeout);
			log.debug("AMPS test server: TLS handshake with {} done ({}, {})", this.remote,
					tls.getSession().getProtocol(), tls.getSession().getCipherSuite());
			return true;
		}
		catch (SocketTimeoutException ex) {
			if (!this.connection.isClosed()) {
				log.warn("AMPS test server: TLS handshake with {} did not complete within {} ms; closing that "
						+ "connection", this.remote, HANDSHAKE_TIMEOUT_MILLIS);
			}
			return false;
		}
		catch (IOException ex) {
			if (!this.connection.isClosed()) {
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

}
