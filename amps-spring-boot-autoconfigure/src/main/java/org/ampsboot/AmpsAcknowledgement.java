package org.ampsboot;

/**
 * Acknowledges one message from an AMPS queue, for listeners with
 * {@link AmpsListener.AckMode#MANUAL}. It may be kept and used after the listener returns, from
 * any thread; each message should be acknowledged or returned exactly once.
 */
public interface AmpsAcknowledgement {

	/**
	 * Tells AMPS the message is processed: it is removed from the queue.
	 */
	void acknowledge();

	/**
	 * Returns the message to the queue, so that AMPS delivers it again (to this or another
	 * subscriber).
	 */
	void returnToQueue();

}
