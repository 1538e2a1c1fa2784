package org.ampsboot;

/**
 * An AMPS operation of the {@link AmpsTemplate} failed. When AMPS refused it, {@link #getReason()}
 * carries AMPS's reason text (for example {@code bad filter} or {@code invalid topic}).
 */
public class AmpsOperationException extends RuntimeException {

	private static final String SERVER_ERROR_PREFIX = "Error from server: ";

	private final String reason;

	/**
	 * Create an exception.
	 * @param message the description
	 * @param reason AMPS's reason, or {@code null}
	 * @param cause the client's exception
	 */
	public AmpsOperationException(String message, String reason, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	/**
	 * AMPS's reason for refusing the command, when it gave one.
	 * @return the reason, or {@code null}
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * AMPS's reason text behind a client exception: the client turns the reasons it knows into
	 * exception types (for example {@code bad filter} into {@code BadFilterException}) and the
	 * others into a {@code CommandException} that quotes the reason.
	 * @param ex an exception thrown by the AMPS client
	 * @return the reason, or {@code null} when the exception does not come from AMPS refusing a
	 * command
	 */
	public static String reasonOf(Throwable ex) {
		String known = REASONS.get(ex.getClass().getSimpleName());
		if (known != null) {
			return known;
		}
		String message = ex.getMessage();
		if (message == null) {
			return null;
		}
		int start = message.indexOf(SERVER_ERROR_PREFIX);
		return (start >= 0) ? message.substring(start + SERVER_ERROR_PREFIX.length()).trim() : null;
	}

	private static final java.util.Map<String, String> REASONS = java.util.Map.ofEntries(
			java.util.Map.entry("BadFilterException", "bad filter"),
			java.util.Map.entry("BadRegexTopicException", "bad regex topic"),
			java.util.Map.entry("BadSowKeyException", "bad sow key"),
			java.util.Map.entry("InvalidTopicException", "invalid topic"),
			java.util.Map.entry("InvalidBookmarkException", "invalid bookmark"),
			java.util.Map.entry("InvalidOptionsException", "invalid options"),
			java.util.Map.entry("InvalidOrderByException", "invalid order by"),
			java.util.Map.entry("InvalidSubIdException", "invalid subid"),
			java.util.Map.entry("InvalidMessageTypeException", "invalid message type"),
			java.util.Map.entry("NotEntitledException", "not entitled"),
			java.util.Map.entry("LogonRequiredException", "logon required"),
			java.util.Map.entry("NameInUseException", "name in use"),
			java.util.Map.entry("SubidInUseException", "subid in use"),
			java.util.Map.entry("DuplicateLogonException", "duplicate logon"),
			java.util.Map.entry("AuthenticationException", "auth failure"));

}
