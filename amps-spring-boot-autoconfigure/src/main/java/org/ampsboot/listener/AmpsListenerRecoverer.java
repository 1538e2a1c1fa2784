package org.ampsboot.listener;

import org.ampsboot.AmpsTemplate;

/**
 * What becomes of a message its listener failed on, once retries (if any) are exhausted: the
 * last step of the {@link RetryingListenerErrorHandler}. Define one bean of this type to replace
 * the recoverer {@code amps.listener.recoverer} selects, keeping the retries.
 * <p>
 * Returning normally means the message is handled (skipped or recovered: a bookmark subscription
 * marks it processed); throwing means it is not (a queue message with automatic acknowledgement
 * is then returned to the queue). Runs on the thread that called the listener, and blocks it.
 */
@FunctionalInterface
public interface AmpsListenerRecoverer {

	/**
	 * Recover a message its listener failed on.
	 * @param failure the failure (valid until this method returns)
	 * @throws Exception if the message is not handled
	 */
	void recover(AmpsListenerFailure failure) throws Exception;

	/**
	 * Logs the failure (listener, topic, bookmark, attempts; never the payload) at ERROR,
	 * throttled: with its stack trace the first time, then one line every 1,000 failures of the same
	 * listener, with the count. A queue message with automatic acknowledgement is returned to the
	 * queue, so that AMPS redelivers it, or moves it aside by the queue's own policy
	 * ({@code MaxDeliveries}). The default.
	 * @return the recoverer
	 */
	static AmpsListenerRecoverer logAndSkip() {
		return new SkippingRecoverer();
	}

	/**
	 * Publishes the message, its payload unchanged, to a dead-letter topic with a template (that of
	 * the client the listener subscribes with, as a rule), the failure's reason in the message's
	 * correlation id
	 * ({@link AmpsDeadLetter}, which also reads it back), then logs it like {@link #logAndSkip()}.
	 * A queue message with automatic acknowledgement is acknowledged once published (it has
	 * moved to the dead-letter topic). If the publish fails, the message is not handled.
	 * @param template the template to publish with
	 * @param topic the dead-letter topic; {@code {topic}} in it stands for the message's topic
	 * (e.g. {@code {topic}.DLT})
	 * @return the recoverer
	 */
	static AmpsListenerRecoverer deadLetter(AmpsTemplate template, String topic) {
		return new DeadLetterRecoverer(template, topic);
	}

	/**
	 * Stops the listener's container ({@link AmpsListenerFailure#stopContainer()}: no further
	 * message reaches the listener, and the container unsubscribes on a thread of its own) and
	 * leaves the message not handled: a queue message returns to the queue, and a bookmark
	 * subscription does not mark it processed, so a restarted container receives it again. The
	 * container publishes {@link AmpsListenerEvent.Stopped}.
	 * @return the recoverer
	 */
	static AmpsListenerRecoverer stopContainer() {
		return new StoppingRecoverer();
	}

}
