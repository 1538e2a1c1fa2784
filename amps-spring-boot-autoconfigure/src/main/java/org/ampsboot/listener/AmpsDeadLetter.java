package org.ampsboot.listener;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.crankuptheamps.client.Message;

import org.ampsboot.autoconfigure.support.TraceCorrelationIds;

/**
 * Why a message is on a dead-letter topic ({@link AmpsListenerRecoverer#deadLetter(org.ampsboot.AmpsTemplate, String)}). AMPS
 * carries no user headers, so the dead-letter message is the original payload, unchanged, and
 * this travels in its correlation id, which AMPS passes to subscribers verbatim but which may hold
 * only Base64 characters: it is the Base64 (RFC 4648, with padding) of UTF-8 lines
 * {@code key=value}, in this order:
 * <pre>
 * topic=orders
 * bookmark=12290833147579981934|1|
 * correlation-id=b3JkZXItNDI=
 * listener=OrderListener.onOrder(Order)
 * exception=java.lang.IllegalStateException
 * attempts=3
 * reason=price must be positive
 * </pre>
 * A line whose value is absent is left out ({@code bookmark} outside the transaction log,
 * {@code correlation-id} when the original message had none). Line breaks in a value become spaces, and the reason is cut at {@value #MAX_REASON} characters.
 * A Java consumer reads it with {@link #from(Message)} (or {@link #parse(String)} over
 * {@code @AmpsHeader(CORRELATION_ID)}); any other decodes the Base64 and splits the lines at the
 * first {@code =}.
 *
 * @param topic the topic the listener received the message on
 * @param bookmark the message's bookmark, or {@code null}
 * @param correlationId the original message's correlation id, or {@code null}
 * @param listener the listener that failed
 * @param exception the class name of what it threw last
 * @param attempts how many times the listener was called
 * @param reason the message of what it threw last, or {@code null}
 */
public record AmpsDeadLetter(String topic, String bookmark, String correlationId, String listener, String exception,
		int attempts, String reason) {

	/** The longest reason carried, in characters. */
	public static final int MAX_REASON = 500;

	/**
	 * The dead letter of a failure.
	 * @param failure the failure
	 * @return its dead letter
	 */
	public static AmpsDeadLetter of(AmpsListenerFailure failure) {
		Message message = failure.getMessage();
		Throwable error = failure.getError();
		return new AmpsDeadLetter(message.getTopic(), message.getBookmark(),
				TraceCorrelationIds.applicationPart(message.getCorrelationId()),
				failure.getListener(),
				(error != null) ? error.getClass().getName() : null, failure.getAttempts(),
				(error != null) ? error.getMessage() : null);
	}

	/**
	 * Reads the reason a message on a dead-letter topic carries.
	 * @param message a message received from a dead-letter topic
	 * @return the dead letter, or {@code null} if its correlation id holds none
	 */
	public static AmpsDeadLetter from(Message message) {
		// without the trace context the starter's tracing may have appended (see docs/operations.md)
		return parse(TraceCorrelationIds.applicationPart(message.getCorrelationId()));
	}

	/**
	 * Reads a dead letter from a correlation id.
	 * @param correlationId the correlation id
	 * @return the dead letter, or {@code null} if it holds none
	 */
	public static AmpsDeadLetter parse(String correlationId) {
		if (correlationId == null || correlationId.isEmpty()) {
			return null;
		}
		String text;
		try {
			text = new String(Base64.getDecoder().decode(correlationId), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		Map<String, String> values = new HashMap<>();
		for (String line : text.split("\n")) {
			int equals = line.indexOf('=');
			if (equals > 0) {
				values.put(line.substring(0, equals), line.substring(equals + 1));
			}
		}
		if (!values.containsKey("topic") || !values.containsKey("listener")) {
			return null;
		}
		int attempts;
		try {
			attempts = Integer.parseInt(values.getOrDefault("attempts", "0"));
		}
		catch (NumberFormatException ex) {
			attempts = 0;
		}
		return new AmpsDeadLetter(values.get("topic"), values.get("bookmark"), values.get("correlation-id"),
				values.get("listener"), values.get("exception"), attempts, values.get("reason"));
	}

	/**
	 * This dead letter as a correlation id (Base64 characters only).
	 * @return the correlation id
	 */
	public String toCorrelationId() {
		StringBuilder text = new StringBuilder(256);
		line(text, "topic", this.topic);
		line(text, "bookmark", this.bookmark);
		line(text, "correlation-id", this.correlationId);
		line(text, "listener", this.listener);
		line(text, "exception", this.exception);
		line(text, "attempts", String.valueOf(this.attempts));
		String reason = this.reason;
		if (reason != null && reason.length() > MAX_REASON) {
			reason = reason.substring(0, MAX_REASON);
		}
		line(text, "reason", reason);
		return Base64.getEncoder().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static void line(StringBuilder text, String key, String value) {
		if (value != null) {
			text.append(key).append('=').append(value.replace('\r', ' ').replace('\n', ' ')).append('\n');
		}
	}

}
