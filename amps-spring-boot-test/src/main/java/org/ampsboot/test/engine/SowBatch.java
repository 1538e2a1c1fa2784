package org.ampsboot.test.engine;

import java.io.ByteArrayOutputStream;

import org.ampsboot.test.wire.Json;

/**
 * One {@code sow} frame of a query's answer (of a SOW topic or a queue), as AMPS sends it:
 * {@code {"c":"sow","t":..,"query_id":..,"sub_id":..,"bs":<records in this frame>}}, whose payload is, per record, a
 * header {@code {"k":<SowKey>,"bm":<bookmark>,"x":<correlation id>,"l":<length>}} (absent values left out) followed
 * by that many bytes.
 *
 * <p>Internal: not API.
 */
final class SowBatch {

	private final ByteArrayOutputStream body = new ByteArrayOutputStream();

	private int count;

	/**
	 * Adds one record.
	 * @param sowKey its SowKey, or {@code null} (a queue message, or {@code no_sowkey})
	 */
	void add(String sowKey, String bookmark, String correlationId, byte[] data) {
		Json.HeaderBuffer inner = Json.encodeHeader("k", sowKey, "bm", bookmark, "x", correlationId, "l", data.length);
		this.body.write(inner.bytes(), 0, inner.length());
		this.body.write(data, 0, data.length);
		this.count++;
	}

	int size() {
		return this.count;
	}

	/** Delivers the frame to the subscriber that queried ({@code subId}: {@code null} for none). */
	void deliver(Subscriber subscriber, String topic, String queryId, String subId) {
		byte[] bytes = this.body.toByteArray();
		subscriber.deliver(subscriber, bytes, 0, bytes.length, "c", "sow", "t", topic, "query_id", queryId, "sub_id",
				subId, "bs", this.count);
	}

}
