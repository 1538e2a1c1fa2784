package org.ampsboot.test.wire;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The header fields of one incoming frame that the server acts on, read with Jackson's streaming parser.
 * One instance per connection, reused for every frame that connection sends.
 *
 * <p>Internal: not API.
 */
public final class InboundHeader {

	private String command;

	private String commandId;

	private String topic;

	private String ackTypes;

	private String subId;

	private String queryId;

	private String sequence;

	private String filter;

	private String options;

	private String clientName;

	private String userId;

	private String password;

	private String messageType;

	private String expiration;

	private String sowKeys;

	private String sowKey;

	private String topN;

	private String orderBy;

	private String bookmark;

	private String batchSize;

	/** Names of the header fields this class does not read, in the order they came (reused across frames). */
	private final List<String> otherFields = new ArrayList<>(2);

	/** The parser over the whole frame, left just after the header so the payload can be checked. */
	private JsonParser parser;

	/**
	 * Reads the header object at the start of the frame; call {@link #release()}
	 * when done with the frame.
	 * @throws JacksonException if it is not a well-formed JSON object
	 */
	public void read(byte[] frame) {
		clear();
		release();
		JsonParser parser = Json.parser(frame, 0, frame.length);
		this.parser = parser;
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			throw new IllegalArgumentException("header is not a JSON object");
		}
		JsonToken token;
		while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if (value.isStructStart()) {
				parser.skipChildren();
				this.otherFields.add(name);
				continue;
			}
			String text = (value == JsonToken.VALUE_NULL) ? null : parser.getText();
			switch (name) {
				case "c" -> this.command = Commands.intern(text);
				case "cid" -> this.commandId = text;
				case "t" -> this.topic = text;
				case "a" -> this.ackTypes = text;
				case "sub_id" -> this.subId = text;
				case "query_id" -> this.queryId = text;
				case "s" -> this.sequence = text;
				case "filter", "f" -> this.filter = text;
				case "opts", "o" -> this.options = text;
				case "e", "expiration" -> this.expiration = text;
				case "sow_keys" -> this.sowKeys = text;
				case "k", "sow_key" -> this.sowKey = text;
				case "top_n" -> this.topN = text;
				case "orderby", "order_by" -> this.orderBy = text;
				case "bookmark", "bm" -> this.bookmark = text;
				case "batch_size", "bs" -> this.batchSize = text;
				case "client_name" -> this.clientName = text;
				case "user_id" -> this.userId = text;
				case "pw" -> this.password = text;
				case "mt" -> this.messageType = text;
				default -> this.otherFields.add(name);
			}
		}
		if (token != JsonToken.END_OBJECT) {
			throw new IllegalArgumentException("header is not a JSON object");
		}
	}

	/**
	 * Whether the payload (everything after the header) is exactly one JSON value; an empty payload counts as
	 * valid. Uses the header's parser, so it can be asked once per frame.
	 */
	public boolean payloadIsValidJson(int payloadLength) {
		return payloadLength == 0 || Json.isOneValue(this.parser);
	}

	/** Closes the parser of the current frame. */
	public void release() {
		if (this.parser != null) {
			this.parser.close();
			this.parser = null;
		}
	}

	private void clear() {
		this.command = null;
		this.commandId = null;
		this.topic = null;
		this.ackTypes = null;
		this.subId = null;
		this.queryId = null;
		this.sequence = null;
		this.filter = null;
		this.options = null;
		this.clientName = null;
		this.userId = null;
		this.password = null;
		this.messageType = null;
		this.expiration = null;
		this.sowKeys = null;
		this.sowKey = null;
		this.topN = null;
		this.orderBy = null;
		this.bookmark = null;
		this.batchSize = null;
		this.otherFields.clear();
	}

	/** The {@code command} header, or {@code null}. */
	public String command() {
		return this.command;
	}

	/** The {@code commandId} header, or {@code null}. */
	public String commandId() {
		return this.commandId;
	}

	/** The {@code topic} header, or {@code null}. */
	public String topic() {
		return this.topic;
	}

	/** The {@code ackTypes} header, or {@code null}. */
	public String ackTypes() {
		return this.ackTypes;
	}

	/** The {@code subId} header, or {@code null}. */
	public String subId() {
		return this.subId;
	}

	/** The {@code queryId} header, or {@code null}. */
	public String queryId() {
		return this.queryId;
	}

	/** The {@code sequence} header, or {@code null}. */
	public String sequence() {
		return this.sequence;
	}

	/** The {@code filter} header, or {@code null}. */
	public String filter() {
		return this.filter;
	}

	/** The {@code options} header, or {@code null}. */
	public String options() {
		return this.options;
	}

	/** The {@code clientName} header, or {@code null}. */
	public String clientName() {
		return this.clientName;
	}

	/** The {@code userId} header, or {@code null}. */
	public String userId() {
		return this.userId;
	}

	/** The {@code password} header, or {@code null}. */
	public String password() {
		return this.password;
	}

	/** The {@code messageType} header, or {@code null}. */
	public String messageType() {
		return this.messageType;
	}

	/** The {@code expiration} header, or {@code null}. */
	public String expiration() {
		return this.expiration;
	}

	/** The {@code sowKeys} header, or {@code null}. */
	public String sowKeys() {
		return this.sowKeys;
	}

	/** The {@code sowKey} header, or {@code null}. */
	public String sowKey() {
		return this.sowKey;
	}

	/** The {@code topN} header, or {@code null}. */
	public String topN() {
		return this.topN;
	}

	/** The {@code orderBy} header, or {@code null}. */
	public String orderBy() {
		return this.orderBy;
	}

	/** The {@code bookmark} header, or {@code null}. */
	public String bookmark() {
		return this.bookmark;
	}

	/** The {@code batchSize} header, or {@code null}. */
	public String batchSize() {
		return this.batchSize;
	}

	/**
	 * The names of the header fields that have no accessor here (for example {@code data_only} or {@code x}), in
	 * the order they came; valid until the next {@link #read(byte[])}.
	 */
	public List<String> otherFields() {
		return this.otherFields;
	}

	/** The sequence number {@code s} as a long, or {@code null} if absent or not a number. */
	public Long sequenceNumber() {
		if (this.sequence == null) {
			return null;
		}
		try {
			return Long.parseLong(this.sequence.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** The expiration {@code e} in seconds, or {@code null} if absent, not a number or not positive. */
	public Long expirationSeconds() {
		Long value = longOrNull(this.expiration);
		return (value != null && value > 0) ? value : null;
	}

	/** {@code top_n} as a number, or {@code null} if absent or not a non-negative number. */
	public Long topNumber() {
		Long value = longOrNull(this.topN);
		return (value != null && value >= 0) ? value : null;
	}

	/** {@code batch_size}, or 1 (AMPS's default) if absent or not a positive number; at most 10,000. */
	public int batchSizeOrOne() {
		Long value = longOrNull(this.batchSize);
		return (value == null || value < 1) ? 1 : (int) Math.min(value, 10_000);
	}

	private static Long longOrNull(String text) {
		if (text == null) {
			return null;
		}
		try {
			return Long.parseLong(text.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	public boolean requested(String ackType) {
		return AckTypes.contains(this.ackTypes, ackType);
	}

}
