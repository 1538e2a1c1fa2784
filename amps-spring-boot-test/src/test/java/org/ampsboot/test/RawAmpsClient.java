package org.ampsboot.test;

import org.ampsboot.test.wire.Json;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * A bare socket speaking the AMPS framing, for tests that must control the exact bytes on the wire (the real
 * client cannot send malformed frames, and hides the raw acks).
 */
final class RawAmpsClient implements AutoCloseable {

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	RawAmpsClient(AmpsTestServer server) throws IOException {
		this.socket = new Socket(server.host(), server.port());
		this.socket.setSoTimeout(5000);
		this.in = new DataInputStream(this.socket.getInputStream());
		this.out = this.socket.getOutputStream();
	}

	/** Logs on with this client name and returns the logon ack. */
	Frame logon(String clientName) throws IOException {
		send("{\"c\":\"logon\",\"cid\":\"logon-1\",\"client_name\":\"" + clientName
				+ "\",\"a\":\"processed\",\"mt\":\"json\"}", "");
		return read();
	}

	void send(String header, String payload) throws IOException {
		byte[] body = (header + payload).getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(intBytes(body.length));
		frame.write(body);
		sendBytes(frame.toByteArray());
	}

	void sendBytes(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	void shutdownOutput() throws IOException {
		this.socket.shutdownOutput();
	}

	static byte[] intBytes(int value) {
		return new byte[] { (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value };
	}

	/** Reads the next frame (waiting up to 5 s). */
	Frame read() throws IOException {
		int length = this.in.readInt();
		byte[] body = new byte[length];
		this.in.readFully(body);
		int end = Json.headerEnd(body, length);
		JsonNode header = Json.MAPPER.readTree(body, 0, end);
		return new Frame(header, new String(body, end, length - end, StandardCharsets.UTF_8));
	}

	/** Reads the next frame that is not a heartbeat. */
	Frame readSkippingHeartbeats() throws IOException {
		while (true) {
			Frame frame = read();
			if (!"heartbeat".equals(frame.header().path("c").asString())) {
				return frame;
			}
		}
	}

	/** Whether bytes are already waiting to be read. */
	int available() throws IOException {
		return this.in.available();
	}

	/**
	 * Reads and discards frames until the server closes the connection.
	 * @return whether it was closed within the timeout
	 */
	boolean awaitClosedByServer(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
		try {
			while (System.nanoTime() < deadline) {
				int length = this.in.readInt();
				this.in.readFully(new byte[length]);
			}
			return false;
		}
		catch (EOFException ex) {
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			// connection reset: closed by the server as well
			return true;
		}
	}

	/**
	 * Reads and discards raw bytes (not frames: for a peer that does not speak the AMPS framing, such as a TLS
	 * server answering with an alert) until the server closes the connection.
	 * @return whether it was closed within the timeout
	 */
	boolean awaitEndOfStream(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
		byte[] discard = new byte[1024];
		try {
			while (System.nanoTime() < deadline) {
				if (this.in.read(discard) < 0) {
					return true;
				}
			}
			return false;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			// connection reset: closed by the server as well
			return true;
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	record Frame(JsonNode header, String payload) {

		String get(String key) {
			JsonNode value = this.header.get(key);
			return (value == null || value.isNull()) ? null : value.asString();
		}

	}

}
