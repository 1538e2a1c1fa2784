package org.ampsboot.benchmarks;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The do-nothing end of the end-to-end comparison: accepts AMPS clients, answers what they must have answered
 * to log on and subscribe (a success ack for each requested ack type), and otherwise only reads frames,
 * counting the publishes. One reader thread per connection, like the test server; the frame buffer is reused.
 */
final class FrameSink implements AutoCloseable {

	private static final byte[] PUBLISH_PREFIX = "{\"c\":\"p\",".getBytes(StandardCharsets.US_ASCII);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final ServerSocket serverSocket;

	private final Arrivals publishes;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean closed;

	FrameSink(Arrivals publishes) throws IOException {
		this.publishes = publishes;
		this.serverSocket = new ServerSocket();
		this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		Thread accept = new Thread(this::acceptLoop, "frame-sink-accept");
		accept.setDaemon(true);
		accept.start();
	}

	String uri() {
		return "tcp://127.0.0.1:" + this.serverSocket.getLocalPort() + "/amps/json";
	}

	private void acceptLoop() {
		while (!this.closed) {
			try {
				Socket socket = this.serverSocket.accept();
				socket.setTcpNoDelay(true);
				this.sockets.add(socket);
				Thread reader = new Thread(() -> read(socket), "frame-sink-connection");
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void read(Socket socket) {
		byte[] frame = new byte[64 * 1024];
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024))) {
			OutputStream out = socket.getOutputStream();
			while (!this.closed) {
				int length = in.readInt();
				if (length > frame.length) {
					frame = new byte[Math.max(length, frame.length * 2)];
				}
				in.readFully(frame, 0, length);
				if (startsWith(frame, length, PUBLISH_PREFIX)) {
					this.publishes.arrived();
				}
				else {
					command(frame, length, out);
				}
			}
		}
		catch (EOFException ex) {
			// the client disconnected
		}
		catch (IOException ex) {
			if (!this.closed) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
	}

	private static boolean startsWith(byte[] frame, int length, byte[] prefix) {
		if (length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (frame[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	/** Anything but a publish: read its header; answer a logon or any requested ack. */
	private void command(byte[] frame, int length, OutputStream out) throws IOException {
		String command = null;
		String commandId = null;
		String ackTypes = null;
		String subId = null;
		String clientName = null;
		try (JsonParser parser = MAPPER.createParser(frame, 0, length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IOException("frame header is not a JSON object");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if (value.isStructStart()) {
					parser.skipChildren();
					continue;
				}
				String text = (value == JsonToken.VALUE_NULL) ? null : parser.getText();
				switch (name) {
					case "c" -> command = text;
					case "cid" -> commandId = text;
					case "a" -> ackTypes = text;
					case "sub_id" -> subId = text;
					case "client_name" -> clientName = text;
					default -> {
					}
				}
			}
		}
		if ("p".equals(command) || "publish".equals(command)) {
			this.publishes.arrived();
		}
		if (ackTypes == null || ackTypes.isEmpty()) {
			return;
		}
		for (String ackType : ackTypes.split(",")) {
			StringBuilder ack = new StringBuilder("{\"c\":\"ack\",\"a\":\"").append(ackType.trim()).append('"');
			field(ack, "cid", commandId);
			field(ack, "sub_id", subId);
			if ("logon".equals(command)) {
				field(ack, "client_name", clientName);
				ack.append(",\"v\":\"5.3.4.0\",\"bm\":\"1|0|\"");
			}
			ack.append(",\"status\":\"success\"}");
			write(out, ack.toString().getBytes(StandardCharsets.UTF_8));
		}
	}

	private static void field(StringBuilder header, String name, String value) {
		if (value != null) {
			header.append(",\"").append(name).append("\":\"").append(value.replace("\\", "\\\\").replace("\"", "\\\""))
				.append('"');
		}
	}

	private static void write(OutputStream out, byte[] frame) throws IOException {
		byte[] prefix = { (byte) (frame.length >>> 24), (byte) (frame.length >>> 16), (byte) (frame.length >>> 8),
				(byte) frame.length };
		synchronized (out) {
			out.write(prefix);
			out.write(frame);
			out.flush();
		}
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket socket : this.sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

}
