package org.ampsboot.test.wire;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * JSON helpers of the test server: finding the end of a frame's header object, checking a payload, and
 * encoding outgoing headers. Everything goes through one shared Jackson {@link JsonMapper}.
 *
 * <p>Internal: not API.
 */
public final class Json {

	public static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** Streaming parsers and generators straight from the factory: no data-binding context per frame. */
	private static final TokenStreamFactory FACTORY = MAPPER.tokenStreamFactory();

	private static final ThreadLocal<HeaderBuffer> HEADER_BUFFER = ThreadLocal.withInitial(HeaderBuffer::new);

	private Json() {
	}

	/**
	 * Returns the index just after the closing brace of the JSON object that starts the frame, found by
	 * scanning braces, strings and escapes; {@code -1} if the frame does not start with a complete object.
	 */
	public static int headerEnd(byte[] frame, int length) {
		int i = 0;
		while (i < length && isWhitespace(frame[i])) {
			i++;
		}
		if (i >= length || frame[i] != '{') {
			return -1;
		}
		int depth = 0;
		boolean inString = false;
		for (; i < length; i++) {
			byte b = frame[i];
			if (inString) {
				if (b == '\\') {
					i++;
				}
				else if (b == '"') {
					inString = false;
				}
			}
			else if (b == '"') {
				inString = true;
			}
			else if (b == '{' || b == '[') {
				depth++;
			}
			else if (b == '}' || b == ']') {
				depth--;
				if (depth == 0) {
					return (b == '}') ? i + 1 : -1;
				}
			}
		}
		return -1;
	}

	private static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\t' || b == '\r' || b == '\n';
	}

	/**
	 * Whether {@code length} bytes from {@code offset} are one JSON value. An empty payload counts as valid
	 * (an empty message); a payload of whitespace only does not.
	 */
	public static boolean isValidJson(byte[] bytes, int offset, int length) {
		if (length == 0) {
			return true;
		}
		try (JsonParser parser = parser(bytes, offset, length)) {
			return isOneValue(parser);
		}
	}

	/**
	 * Whether the rest of the parser's input is exactly one JSON value.
	 */
	public static boolean isOneValue(JsonParser parser) {
		try {
			JsonToken first = parser.nextToken();
			if (first == null) {
				return false;
			}
			parser.skipChildren();
			return parser.nextToken() == null;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/**
	 * The payload as a JSON tree for content filters, or a missing node (every identifier is then NULL) when it is
	 * empty or not JSON.
	 */
	public static JsonNode document(byte[] bytes, int offset, int length) {
		if (length == 0) {
			return MissingNode.getInstance();
		}
		try {
			JsonNode node = MAPPER.readTree(bytes, offset, length);
			return (node != null) ? node : MissingNode.getInstance();
		}
		catch (JacksonException ex) {
			return MissingNode.getInstance();
		}
	}

	/** A supplier that parses the payload once, on first use. */
	public static java.util.function.Supplier<JsonNode> lazyDocument(byte[] bytes, int offset, int length) {
		return new java.util.function.Supplier<>() {

			private JsonNode document;

			@Override
			public JsonNode get() {
				if (this.document == null) {
					this.document = document(bytes, offset, length);
				}
				return this.document;
			}

		};
	}

	public static JsonParser parser(byte[] bytes, int offset, int length) {
		return FACTORY.createParser(ObjectReadContext.empty(), bytes, offset, length);
	}

	/**
	 * Encodes a header object from alternating names and values (String, Long or Integer; null values are
	 * left out) into this thread's reusable buffer. The result is valid until this thread encodes again.
	 */
	public static HeaderBuffer encodeHeader(Object... namesAndValues) {
		HeaderBuffer buffer = HEADER_BUFFER.get();
		buffer.reset();
		try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), buffer)) {
			generator.writeStartObject();
			for (int i = 0; i < namesAndValues.length; i += 2) {
				Object value = namesAndValues[i + 1];
				if (value == null) {
					continue;
				}
				generator.writeName((String) namesAndValues[i]);
				if (value instanceof Number number) {
					generator.writeNumber(number.longValue());
				}
				else {
					generator.writeString(value.toString());
				}
			}
			generator.writeEndObject();
		}
		return buffer;
	}

	/** A reusable byte buffer whose contents can be read without copying. */
	public static final class HeaderBuffer extends ByteArrayOutputStream {

		HeaderBuffer() {
			super(256);
		}

		public byte[] bytes() {
			return this.buf;
		}

		public int length() {
			return this.count;
		}

		@Override
		public synchronized String toString() {
			return new String(Arrays.copyOf(this.buf, this.count), java.nio.charset.StandardCharsets.UTF_8);
		}

	}

}
