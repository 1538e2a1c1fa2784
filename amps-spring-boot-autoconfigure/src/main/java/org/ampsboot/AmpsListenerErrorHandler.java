package org.ampsboot;

import com.crankuptheamps.client.Message;

/**
 * Decides what happens when an {@link AmpsListener @AmpsListener} method throws. Define one bean
 * of this type to replace the default, which logs the failure (topic, bookmark, listener; not
 * the payload) and, for a queue message with automatic acknowledgement, returns the message to
 * the queue so that AMPS redelivers it or moves it to a dead-letter queue by its own policy.
 * The subscription always goes on.
 */
@FunctionalInterface
public interface AmpsListenerErrorHandler {

	/**
	 * Handle a listener failure.
	 * @param message the message the listener failed on (valid until this method returns)
	 * @param acknowledgement for a queue message, its acknowledgement handle; otherwise
	 * {@code null}
	 * @param listener a description of the listener method
	 * @param error what the listener threw
	 */
	void handleError(Message message, AmpsAcknowledgement acknowledgement, String listener, Throwable error);

}
