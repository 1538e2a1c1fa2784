package org.ampsboot;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

import com.crankuptheamps.client.Message;

/**
 * The records of a State of the World query, read one by one from the client's message stream:
 * skips the acknowledgements and group markers, fails on AMPS's refusal with its reason.
 */
final class SowRecords<T> implements Iterator<T> {

	private final Iterator<Message> messages;

	private final String topic;

	private final Function<Message, T> reader;

	private Message next;

	SowRecords(Iterator<Message> messages, String topic, Function<Message, T> reader) {
		this.messages = messages;
		this.topic = topic;
		this.reader = reader;
	}

	@Override
	public boolean hasNext() {
		while (this.next == null && this.messages.hasNext()) {
			Message message = this.messages.next();
			if (message.getCommand() == Message.Command.SOW) {
				this.next = message;
			}
			else if (message.getCommand() == Message.Command.Ack && message.getStatus() == Message.Status.Failure) {
				String reason = message.getReasonText();
				throw new AmpsOperationException("AMPS refused sow on '" + this.topic + "': " + reason, reason, null);
			}
		}
		return this.next != null;
	}

	@Override
	public T next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		Message message = this.next;
		this.next = null;
		return this.reader.apply(message);
	}

}
