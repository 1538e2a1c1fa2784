package org.ampsboot;

import java.time.Duration;

import com.crankuptheamps.client.Command;

/**
 * Where and how {@link AmpsTemplate#publish(AmpsPublish, Object)} and
 * {@link AmpsTemplate#publishConfirmed(AmpsPublish, Object)} publish: the topic and, optionally,
 * a correlation id that AMPS passes to subscribers verbatim, an explicit SOW key (for a SOW topic
 * keyed by its publishers rather than by fields of the message), an expiration, and whether it
 * is a delta publish. Immutable: each method returns a new value.
 * <pre class="code">
 * template.publish(AmpsPublish.to("orders").correlationId("batch42"), order);
 * template.publish(AmpsPublish.to("prices").sowKey("IBM"), price);
 * </pre>
 * AMPS requires the correlation id and the SOW key to consist of characters legal in Base64
 * ({@code A-Z a-z 0-9 + / =}; Command Reference, "publish"); other values are refused here,
 * before anything is sent.
 */
public final class AmpsPublish {

	private final String topic;

	private final String correlationId;

	private final String sowKey;

	private final Duration expiration;

	private final boolean delta;

	private AmpsPublish(String topic, String correlationId, String sowKey, Duration expiration, boolean delta) {
		this.topic = topic;
		this.correlationId = correlationId;
		this.sowKey = sowKey;
		this.expiration = expiration;
		this.delta = delta;
	}

	/**
	 * A publish to a topic.
	 * @param topic the topic
	 * @return the publish
	 * @throws IllegalArgumentException if the topic is empty
	 */
	public static AmpsPublish to(String topic) {
		if (topic == null || topic.isEmpty()) {
			throw new IllegalArgumentException("AmpsPublish needs a topic");
		}
		return new AmpsPublish(topic, null, null, null, false);
	}

	/**
	 * A correlation id for subscribers ({@code @AmpsHeader(CORRELATION_ID)} in a listener).
	 * @param correlationId characters legal in Base64, or {@code null} for none
	 * @return the new publish
	 * @throws IllegalArgumentException if it has other characters
	 */
	public AmpsPublish correlationId(String correlationId) {
		return new AmpsPublish(this.topic, checked("correlationId", correlationId), this.sowKey, this.expiration,
				this.delta);
	}

	/**
	 * The SOW key of the message, for a SOW topic whose keys its publishers provide.
	 * @param sowKey characters legal in Base64, or {@code null} to let AMPS derive the key
	 * @return the new publish
	 * @throws IllegalArgumentException if it has other characters
	 */
	public AmpsPublish sowKey(String sowKey) {
		return new AmpsPublish(this.topic, this.correlationId, checked("sowKey", sowKey), this.expiration, this.delta);
	}

	/**
	 * A lifetime after which AMPS removes the message from the State of the World.
	 * @param expiration whole seconds, at least one; {@code null} for the topic's default
	 * @return the new publish
	 * @throws IllegalArgumentException if it is below one second
	 */
	public AmpsPublish expiration(Duration expiration) {
		if (expiration != null && expiration.toSeconds() < 1) {
			throw new IllegalArgumentException("AmpsPublish expiration must be at least 1 second, was " + expiration);
		}
		return new AmpsPublish(this.topic, this.correlationId, this.sowKey, expiration, this.delta);
	}

	/**
	 * A delta publish: AMPS merges the message's fields into the record with the same key.
	 * @return the new publish
	 */
	public AmpsPublish delta() {
		return new AmpsPublish(this.topic, this.correlationId, this.sowKey, this.expiration, true);
	}

	/**
	 * The topic.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

	/**
	 * The correlation id.
	 * @return the correlation id, or {@code null}
	 */
	public String getCorrelationId() {
		return this.correlationId;
	}

	/**
	 * The explicit SOW key.
	 * @return the SOW key, or {@code null}
	 */
	public String getSowKey() {
		return this.sowKey;
	}

	/**
	 * The expiration.
	 * @return the expiration, or {@code null}
	 */
	public Duration getExpiration() {
		return this.expiration;
	}

	/**
	 * Whether this is a delta publish.
	 * @return whether AMPS merges the message into the existing record
	 */
	public boolean isDelta() {
		return this.delta;
	}

	/** The command that publishes this payload. */
	Command command(byte[] data) {
		Command command = new Command(this.delta ? "delta_publish" : "publish").setTopic(this.topic)
			.setData(data, 0, data.length);
		if (this.correlationId != null) {
			command.setCorrelationId(this.correlationId);
		}
		if (this.sowKey != null) {
			command.setSowKey(this.sowKey);
		}
		if (this.expiration != null) {
			command.setExpiration((int) Math.min(Integer.MAX_VALUE, this.expiration.toSeconds()));
		}
		return command;
	}

	private static String checked(String what, String value) {
		if (value == null) {
			return null;
		}
		if (value.isEmpty()) {
			throw new IllegalArgumentException("AmpsPublish " + what + " must not be empty (use null for none)");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
					|| c == '/' || c == '=';
			if (!base64) {
				throw new IllegalArgumentException("AmpsPublish " + what + " '" + value + "' has the character '" + c
						+ "' at " + i + ": AMPS accepts only characters legal in Base64 (A-Z a-z 0-9 + / =)");
			}
		}
		return value;
	}

	@Override
	public String toString() {
		return "AmpsPublish[" + (this.delta ? "delta to " : "to ") + this.topic
				+ ((this.correlationId != null) ? ", correlationId=" + this.correlationId : "")
				+ ((this.sowKey != null) ? ", sowKey=" + this.sowKey : "")
				+ ((this.expiration != null) ? ", expiration=" + this.expiration : "") + "]";
	}

}
