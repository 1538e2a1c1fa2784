package org.ampsboot.listener;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.fields.Field;

import org.ampsboot.AmpsAcknowledgement;
import org.ampsboot.AmpsOperationException;

/**
 * {@link AmpsListenerRecoverer#deadLetter(String)}: publishes the payload unchanged to the
 * dead-letter topic, the reason in the correlation id ({@link AmpsDeadLetter}).
 */
final class DeadLetterRecoverer extends SkippingRecoverer {

	private static final byte[] EMPTY = new byte[0];

	private final String topic;

	DeadLetterRecoverer(String topic) {
		if (topic == null || topic.isBlank()) {
			throw new IllegalArgumentException("The dead-letter topic must not be empty "
					+ "(amps.listener.dead-letter-topic; {topic} stands for the message's topic)");
		}
		this.topic = topic;
	}

	@Override
	public void recover(AmpsListenerFailure failure) throws Exception {
		Message message = failure.getMessage();
		Client client = failure.getClient();
		if (client == null) {
			throw new IllegalStateException("No client to publish " + failure.getListener()
					+ "'s failed message to a dead-letter topic with", failure.getError());
		}
		String deadLetterTopic = topicFor(message.getTopic());
		Field data = message.getDataRaw();
		Command publish = new Command(Message.Command.Publish).setTopic(deadLetterTopic)
			.setCorrelationId(AmpsDeadLetter.of(failure).toCorrelationId());
		if (data == null || data.isNull()) {
			publish.setData(EMPTY, 0, 0);
		}
		else {
			publish.setData(data.buffer, data.position, data.length);
		}
		try {
			client.executeAsync(publish, null);
		}
		catch (Exception ex) {
			String reason = AmpsOperationException.reasonOf(ex);
			throw new AmpsOperationException("Could not publish " + failure.getListener()
					+ "'s failed message to dead-letter topic '" + deadLetterTopic + "'", reason, ex);
		}
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
