package org.ampsboot.autoconfigure.listener;

import com.crankuptheamps.client.Message;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.ampsboot.AmpsAcknowledgement;
import org.ampsboot.AmpsListenerErrorHandler;

/**
 * The default listener error handler: logs the failure without the payload and returns a
 * queue message to the queue, so that AMPS redelivers it (or, by its own policy, moves it to a
 * dead-letter queue).
 * <p>
 * Internal: not API (public only because the auto-configuration that registers it lives in
 * another package).
 */
public final class LoggingListenerErrorHandler implements AmpsListenerErrorHandler {

	private static final Log logger = LogFactory.getLog(LoggingListenerErrorHandler.class);

	@Override
	public void handleError(Message message, AmpsAcknowledgement acknowledgement, String listener, Throwable error) {
		logger.error("AMPS listener " + listener + " failed on a message (topic=" + message.getTopic() + ", bookmark="
				+ message.getBookmark() + ")" + ((acknowledgement != null) ? "; returning it to the queue" : ""),
				error);
		if (acknowledgement != null) {
			acknowledgement.returnToQueue();
		}
	}

}
