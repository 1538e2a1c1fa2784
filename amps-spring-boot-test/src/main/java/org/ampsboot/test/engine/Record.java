package org.ampsboot.test.engine;

import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

import tools.jackson.databind.JsonNode;

/** One record of a SOW topic: its key, payload, parsed document, bookmark, correlation id and expiration. */
final class Record {

	final String sowKey;

	final byte[] data;

	final JsonNode document;

	/** The bookmark of the message that set the record, or {@code null} when the topic is not in the transaction log. */
	final String bookmark;

	/** The correlation id of the message that set the record's current state, or {@code null}. */
	final String correlationId;

	long expiresAtNanos;

	ScheduledFuture<?> expiry;

	Record(String sowKey, byte[] data, JsonNode document, String bookmark, String correlationId) {
		this.sowKey = sowKey;
		this.data = Objects.requireNonNull(data);
		this.document = document;
		this.bookmark = bookmark;
		this.correlationId = correlationId;
	}

	/** Whether it has not expired at {@code now} (a {@link System#nanoTime()}). */
	boolean liveAt(long now) {
		return this.expiresAtNanos == 0 || this.expiresAtNanos - now > 0;
	}

}
