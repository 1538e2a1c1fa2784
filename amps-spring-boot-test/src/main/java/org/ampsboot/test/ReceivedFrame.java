package org.ampsboot.test;

import org.ampsboot.test.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One frame that a client sent to the {@link AmpsTestServer}: its header fields and payload, as they
 * crossed the wire. Heartbeats are never recorded.
 *
 * <p>Header values are kept as sent: {@link #headers()} maps each header name, in wire order, to a
 * {@code String}, a {@code Long} (or {@code BigInteger}/{@code Double} for numbers that are not longs),
 * a {@code Boolean}, {@code null}, or, for a nested object or array, its JSON text.
 * {@link #toString()} never shows the value of a password header ({@code pw}).
 */
public final class ReceivedFrame {

	private static final String MASK = "********";

	private final byte[] frame;

	private final int headerLength;

	private final String command;

	private final String clientName;

	private volatile Map<String, Object> headers;

	/** The server's count of recorded frames when this one was recorded; written and read under its frames lock. */
	long arrival;

	ReceivedFrame(byte[] frame, int headerLength, String command, String clientName) {
		this.frame = frame;
		this.headerLength = headerLength;
		this.command = command;
		this.clientName = clientName;
	}

	/** The command ({@code c}) exactly as sent, for example {@code "p"}, {@code "subscribe"} or {@code "logon"}. */
	public String command() {
		return this.command;
	}

	/** The command id ({@code cid}), or {@code null}. */
	public String commandId() {
		return header("cid");
	}

	/** The topic ({@code t}), or {@code null}. */
	public String topic() {
		return header("t");
	}

	/** Any header value as text (numbers in decimal, nested values as JSON), or {@code null} if absent. */
	public String header(String key) {
		Object value = headers().get(key);
		return (value != null) ? value.toString() : null;
	}

	/** Every header field in wire order; unmodifiable. */
	public Map<String, Object> headers() {
		Map<String, Object> result = this.headers;
		if (result == null) {
			result = Collections.unmodifiableMap(parseHeaders());
			this.headers = result;
		}
		return result;
	}

	/** The payload decoded as UTF-8; empty if the frame had none. */
	public String payload() {
		return new String(this.frame, this.headerLength, this.frame.length - this.headerLength,
				StandardCharsets.UTF_8);
	}

	/** A copy of the payload bytes. */
	public byte[] payloadBytes() {
		return Arrays.copyOfRange(this.frame, this.headerLength, this.frame.length);
	}

	/** The name of the client that sent the frame, from its connection's logon, or {@code null}. */
	public String clientName() {
		return this.clientName;
	}

	/** The header (with any password masked) followed by the payload. */
	@Override
	public String toString() {
		ObjectNode header = headerTree();
		for (String secret : new String[] { "pw", "password" }) {
			if (header.has(secret)) {
				header.put(secret, MASK);
			}
		}
		return header.toString() + payload();
	}

	private ObjectNode headerTree() {
		return (ObjectNode) Json.MAPPER.readTree(this.frame, 0, this.headerLength);
	}

	private Map<String, Object> parseHeaders() {
		Map<String, Object> map = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : headerTree().properties()) {
			map.put(entry.getKey(), toValue(entry.getValue()));
		}
		return map;
	}

	private static Object toValue(JsonNode node) {
		if (node.isNull()) {
			return null;
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isNumber()) {
			Number number = node.numberValue();
			return (number instanceof Integer || number instanceof Short) ? Long.valueOf(number.longValue()) : number;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return node.toString();
	}

}
