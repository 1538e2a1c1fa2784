package org.ampsboot.listener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.crankuptheamps.client.Message;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.ampsboot.AmpsAcknowledgement;
import org.ampsboot.autoconfigure.support.ThrottledFailureLog;

/**
 * {@link AmpsListenerRecoverer#logAndSkip()}: logs, throttled per listener, and returns a queue
 * message with automatic acknowledgement to the queue.
 */
class SkippingRecoverer implements AmpsListenerRecoverer {

	private static final Log logger = LogFactory.getLog(AmpsListenerRecoverer.class);

	/** One throttle per listener; as many entries as listeners. */
	private final Map<String, ThrottledFailureLog> logs = new ConcurrentHashMap<>();

	@Override
	public void recover(AmpsListenerFailure failure) throws Exception {
		AmpsAcknowledgement acknowledgement = failure.getAcknowledgement();
		log(failure, (acknowledgement != null) ? "; returning it to the queue" : "");
		if (acknowledgement != null) {
			acknowledgement.returnToQueue();
		}
	}

	/**
	 * Logs a failure, throttled.
	 * @param outcome what is done with the message, as the end of the sentence
	 */
	final void log(AmpsListenerFailure failure, String outcome) {
		ThrottledFailureLog log = this.logs.computeIfAbsent(failure.getListener(),
				(listener) -> new ThrottledFailureLog(logger));
		long count = log.count();
		if (count != 0) {
			Message message = failure.getMessage();
			log.log(count, "AMPS listener " + failure.getListener(), "failed on a message (topic=" + message.getTopic()
					+ ", bookmark=" + message.getBookmark() + ", attempts=" + failure.getAttempts() + ")" + outcome,
					failure.getError());
		}
	}

	@Override
	public String toString() {
		return "AmpsListenerRecoverer.logAndSkip()";
	}

}
