package org.ampsboot.listener;

import java.util.Arrays;

import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.fields.Field;

import org.ampsboot.AmpsAcknowledgement;
import org.ampsboot.AmpsPublish;
import org.ampsboot.AmpsTemplate;

/**
 * {@link AmpsListenerRecoverer#deadLetter(String)}: publishes the payload unchanged to the
 * dead-letter topic with a template (so under its bounds and shutdown rule), the reason in the
 * correlation id ({@link AmpsDeadLetter}).
 */
final class DeadLetterRecoverer extends SkippingRecoverer {

	private static final byte[] EMPTY = new byte[0];

	private final AmpsTemplate template;

	private final String topic;

	DeadLetterRecoverer(AmpsTemplate template, String topic) {
		if (template == null) {
			throw new IllegalArgumentException("The dead-letter recoverer needs the AmpsTemplate to publish with");
		}
		if (topic == null || topic.isBlank()) {
			throw new IllegalArgumentException("The dead-letter topic must not be empty "
					+ "(amps.listener.dead-letter-topic; {topic} stands for the message's topic)");
		}
		this.template = template;
		this.topic = topic;
	}

	@Override
	public void recover(AmpsListenerFailure failure) throws Exception {
		Message message = failure.getMessage();
		String deadLetterTopic = topicFor(message.getTopic());
		Field data = message.getDataRaw();
		byte[] payload = (data == null || data.isNull()) ? EMPTY
				: Arrays.copyOfRange(data.buffer, data.position, data.position + data.length);
		this.template.publish(AmpsPublish.to(deadLetterTopic).correlationId(AmpsDeadLetter.of(failure).toCorrelationId()),
				payload);
		AmpsAcknowledgement acknowledgement = failure.getAcknowledgement();
		log(failure, "; published it to dead-letter topic '" + deadLetterTopic + "'"
				+ ((acknowledgement != null) ? " and acknowledged it" : ""));
		if (acknowledgement != null) {
			acknowledgement.acknowledge();
		}
	}

	String topicFor(String topic) {
		return this.topic.replace("{topic}", String.valueOf(topic));
	}

	@Override
	public String toString() {
		return "AmpsListenerRecoverer.deadLetter(" + this.topic + ")";
	}

}
