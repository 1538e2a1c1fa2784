package org.ampsboot.autoconfigure.listener;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.crankuptheamps.client.Client;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.ampsboot.AmpsAcknowledgement;

/**
 * Acknowledges or returns one queue message, by topic and bookmark (copied from the message,
 * which the client reuses). Only the first call has an effect.
 */
final class QueueAcknowledgement implements AmpsAcknowledgement {

	private static final Log logger = LogFactory.getLog(QueueAcknowledgement.class);

	private final Client client;

	private final String topic;

	private final String bookmark;

	private final AtomicBoolean done = new AtomicBoolean();

	QueueAcknowledgement(Client client, String topic, String bookmark) {
		this.client = client;
		this.topic = topic;
		this.bookmark = bookmark;
	}

	@Override
	public void acknowledge() {
		if (this.done.compareAndSet(false, true)) {
			send(null);
		}
	}

	@Override
	public void returnToQueue() {
		if (this.done.compareAndSet(false, true)) {
			send("cancel");
		}
	}

	boolean isDone() {
		return this.done.get();
	}

	private void send(String options) {
		try {
			if (options == null) {
				this.client.ack(this.topic, this.bookmark);
			}
			else {
				this.client.ack(this.topic, this.bookmark, options);
			}
		}
		catch (Exception ex) {
			logger.warn("Could not " + ((options == null) ? "acknowledge" : "return to the queue")
					+ " AMPS message " + this.bookmark + " of queue '" + this.topic + "': " + ex);
		}
	}

	@Override
	public String toString() {
		return "QueueAcknowledgement[" + this.topic + " " + this.bookmark + "]";
	}

	/**
	 * The acknowledgement of a batch listener's queue messages: acknowledges or returns each
	 * message of the batch (each only once).
	 */
	static final class Batch implements AmpsAcknowledgement {

		private final List<QueueAcknowledgement> messages;

		Batch(List<QueueAcknowledgement> messages) {
			this.messages = messages;
		}

		@Override
		public void acknowledge() {
			this.messages.forEach(QueueAcknowledgement::acknowledge);
		}

		@Override
		public void returnToQueue() {
			this.messages.forEach(QueueAcknowledgement::returnToQueue);
		}

		@Override
		public String toString() {
			return "QueueAcknowledgement.Batch[" + this.messages.size() + " messages]";
		}

	}

}
