package org.ampsboot.autoconfigure.fallback;

import java.util.List;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.ampsboot.LastChanceMessageHandler;
import org.ampsboot.autoconfigure.metrics.AmpsInstrumentation;
import org.ampsboot.autoconfigure.support.ThrottledFailureLog;

/**
 * The one handler the starter sets in the client's last-chance slot: hands each unclaimed
 * message to every fallback in turn. A fallback that throws is logged and reported to the
 * client's exception listener, and the next one still runs.
 * <p>
 * Internal: not API (public only because the client's lifecycle, which installs it, lives in
 * another package).
 */
public final class FallbackDispatcher implements MessageHandler {

	private static final Log logger = LogFactory.getLog(FallbackDispatcher.class);

	private final Client client;

	private final LastChanceMessageHandler[] fallbacks;

	private final AmpsInstrumentation instrumentation;

	private final String clientName;

	private final ThrottledFailureLog[] failures;

	/** The only fallback, when there is exactly one: dispatch then needs no loop. */
	private final LastChanceMessageHandler single;

	private final boolean instrumented;

	private final LateQueueDeliveries late;

	private final ReplayedBookmarkDeliveries replayed;

	public FallbackDispatcher(Client client, List<LastChanceMessageHandler> fallbacks,
			AmpsInstrumentation instrumentation) {
		this.client = client;
		this.fallbacks = fallbacks.toArray(LastChanceMessageHandler[]::new);
		this.instrumentation = instrumentation;
		this.clientName = client.getName();
		this.failures = new ThrottledFailureLog[this.fallbacks.length];
		for (int i = 0; i < this.failures.length; i++) {
			this.failures[i] = new ThrottledFailureLog(logger);
		}
		this.single = (this.fallbacks.length == 1) ? this.fallbacks[0] : null;
		this.instrumented = instrumentation != AmpsInstrumentation.NONE;
		this.late = LateQueueDeliveries.of(client);
		this.replayed = ReplayedBookmarkDeliveries.of(client);
	}

	@Override
	public void invoke(Message message) {
		if (this.late.isLate(message)) {
			skipped(message, true);
			return;
		}
		if (this.replayed.isReplayed(message)) {
			skipped(message, false);
			return;
		}
		if (this.instrumented) {
			this.instrumentation.unexpectedMessage(this.clientName, message);
		}
		LastChanceMessageHandler single = this.single;
		if (single != null) {
			try {
				single.handle(message);
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				report(0, ex);
			}
			return;
		}
		LastChanceMessageHandler[] fallbacks = this.fallbacks;
		for (int i = 0; i < fallbacks.length; i++) {
			try {
				fallbacks[i].handle(message);
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				report(i, ex);
			}
		}
	}

	/**
	 * A delivery left out of the fallbacks (a late queue delivery, or a replayed bookmark delivery),
	 * at DEBUG. Out of {@link #invoke}: the hot path stays small enough for the JIT to inline.
	 */
	private void skipped(Message message, boolean late) {
		if (!logger.isDebugEnabled()) {
			return;
		}
		if (late) {
			logger.debug("AMPS client '" + this.clientName + "': a queue message delivered to subscription '"
					+ message.getSubIds() + "' after its listener container ended it; AMPS returns it to the queue ("
					+ this.late.skipped() + " so far)");
		}
		else {
			logger.debug("AMPS client '" + this.clientName + "': a message replayed to bookmark subscription '"
					+ message.getSubIds() + "' after a resubscribe that it had received already ("
					+ this.replayed.skipped() + " so far)");
		}
	}

	/**
	 * Logs a failure, throttled ({@link ThrottledFailureLog}: with its stack trace the first time,
	 * then once every 1,000 failures of the same fallback, so that a fallback failing on every
	 * message cannot flood the log), and passes every one to the client's exception listener.
	 */
	private void report(int index, Throwable ex) {
		long count = this.failures[index].count();
		if (count != 0) {
			this.failures[index].log(count, "AMPS fallback handler " + this.fallbacks[index],
					"threw; the other fallback handlers still run", ex);
		}
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

	public int size() {
		return this.fallbacks.length;
	}

}
