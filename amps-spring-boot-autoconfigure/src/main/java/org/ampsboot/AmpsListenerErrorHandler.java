package org.ampsboot;

import com.crankuptheamps.client.Message;

import org.ampsboot.listener.AmpsListenerFailure;

/**
 * Decides what happens when an {@link AmpsListener @AmpsListener} method throws. Define one bean
 * of this type to replace the default, which retries when {@code amps.listener.retry.enabled} is
 * set and then hands the message to the recoverer ({@code amps.listener.recoverer}, or an
 * {@link org.ampsboot.listener.AmpsListenerRecoverer} bean): by default it logs the failure
 * (topic, bookmark, listener; not the payload; throttled) and, for a queue message with automatic
 * acknowledgement, returns the message to the queue so that AMPS redelivers it or moves it to a
 * dead-letter queue by its own policy. The subscription always goes on.
 * <p>
 * Returning normally means the failure is handled (the message is skipped or recovered: a
 * bookmark subscription marks it processed); throwing means it is not (the starter logs what was
 * thrown, throttled, and returns a queue message with automatic acknowledgement to the queue).
 * <p>
 * Implement {@link #handleError(Message, AmpsAcknowledgement, String, Throwable)} (the lambda form),
 * or override {@link #handleError(AmpsListenerFailure)} for the container, the client, the attempt
 * count and {@linkplain AmpsListenerFailure#retry() retries}; the starter calls the latter.
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

	/**
	 * Handle a listener failure, with everything known about it. What the starter calls; by
	 * default calls {@link #handleError(Message, AmpsAcknowledgement, String, Throwable)}.
	 * @param failure the failure (valid until this method returns)
	 */
	default void handleError(AmpsListenerFailure failure) {
		handleError(failure.getMessage(), failure.getAcknowledgement(), failure.getListener(), failure.getError());
	}

}
