package org.ampsboot.listener;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;

import org.ampsboot.AmpsAcknowledgement;

/**
 * A listener failure, as an {@link org.ampsboot.AmpsListenerErrorHandler} and an
 * {@link AmpsListenerRecoverer} see it: the message, what the listener threw, and what can be done
 * about it (call the listener again, reach its container and client). Valid only until the error
 * handler returns, on the thread that called it (the client's receive thread, or the thread the
 * listener was dispatched to): the message may be reused by the client afterwards.
 */
public interface AmpsListenerFailure {

	/**
	 * The message the listener failed on.
	 * @return the message
	 */
	Message getMessage();

	/**
	 * For a queue message with automatic acknowledgement, its acknowledgement handle (the error
	 * handler decides: acknowledge it, or return it to the queue); otherwise {@code null}.
	 * @return the acknowledgement, or {@code null}
	 */
	AmpsAcknowledgement getAcknowledgement();

	/**
	 * A description of the listener method (or endpoint).
	 * @return the description
	 */
	String getListener();

	/**
	 * The listener's container, to stop or pause it.
	 * @return the container
	 */
	AmpsListenerContainer getContainer();

	/**
	 * The client the listener subscribes with, to publish (to a dead-letter topic, say).
	 * @return the client
	 */
	Client getClient();

	/**
	 * What the listener threw on the latest attempt.
	 * @return the error
	 */
	Throwable getError();

	/**
	 * How many times the listener was called with this message: 1 before any {@link #retry()}.
	 * @return the number of attempts
	 */
	int getAttempts();

	/**
	 * Whether the payload could not be converted to the listener's parameter (JSON that does not
	 * read as the type): a retry cannot succeed, so the retrying error handler recovers at once.
	 * @return whether it is a conversion failure
	 */
	boolean isConversionFailure();

	/**
	 * Stops the listener's container from the listener's own thread: from now on no message is
	 * handed to the listener (those that arrive are left alone: not acknowledged, so AMPS returns
	 * queue messages to the queue when the unsubscribe reaches it, and not processed, so a bookmark
	 * subscription receives them again after a restart), and the container stops (unsubscribes and
	 * publishes {@link AmpsListenerEvent.Stopped}) on a thread of its own, since the listener's
	 * thread may be the one the unsubscribe needs. Does nothing if the container is not running.
	 * @throws UnsupportedOperationException if the failure has no container
	 */
	void stopContainer();

	/**
	 * Calls the listener again with the same message, on the calling thread, and counts one more
	 * {@linkplain #getAttempts() attempt}. When it returns normally, a queue message with automatic
	 * acknowledgement is acknowledged; when it throws, what it threw becomes {@link #getError()}.
	 * @throws Throwable what the listener threw
	 */
	void retry() throws Throwable;

}
