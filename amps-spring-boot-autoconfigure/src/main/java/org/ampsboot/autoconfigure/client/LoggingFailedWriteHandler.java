package org.ampsboot.autoconfigure.client;

import com.crankuptheamps.client.FailedWriteHandler;
import com.crankuptheamps.client.Message;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.ampsboot.autoconfigure.support.AmpsReasons;

/**
 * The failed-write handler used when the application declares none: logs each publish AMPS
 * reported as not written, with the reason, never the payload.
 */
final class LoggingFailedWriteHandler implements FailedWriteHandler {

	private static final Log logger = LogFactory.getLog(LoggingFailedWriteHandler.class);

	@Override
	public void failedWrite(Message message, int reason) {
		if (logger.isWarnEnabled()) {
			logger.warn("AMPS did not write a published message: reason=" + AmpsReasons.name(reason) + " ("
					+ message.getReasonText() + "), topic=" + message.getTopic() + ", sequence="
					+ message.getSequence());
		}
	}

}
