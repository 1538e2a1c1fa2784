package org.ampsboot.autoconfigure.support;

/**
 * How the W3C trace context rides in an AMPS correlation id, the one header AMPS passes from
 * publisher to subscriber verbatim. AMPS requires Base64 characters there, and a
 * {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}) has dashes; so the starter
 * appends {@code =T} and the 52 hexadecimal digits of the {@code traceparent} without its dashes
 * to the application's own correlation id (or to nothing): {@code batch42=T00<32><16><2>}. The
 * listener side takes the suffix off again, so {@code @AmpsHeader(CORRELATION_ID)} shows the
 * application's id.
 * <p>
 * Internal: not API (public only because the metrics and the listener packages both use it).
 */
public final class TraceCorrelationIds {

	/** {@code =T} and 52 hexadecimal digits. */
	static final int SUFFIX_LENGTH = 54;

	private TraceCorrelationIds() {
	}

	/**
	 * The correlation id that carries a trace context.
	 * @param applicationId the application's correlation id, or {@code null}
	 * @param traceparent a W3C {@code traceparent}, or {@code null}
	 * @return the correlation id to send ({@code applicationId} when there is no valid
	 * {@code traceparent})
	 */
	public static String encode(String applicationId, String traceparent) {
		if (traceparent == null || traceparent.length() != 55 || traceparent.charAt(2) != '-'
				|| traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-') {
			return applicationId;
		}
		StringBuilder id = new StringBuilder(((applicationId != null) ? applicationId.length() : 0) + SUFFIX_LENGTH);
		if (applicationId != null) {
			id.append(applicationId);
		}
		id.append("=T");
		for (int i = 0; i < traceparent.length(); i++) {
			char c = traceparent.charAt(i);
			if (c != '-') {
				if (!isHex(c)) {
					return applicationId;
				}
				id.append(c);
			}
		}
		return id.toString();
	}

	/**
	 * The trace context a correlation id carries.
	 * @param correlationId the correlation id of a message, or {@code null}
	 * @return the W3C {@code traceparent}, or {@code null} if it carries none
	 */
	public static String traceparent(String correlationId) {
		if (!hasTrace(correlationId)) {
			return null;
		}
		int start = correlationId.length() - SUFFIX_LENGTH + 2;
		String hex = correlationId.substring(start);
		return hex.substring(0, 2) + '-' + hex.substring(2, 34) + '-' + hex.substring(34, 50) + '-'
				+ hex.substring(50, 52);
	}

	/**
	 * The application's part of a correlation id.
	 * @param correlationId the correlation id of a message, or {@code null}
	 * @return it without a trace context, {@code null} when nothing is left
	 */
	public static String applicationPart(String correlationId) {
		if (!hasTrace(correlationId)) {
			return correlationId;
		}
		String part = correlationId.substring(0, correlationId.length() - SUFFIX_LENGTH);
		return part.isEmpty() ? null : part;
	}

	private static boolean hasTrace(String correlationId) {
		if (correlationId == null || correlationId.length() < SUFFIX_LENGTH) {
			return false;
		}
		int start = correlationId.length() - SUFFIX_LENGTH;
		if (correlationId.charAt(start) != '=' || correlationId.charAt(start + 1) != 'T') {
			return false;
		}
		for (int i = start + 2; i < correlationId.length(); i++) {
			if (!isHex(correlationId.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
	}

}
