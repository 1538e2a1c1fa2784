package org.ampsboot;

/**
 * Hides the password in AMPS URIs such as {@code tcp://user:password@host:9007/amps/json}, for
 * anything that shows a URI: logs, health details, exception messages.
 */
public final class AmpsUriSanitizer {

	/** What replaces a password. */
	public static final String MASK = "******";

	private AmpsUriSanitizer() {
	}

	/**
	 * Returns the text with the password of its URI user-info replaced by {@value #MASK}. Works
	 * on text that is not a valid URI too, erring on the side of hiding more.
	 * @param uri a URI, or any text holding one; may be {@code null}
	 * @return the text without the password
	 */
	public static String sanitize(String uri) {
		if (uri == null) {
			return null;
		}
		int schemeEnd = uri.indexOf("://");
		int start = (schemeEnd < 0) ? 0 : schemeEnd + 3;
		int at = uri.lastIndexOf('@');
		if (at < start) {
			return uri;
		}
		int colon = uri.indexOf(':', start);
		if (colon < 0 || colon > at) {
			return uri;
		}
		return uri.substring(0, colon + 1) + MASK + uri.substring(at);
	}

}
