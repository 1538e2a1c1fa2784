package org.ampsboot.test;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The header fields of one incoming frame that the server acts on, read with Jackson's streaming parser.
 * One instance per connection, reused for every frame that connection sends.
 */
final class InboundHeader {

	String command;

	String commandId;

	String topic;

	String ackTypes;

	String subId;

	String queryId;

	String sequence;

	String filter;

	String options;

	String clientName;

	String userId;

	String password;

	String messageType;

	String expiration;

	String sowKeys;

	String sowKey;

	String topN;

	String orderBy;

	String bookmark;

	String batchSize;

	/** The parser over the whole frame, left just after the header so the payload can be checked. */
	private JsonParser parser;

	/**
	 * Reads the header object at the start of the frame; call {@link #release()}
	 * when done with the frame.
	 * @throws JacksonException if it is not a well-formed JSON object
	 */
	void read(byte[] frame) {
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
				default -> {
				}
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
	boolean payloadIsValidJson(int payloadLength) {
		return payloadLength == 0 || Json.isOneValue(this.parser);
	}

	/** Closes the parser of the current frame. */
	void release() {
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
	}

	/** The sequence number {@code s} as a long, or {@code null} if absent or not a number. */
	Long sequenceNumber() {
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
	Long expirationSeconds() {
		Long value = longOrNull(this.expiration);
		return (value != null && value > 0) ? value : null;
	}

	/** {@code top_n} as a number, or {@code null} if absent or not a non-negative number. */
	Long topNumber() {
		Long value = longOrNull(this.topN);
		return (value != null && value >= 0) ? value : null;
	}

	/** {@code batch_size}, or 1 (AMPS's default) if absent or not a positive number; at most 10,000. */
	int batchSizeOrOne() {
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

	boolean requested(String ackType) {
		return AckTypes.contains(this.ackTypes, ackType);
	}

}
