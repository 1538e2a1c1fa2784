package org.ampsboot;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageStream;
import com.crankuptheamps.client.fields.Field;
import tools.jackson.databind.json.JsonMapper;

/**
 * The AMPS operations an application needs most, over the auto-configured {@link Client}:
 * publish and delta publish (text, bytes or an object written as JSON), State of the World
 * queries into objects, SOW deletes and flush.
 * <p>
 * Publishing is asynchronous, as in the client: a publish that AMPS rejects later reaches the
 * failed-write handler (with a publish store) or the fallback handlers, as AMPS routes it.
 * Synchronous operations that fail throw {@link AmpsOperationException} carrying AMPS's reason.
 * <p>
 * Every call is bounded. While the client is not logged on (it lost its connection and
 * reconnects) the client's own send waits for the reconnection without a bound; the template
 * does not enter the client then, but waits for the logon itself, at most the publish timeout
 * (publishes) or the timeout (queries, deletes) or the flush's own timeout, and then fails with
 * {@link AmpsOperationException}: such a publish was neither sent nor stored. A call already
 * inside the client when the connection drops is held there by the client's reconnect; with the
 * auto-configured client it is released at the same bound (the starter stops that reconnect and
 * continues it on a thread of its own): a publish with a publish store then returns (the message
 * is stored and replayed after the reconnect), other calls fail with an
 * {@link AmpsOperationException} that says whether AMPS received them is unknown.
 * <p>
 * Once the starter has begun shutting the client down (its flush before disconnecting), every
 * publish is refused with an {@link AmpsOperationException} that says the message was not sent.
 * Thread-safe.
 */
public class AmpsTemplate {

	private final Client client;

	private final JsonMapper jsonMapper;

	private final long timeoutMillis;

	private final long publishTimeoutMillis;

	private final PublishGate gate;

	private final CallWatch watch;

	private final PublishPath publishPath;

	private final CallWatch.Slot commandSlot;

	private final PublishConfirmations confirmations;

	private volatile PublishInterceptor publishInterceptor;

	/**
	 * Create a template whose publishes are bounded by the timeout of its synchronous
	 * operations.
	 * @param client the client, connected when operations are called
	 * @param jsonMapper the mapper for objects written or read as JSON
	 * @param timeout the timeout of synchronous operations
	 */
	public AmpsTemplate(Client client, JsonMapper jsonMapper, Duration timeout) {
		this(client, jsonMapper, timeout, timeout);
	}

	/**
	 * Create a template.
	 * @param client the client, connected when operations are called
	 * @param jsonMapper the mapper for objects written or read as JSON
	 * @param timeout the timeout of synchronous operations
	 * @param publishTimeout how long a publish waits, at most, for the client to be logged on
	 */
	public AmpsTemplate(Client client, JsonMapper jsonMapper, Duration timeout, Duration publishTimeout) {
		this.client = client;
		this.jsonMapper = jsonMapper;
		this.timeoutMillis = timeout.toMillis();
		this.publishTimeoutMillis = publishTimeout.toMillis();
		this.gate = PublishGate.of(client);
		this.watch = CallWatch.of(client);
		this.publishPath = new PublishPath(client, this.gate, this.watch, this.publishTimeoutMillis);
		this.commandSlot = this.watch.slot(this.timeoutMillis);
		this.confirmations = PublishConfirmations.of(client);
	}

	/**
	 * Set an interceptor around every publish and delta publish of this template, for example
	 * to observe it (the starter sets one that records Micrometer observations and metrics when
	 * Micrometer is present).
	 * @param publishInterceptor the interceptor, or {@code null} for none
	 */
	public void setPublishInterceptor(PublishInterceptor publishInterceptor) {
		this.publishInterceptor = publishInterceptor;
	}

	/**
	 * The client this template uses.
	 * @return the client
	 */
	public Client getClient() {
		return this.client;
	}

	/**
	 * Publish a text payload.
	 * @param topic the topic
	 * @param data the payload
	 */
	public void publish(String topic, String data) {
		publishing(Outgoing.text(this.client, topic, data, -1, false));
	}

	/**
	 * Publish a binary payload.
	 * @param topic the topic
	 * @param data the payload
	 */
	public void publish(String topic, byte[] data) {
		publishing(Outgoing.bytes(this.client, topic, data));
	}

	/**
	 * Publish an object as JSON.
	 * @param topic the topic
	 * @param value the object, written with the application's JSON mapper
	 */
	public void publish(String topic, Object value) {
		publish(topic, toJson(value));
	}

	/**
	 * Publish a text payload that AMPS expires from the State of the World after a time.
	 * @param topic the topic
	 * @param data the payload
	 * @param expiration the lifetime, whole seconds
	 */
	public void publish(String topic, String data, Duration expiration) {
		publishing(Outgoing.text(this.client, topic, data, (int) expiration.toSeconds(), false));
	}

	/**
	 * Publish an object as JSON that AMPS expires from the State of the World after a time.
	 * @param topic the topic
	 * @param value the object
	 * @param expiration the lifetime, whole seconds
	 */
	public void publish(String topic, Object value, Duration expiration) {
		publish(topic, toJson(value), expiration);
	}

	/**
	 * Publish with a correlation id, an explicit SOW key, an expiration, or as a delta publish.
	 * @param publish the topic and the options
	 * @param value the payload: a {@code String} or {@code byte[]} as it is, any other object
	 * written as JSON
	 */
	public void publish(AmpsPublish publish, Object value) {
		publishing(Outgoing.withOptions(this.client, publish, payload(value)));
	}

	/**
	 * Publish, and learn when AMPS has acknowledged it. With a publish store
	 * ({@code amps.publish-store.type}) this returns at once and the future completes when AMPS
	 * has persisted the message; without one, the call waits for AMPS's processed
	 * acknowledgement (one round trip, at most the publish timeout) and the future is done on
	 * return. The future fails with an {@link AmpsOperationException} carrying AMPS's reason when
	 * AMPS refuses the message, or when the client shuts down before AMPS acknowledged it.
	 * @param topic the topic
	 * @param value the payload: a {@code String} or {@code byte[]} as it is, any other object
	 * written as JSON
	 * @return the future of AMPS's acknowledgement
	 * @throws AmpsOperationException if the message was not sent (as {@link #publish(String, String)})
	 */
	public CompletableFuture<Void> publishConfirmed(String topic, Object value) {
		return publishConfirmed(AmpsPublish.to(topic), value);
	}

	/**
	 * Publish with options, and learn when AMPS has acknowledged it, as
	 * {@link #publishConfirmed(String, Object)}.
	 * @param publish the topic and the options
	 * @param value the payload
	 * @return the future of AMPS's acknowledgement
	 * @throws AmpsOperationException if the message was not sent
	 */
	public CompletableFuture<Void> publishConfirmed(AmpsPublish publish, Object value) {
		Outgoing outgoing = Outgoing.confirmed(this.client, publish, payload(value), this.confirmations,
				this.publishTimeoutMillis);
		publishing(outgoing);
		return outgoing.result();
	}

	/**
	 * Delta publish: AMPS merges the given fields into the record with the same key.
	 * @param topic a State of the World topic
	 * @param data the fields to merge, including the key
	 */
	public void deltaPublish(String topic, String data) {
		publishing(Outgoing.text(this.client, topic, data, -1, true));
	}

	/**
	 * Delta publish an object written as JSON.
	 * @param topic a State of the World topic
	 * @param value the fields to merge, including the key
	 */
	public void deltaPublish(String topic, Object value) {
		deltaPublish(topic, toJson(value));
	}

	/**
	 * Query the State of the World into a list.
	 * @param <T> the record type
	 * @param topic the topic
	 * @param filter a content filter, or {@code null} for every record
	 * @param type the type each record is read into from JSON ({@code String} for the raw text)
	 * @return the records, in the order AMPS sent them
	 */
	public <T> List<T> sow(String topic, String filter, Class<T> type) {
		try (Stream<T> records = sowStream(topic, filter, type)) {
			return records.toList();
		}
	}

	/**
	 * Query the State of the World as a stream that reads records as AMPS sends them. Close
	 * it (try-with-resources) when done.
	 * @param <T> the record type
	 * @param topic the topic
	 * @param filter a content filter, or {@code null} for every record
	 * @param type the type each record is read into from JSON ({@code String} for the raw text)
	 * @return the records
	 */
	public <T> Stream<T> sowStream(String topic, String filter, Class<T> type) {
		return sowStream(AmpsSowQuery.unchecked(topic).filter(filter), type);
	}

	/**
	 * Run a State of the World query (filter, order, page, batch size, point in time) into a list.
	 * @param <T> the record type
	 * @param query the query
	 * @param type the type each record is read into from JSON ({@code String} for the raw text)
	 * @return the records, in the order AMPS sent them
	 * @throws IllegalArgumentException if the query pages with {@code skipN} but no {@code topN}
	 */
	public <T> List<T> sow(AmpsSowQuery query, Class<T> type) {
		try (Stream<T> records = sowStream(query, type)) {
			return records.toList();
		}
	}

	/**
	 * Run a State of the World query as a stream that reads records as AMPS sends them. Close it
	 * (try-with-resources) when done.
	 * @param <T> the record type
	 * @param query the query
	 * @param type the type each record is read into from JSON ({@code String} for the raw text)
	 * @return the records
	 * @throws IllegalArgumentException if the query pages with {@code skipN} but no {@code topN}
	 */
	public <T> Stream<T> sowStream(AmpsSowQuery query, Class<T> type) {
		String topic = query.getTopic();
		MessageStream messages = execute("sow on '" + topic + "'", query.command());
		Iterator<T> records = new SowRecords<>(messages.iterator(), topic, (message) -> read(message, type));
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED), false)
			.onClose(messages::close);
	}

	/**
	 * Delete the records that match a filter from the State of the World.
	 * @param topic the topic
	 * @param filter the content filter
	 * @return how many records AMPS deleted
	 */
	public long sowDelete(String topic, String filter) {
		return sowDelete("sow_delete on '" + topic + "'", new Command("sow_delete").setTopic(topic).setFilter(filter));
	}

	/**
	 * Delete records by their SOW keys.
	 * @param topic the topic
	 * @param sowKeys the keys AMPS assigned
	 * @return how many records AMPS deleted
	 */
	public long sowDeleteByKeys(String topic, String... sowKeys) {
		return sowDelete("sow_delete by keys on '" + topic + "'",
				new Command("sow_delete").setTopic(topic).setSowKeys(String.join(",", sowKeys)));
	}

	/**
	 * Delete the record with the same key as the given data.
	 * @param topic the topic
	 * @param data the record (only its key matters), as JSON text or an object written as JSON
	 * @return how many records AMPS deleted
	 */
	public long sowDeleteByData(String topic, Object data) {
		String json = (data instanceof String text) ? text : toJson(data);
		return sowDelete("sow_delete by data on '" + topic + "'",
				new Command("sow_delete").setTopic(topic).setData(json));
	}

	private long sowDelete(String what, Command command) {
		command.addAckType(Message.AckType.Stats);
		try (MessageStream messages = execute(what, command)) {
			return TemplateCalls.deleted(messages, what, this.timeoutMillis);
		}
	}

	/**
	 * Wait until AMPS has processed (with a publish store: persisted) everything published so
	 * far.
	 * @param timeout how long to wait
	 */
	public void flush(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long mark = this.gate.mark();
		awaitLogon("flush", timeout.toMillis(), "nothing was flushed");
		long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
		CallWatch.Slot slot = this.watch.slot(timeout.toMillis());
		slot.enter();
		try {
			run("flush", () -> this.client.publishFlush(remaining));
		}
		finally {
			slot.exit();
		}
		this.gate.confirm(mark);
	}

	private MessageStream execute(String what, Command command) {
		command.setTimeout(this.timeoutMillis);
		awaitLogon(what, this.timeoutMillis, "the command was not sent");
		this.commandSlot.enter();
		try {
			return this.client.execute(command);
		}
		catch (Exception ex) {
			throw failure(what, ex);
		}
		finally {
			this.commandSlot.exit();
		}
	}

	private void publishing(Outgoing outgoing) {
		this.publishPath.publishing(outgoing, this.publishInterceptor);
	}

	private void awaitLogon(String what, long boundMillis, String consequence) {
		TemplateCalls.awaitLogon(this.watch, this.client, what, boundMillis, consequence);
	}

	private void run(String what, TemplateCalls.ClientCall call) {
		try {
			call.run();
		}
		catch (Exception ex) {
			throw failure(what, ex);
		}
	}

	private static AmpsOperationException failure(String what, Exception ex) {
		return TemplateCalls.failure(what, ex);
	}

	private byte[] payload(Object value) {
		return TemplateCalls.payload(this.jsonMapper, value);
	}

	private String toJson(Object value) {
		return TemplateCalls.toJson(this.jsonMapper, value);
	}

	/** Reads a record: its text for {@code String}, else JSON read straight from the message's bytes. */
	@SuppressWarnings("unchecked")
	private <T> T read(Message message, Class<T> type) {
		if (type == String.class) {
			return (T) message.getData();
		}
		try {
			Field data = message.getDataRaw();
			return (data == null || data.isNull()) ? this.jsonMapper.readValue("", type)
					: this.jsonMapper.readValue(data.buffer, data.position, data.length, type);
		}
		catch (RuntimeException ex) {
			throw new AmpsOperationException("Could not read a record as " + type.getName(), null, ex);
		}
	}

	/**
	 * Runs around each publish of the template.
	 */
	@FunctionalInterface
	public interface PublishInterceptor {

		/**
		 * Intercept a publish.
		 * @param topic the topic
		 * @param publish sends the message; call it exactly once
		 * @throws Exception what the publish threw
		 */
		void publish(String topic, Publish publish) throws Exception;

	}

	/**
	 * Sends one message.
	 */
	@FunctionalInterface
	public interface Publish {

		/**
		 * Send the message.
		 * @throws Exception what the client threw
		 */
		void send() throws Exception;

		/**
		 * Send the message with this correlation id in place of its own (the starter's tracing
		 * carries the trace context there). Call either this or {@link #send()}, once.
		 * @param correlationId characters legal in Base64, or {@code null} for none
		 * @throws Exception what the client threw
		 */
		default void sendWithCorrelationId(String correlationId) throws Exception {
			throw new UnsupportedOperationException("This publish cannot change its correlation id");
		}

		/**
		 * The correlation id the application gave the message.
		 * @return it, or {@code null}
		 */
		default String correlationId() {
			return null;
		}

	}

}
