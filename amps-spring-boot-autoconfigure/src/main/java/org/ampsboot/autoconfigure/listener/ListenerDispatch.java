package org.ampsboot.autoconfigure.listener;

import java.time.Duration;
import java.util.function.Function;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.StringUtils;

import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsListener.Dispatch;
import org.ampsboot.autoconfigure.AmpsProperties;
import org.ampsboot.autoconfigure.AmpsStartupException;

/**
 * Where one listener runs and how its hand-off is bounded: as asked for by its annotation or
 * endpoint ({@code null} and {@link Dispatch#DEFAULT} for "the default"), then
 * {@linkplain #withDefaults resolved} against {@code amps.listener.dispatch.*} and
 * {@code amps.listener.batch.*}.
 */
record ListenerDispatch(Dispatch mode, Integer concurrency, Integer maxInFlight, String executor,
		Integer batchMaxMessages, Duration batchMaxWait) {

	/** Everything left to the defaults. */
	static final ListenerDispatch DEFAULTS = new ListenerDispatch(Dispatch.DEFAULT, null, null, null, null, null);

	/**
	 * Reads the annotation's attributes, placeholders resolved.
	 * @throws AmpsStartupException naming the method and the attribute when a value is not valid
	 */
	static ListenerDispatch of(AmpsListener listener, Function<String, String> resolver, String method) {
		return new ListenerDispatch(listener.dispatch(),
				positive(resolver.apply(listener.concurrency()), "concurrency", method),
				positive(resolver.apply(listener.maxInFlight()), "maxInFlight", method),
				text(resolver.apply(listener.executor())),
				positive(resolver.apply(listener.batchMaxMessages()), "batchMaxMessages", method),
				duration(resolver.apply(listener.batchMaxWait()), method));
	}

	/**
	 * Fills what was left to the defaults from the properties, and checks the properties used.
	 * @param batch whether the listener takes a {@code List}: it then always runs off the receive
	 * thread (one worker, batches in arrival order, when the mode is the receive thread's)
	 * @param listener a description of the listener, for errors
	 * @throws AmpsStartupException naming the property or the listener when a value is not valid
	 */
	ListenerDispatch withDefaults(AmpsProperties.Listener defaults, boolean batch, String listener) {
		AmpsProperties.Listener.Dispatch dispatch = defaults.getDispatch();
		AmpsProperties.Listener.Batch batching = defaults.getBatch();
		Dispatch resolvedMode = (this.mode != null && this.mode != Dispatch.DEFAULT) ? this.mode
				: check(dispatch.getMode(), "amps.listener.dispatch.mode");
		int resolvedConcurrency = (this.concurrency != null) ? this.concurrency
				: checkPositive(dispatch.getConcurrency(), "amps.listener.dispatch.concurrency");
		int resolvedMaxInFlight = (this.maxInFlight != null) ? this.maxInFlight
				: checkPositive(dispatch.getMaxInFlight(), "amps.listener.dispatch.max-in-flight");
		String resolvedExecutor = (this.executor != null) ? this.executor : text(dispatch.getExecutor());
		int resolvedBatch = (this.batchMaxMessages != null) ? this.batchMaxMessages
				: checkPositive(batching.getMaxMessages(), "amps.listener.batch.max-messages");
		Duration resolvedWait = (this.batchMaxWait != null) ? this.batchMaxWait : batching.getMaxWait();
		if (resolvedWait == null || resolvedWait.isNegative()) {
			throw new AmpsStartupException("amps.listener.batch.max-wait is " + resolvedWait
					+ ", but it must be a duration of 0 or more, such as 100ms.",
					"Change amps.listener.batch.max-wait to a duration such as 100ms.");
		}
		if (batch && resolvedMode == Dispatch.RECEIVE_THREAD) {
			if (this.mode == Dispatch.RECEIVE_THREAD) {
				throw new AmpsStartupException(listener + " takes a List (a batch listener) but has dispatch = "
						+ "RECEIVE_THREAD; a batch waits for messages to arrive, which the receive thread cannot do.",
						"Remove dispatch = RECEIVE_THREAD (a batch listener then gets one worker, batches in arrival "
								+ "order), or choose PER_KEY, PER_TOPIC or UNORDERED.");
			}
			resolvedMode = Dispatch.PER_TOPIC;
			resolvedConcurrency = 1;
		}
		if (batch && resolvedMaxInFlight < resolvedBatch) {
			throw new AmpsStartupException(listener + " is a batch listener of up to " + resolvedBatch
					+ " messages, but at most " + resolvedMaxInFlight + " may be in flight, so no batch could fill.",
					"Raise maxInFlight (amps.listener.dispatch.max-in-flight) to at least the batch size, or lower "
							+ "batchMaxMessages (amps.listener.batch.max-messages).");
		}
		return new ListenerDispatch(resolvedMode, resolvedConcurrency, resolvedMaxInFlight, resolvedExecutor,
				resolvedBatch, resolvedWait);
	}

	/** Whether the listener runs on the receive thread (only once resolved). */
	boolean onReceiveThread() {
		return this.mode == Dispatch.RECEIVE_THREAD;
	}

	private static Dispatch check(Dispatch mode, String property) {
		if (mode == null || mode == Dispatch.DEFAULT) {
			throw new AmpsStartupException(property + " is " + mode
					+ ", but it must be receive-thread, per-key, per-topic or unordered.",
					"Change " + property + " to receive-thread, per-key, per-topic or unordered.");
		}
		return mode;
	}

	private static int checkPositive(int value, String property) {
		if (value <= 0) {
			throw new AmpsStartupException(property + " is " + value + ", but it must be a positive number.",
					"Change " + property + " to a positive number.");
		}
		return value;
	}

	private static Integer positive(String value, String attribute, String method) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		try {
			int parsed = Integer.parseInt(value.trim());
			if (parsed > 0) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new AmpsStartupException("@AmpsListener method " + method + " has " + attribute + " = \"" + value
				+ "\", which is not a positive number.", "Set " + attribute
						+ " to a positive number, a placeholder that resolves to one, or leave it empty for the default.");
	}

	private static Duration duration(String value, String method) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		try {
			Duration parsed = DurationStyle.detectAndParse(value.trim());
			if (!parsed.isNegative()) {
				return parsed;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new AmpsStartupException("@AmpsListener method " + method + " has batchMaxWait = \"" + value
				+ "\", which is not a duration of 0 or more.",
				"Set batchMaxWait to a duration such as 100ms or 1s, or leave it empty for amps.listener.batch.max-wait.");
	}

	private static String text(String value) {
		return StringUtils.hasText(value) ? value.trim() : null;
	}

}
