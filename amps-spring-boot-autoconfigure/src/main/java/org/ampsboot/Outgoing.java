package org.ampsboot;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;

/**
 * One message an {@link AmpsTemplate} publishes, and how to send it: through the client's own
 * publish methods (the fast way, as the template always did), or as a {@link Command} when it has
 * options ({@link AmpsPublish}), is confirmed, or carries a correlation id the starter's tracing
 * set. Made once per publish, in place of the lambda the template made before.
 */
final class Outgoing implements AmpsTemplate.Publish {

	private final Client client;

	private final String topic;

	private final String text;

	private final byte[] bytes;

	private final int expirationSeconds;

	private final boolean delta;

	/** The options, or {@code null}: then the fast way applies unless a correlation id is set. */
	private final AmpsPublish options;

	/** For a confirmed publish: its confirmations and timeout; else {@code null}. */
	private final PublishConfirmations confirmations;

	private final long confirmTimeoutMillis;

	private CompletableFuture<Void> result;

	private Outgoing(Client client, String topic, String text, byte[] bytes, int expirationSeconds, boolean delta,
			AmpsPublish options, PublishConfirmations confirmations, long confirmTimeoutMillis) {
		this.client = client;
		this.topic = topic;
		this.text = text;
		this.bytes = bytes;
		this.expirationSeconds = expirationSeconds;
		this.delta = delta;
		this.options = options;
		this.confirmations = confirmations;
		this.confirmTimeoutMillis = confirmTimeoutMillis;
	}

	static Outgoing text(Client client, String topic, String data, int expirationSeconds, boolean delta) {
		return new Outgoing(client, topic, data, null, expirationSeconds, delta, null, null, 0);
	}

	static Outgoing bytes(Client client, String topic, byte[] data) {
		return new Outgoing(client, topic, null, data, -1, false, null, null, 0);
	}

	static Outgoing withOptions(Client client, AmpsPublish options, byte[] data) {
		return new Outgoing(client, options.getTopic(), null, data, -1, false, options, null, 0);
	}

	static Outgoing confirmed(Client client, AmpsPublish options, byte[] data, PublishConfirmations confirmations,
			long timeoutMillis) {
		return new Outgoing(client, options.getTopic(), null, data, -1, false, options, confirmations, timeoutMillis);
	}

	String topic() {
		return this.topic;
	}

	/** The future of a confirmed publish, once sent. */
	CompletableFuture<Void> result() {
		return this.result;
	}

	@Override
	public String correlationId() {
		return (this.options != null) ? this.options.getCorrelationId() : null;
	}

	@Override
	public void send() throws Exception {
		if (this.options == null) {
			sendFast();
		}
		else {
			sendCommand(command(this.options.getCorrelationId()));
		}
	}

	@Override
	public void sendWithCorrelationId(String correlationId) throws Exception {
		sendCommand(command(correlationId));
	}

	private void sendFast() throws Exception {
		if (this.bytes != null) {
			byte[] topicBytes = this.topic.getBytes(StandardCharsets.UTF_8);
			this.client.publish(topicBytes, 0, topicBytes.length, this.bytes, 0, this.bytes.length);
		}
		else if (this.delta) {
			this.client.deltaPublish(this.topic, this.text);
		}
		else if (this.expirationSeconds >= 0) {
			this.client.publish(this.topic, this.text, this.expirationSeconds);
		}
		else {
			this.client.publish(this.topic, this.text);
		}
	}

	private void sendCommand(Command command) throws Exception {
		if (this.confirmations != null) {
			this.result = this.confirmations.send(this.client, command, "the publish to '" + this.topic + "'",
					this.confirmTimeoutMillis);
		}
		else {
			this.client.executeAsync(command, null);
		}
	}

	/** The command that publishes this message with the given correlation id ({@code null}: none). */
	Command command(String correlationId) {
		byte[] data = (this.bytes != null) ? this.bytes : this.text.getBytes(StandardCharsets.UTF_8);
		Command command;
		if (this.options != null) {
			command = this.options.command(data);
		}
		else {
			// the same message the client's own publish methods send: no check of ours on the topic or the
			// expiration, which AMPS judges as it does for those
			command = new Command(this.delta ? "delta_publish" : "publish").setTopic(this.topic)
				.setData(data, 0, data.length);
			if (this.expirationSeconds >= 0) {
				command.setExpiration(this.expirationSeconds);
			}
		}
		command.setCorrelationId(correlationId);
		return command;
	}

}
