package org.ampsboot.autoconfigure;

import java.util.List;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.ampsboot.LastChanceMessageHandler;

/**
 * The one handler the starter sets in the client's last-chance slot: hands each unclaimed
 * message to every fallback in turn. A fallback that throws is logged and reported to the
 * client's exception listener, and the next one still runs.
 */
final class FallbackDispatcher implements MessageHandler {

	private static final Log logger = LogFactory.getLog(FallbackDispatcher.class);

	private final Client client;

	private final LastChanceMessageHandler[] fallbacks;

	private final AmpsInstrumentation instrumentation;

	FallbackDispatcher(Client client, List<LastChanceMessageHandler> fallbacks, AmpsInstrumentation instrumentation) {
		this.client = client;
		this.fallbacks = fallbacks.toArray(LastChanceMessageHandler[]::new);
		this.instrumentation = instrumentation;
	}

	@Override
	public void invoke(Message message) {
		this.instrumentation.unexpectedMessage(message);
		for (LastChanceMessageHandler fallback : this.fallbacks) {
			try {
				fallback.handle(message);
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				report(fallback, ex);
			}
		}
	}

	private void report(LastChanceMessageHandler fallback, Throwable ex) {
		logger.error("AMPS fallback handler " + fallback + " threw; the other fallback handlers still run", ex);
		java.beans.ExceptionListener listener = this.client.getExceptionListener();
		if (listener != null && ex instanceof Exception exception) {
			try {
				listener.exceptionThrown(exception);
			}
			catch (RuntimeException listenerFailure) {
				logger.error("The AMPS client's exception listener threw", listenerFailure);
			}
		}
	}

	int size() {
		return this.fallbacks.length;
	}

}
