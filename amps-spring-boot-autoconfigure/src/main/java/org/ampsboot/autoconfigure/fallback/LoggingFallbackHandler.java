package org.ampsboot.autoconfigure.fallback;

import com.crankuptheamps.client.Message;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.ampsboot.LastChanceMessageHandler;
import org.ampsboot.autoconfigure.support.AmpsMessages;

/**
 * The fallback used when the application declares none: logs each unexpected message at WARN
 * with its command, topic, command id, status and reason, never its payload.
 * <p>
 * Internal: not API (public only because the client's lifecycle, which installs it, lives in
 * another package).
 */
public final class LoggingFallbackHandler implements LastChanceMessageHandler {

	private static final Log logger = LogFactory.getLog(LoggingFallbackHandler.class);

	@Override
	public void handle(Message message) {
		if (logger.isWarnEnabled()) {
			logger.warn("Unexpected AMPS message nobody handled: " + AmpsMessages.describe(message)
					+ " (declare a LastChanceMessageHandler bean or an @AmpsUnexpectedMessage method to handle these)");
		}
	}

	@Override
	public String toString() {
		return "LoggingFallbackHandler";
	}

}
