package org.ampsboot.autoconfigure;

import java.beans.ExceptionListener;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The exception listener used when the application declares none: logs what the client
 * absorbed at WARN with its causes, passwords
 * removed (the raw exception is not logged, since its message may hold a URI).
 */
final class LoggingExceptionListener implements ExceptionListener {

	private static final Log logger = LogFactory.getLog(LoggingExceptionListener.class);

	private final String clientName;

	private final Redactor redactor;

	LoggingExceptionListener(String clientName, Redactor redactor) {
		this.clientName = clientName;
		this.redactor = redactor;
	}

	@Override
	public void exceptionThrown(Exception exception) {
		if (exception instanceof AmpsReaderMonitor.FrameRefusedException) {
			return; // the reader monitor logs the refusal and the recovery
		}
		logger.warn("AMPS client '" + this.clientName + "' reported " + this.redactor.describe(exception));
	}

}
