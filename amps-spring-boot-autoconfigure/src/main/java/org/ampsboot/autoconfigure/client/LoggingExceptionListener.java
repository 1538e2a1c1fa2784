package org.ampsboot.autoconfigure.client;

import java.beans.ExceptionListener;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import com.crankuptheamps.client.exception.ConnectionException;

import org.ampsboot.CallWatch;

/**
 * The exception listener used when the application declares none: logs what the client
 * absorbed at WARN with its causes, passwords
 * removed (the raw exception is not logged, since its message may hold a URI). While the
 * starter's own thread reconnects the client ({@link CallBoundedReconnect}), the connection
 * errors of the client's stopped reconnect and of each attempt are logged at DEBUG: the starter
 * logs the hand-over and the logon itself.
 */
final class LoggingExceptionListener implements ExceptionListener {

	private static final Log logger = LogFactory.getLog(LoggingExceptionListener.class);

	private final String clientName;

	private final Redactor redactor;

	private final CallWatch watch;

	LoggingExceptionListener(String clientName, Redactor redactor, CallWatch watch) {
		this.clientName = clientName;
		this.redactor = redactor;
		this.watch = watch;
	}

	@Override
	public void exceptionThrown(Exception exception) {
		if (exception instanceof AmpsReaderMonitor.FrameRefusedException) {
			return; // the reader monitor logs the refusal and the recovery
		}
		if (exception instanceof ConnectionException && this.watch.isReconnectingElsewhere()) {
			if (logger.isDebugEnabled()) {
				logger.debug("AMPS client '" + this.clientName + "' reported " + this.redactor.describe(exception));
			}
			return;
		}
		logger.warn("AMPS client '" + this.clientName + "' reported " + this.redactor.describe(exception));
	}

}
