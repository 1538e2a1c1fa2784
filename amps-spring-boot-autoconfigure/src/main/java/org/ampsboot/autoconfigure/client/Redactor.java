package org.ampsboot.autoconfigure.client;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes the passwords of a client's URIs from any text (exception messages of the AMPS client
 * included) before the starter logs or throws it.
 */
final class Redactor {

	private final Set<String> secrets = new LinkedHashSet<>();

	Redactor(List<String> uris) {
		for (String uri : uris) {
			String userInfo = userInfo(uri);
			int colon = (userInfo != null) ? userInfo.indexOf(':') : -1;
			if (colon >= 0 && colon < userInfo.length() - 1) {
				this.secrets.add(userInfo.substring(colon + 1));
			}
		}
	}

	private static String userInfo(String uri) {
		try {
			String raw = URI.create(uri.trim()).getRawUserInfo();
			return (raw != null) ? raw : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	String redact(String text) {
		if (text == null) {
			return null;
		}
		String result = text;
		for (String secret : this.secrets) {
			result = result.replace(secret, AmpsUris.MASK);
			String decoded = java.net.URLDecoder.decode(secret, java.nio.charset.StandardCharsets.UTF_8);
			if (!decoded.isEmpty()) {
				result = result.replace(decoded, AmpsUris.MASK);
			}
		}
		return AmpsUris.mask(result);
	}

	/**
	 * Describes a failure and its causes (the AMPS client often wraps the telling one, such as
	 * an SSL handshake failure), each as its simple class name and redacted message.
	 */
	String describe(Throwable failure) {
		StringBuilder text = new StringBuilder();
		int depth = 0;
		for (Throwable cause = failure; cause != null && depth < 5; cause = cause.getCause(), depth++) {
			if (depth > 0) {
				text.append("; caused by ");
			}
			text.append(cause.getClass().getSimpleName()).append(": ").append(redact(cause.getMessage()));
			if (cause.getCause() == cause) {
				break;
			}
		}
		return text.toString();
	}

}
