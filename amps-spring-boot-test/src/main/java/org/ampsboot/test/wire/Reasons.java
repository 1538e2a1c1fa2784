package org.ampsboot.test.wire;

/**
 * The {@code reason} texts of the failure acks the test server sends, as AMPS spells them, and the one reason of
 * its loud refusals ({@link #notSupported(String)}).
 *
 * <p>Internal: not API.
 */
public final class Reasons {

	public static final String AUTH_FAILURE = "auth failure";

	public static final String NAME_IN_USE = "name in use";

	public static final String PARSE_ERROR = "parse error";

	public static final String BAD_FILTER = "bad filter";

	public static final String BAD_REGEX_TOPIC = "bad regex topic";

	public static final String INVALID_TOPIC = "invalid topic";

	public static final String NO_TOPIC = "no topic";

	public static final String LOGON_REQUIRED = "logon required";

	public static final String BAD_SOW_KEY = "bad sow key";

	public static final String INVALID_ORDER_BY = "invalid orderby";

	public static final String INVALID_TOPIC_OR_FILTER = "invalid topic or filter";

	/**
	 * A subscribe reuses the id of a live subscription of the connection without the {@code replace} option. The
	 * wording is issue 12's (no 60East page that gives it was found in the stored docs).
	 */
	public static final String SUBID_IN_USE = "subid in use";

	/**
	 * A second logon on a connection (Command Reference "logon": "AMPS only allows a single logon command for each
	 * connection"). That page does not give the reason text: this wording is the test server's.
	 */
	public static final String ALREADY_LOGGED_ON = "already logged on";

	/**
	 * A bookmark subscription to a topic the transaction log does not record. AMPS "returns an error" (User Guide,
	 * "Replaying Messages with Bookmark Subscription"); 60East does not document its reason text, so this wording is
	 * the test server's.
	 */
	public static final String NOT_IN_TRANSACTION_LOG = "topic not in transaction log";

	/** What every refusal of something the test server does not implement starts with. */
	public static final String NOT_SUPPORTED_PREFIX = "not supported by the AMPS test server: ";

	private Reasons() {
	}

	/**
	 * The reason of a loud refusal: {@code "not supported by the AMPS test server: " + what}.
	 * @param what what is not supported, for example {@code "command 'teleport'"}
	 */
	public static String notSupported(String what) {
		return NOT_SUPPORTED_PREFIX + what;
	}

}
