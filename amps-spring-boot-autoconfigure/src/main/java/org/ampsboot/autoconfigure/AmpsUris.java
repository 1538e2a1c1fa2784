package org.ampsboot.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.ampsboot.AmpsUriSanitizer;

/**
 * Checks AMPS URIs and hides their passwords.
 */
final class AmpsUris {

	static final String MASK = AmpsUriSanitizer.MASK;

	private static final Set<String> SCHEMES = Set.of("tcp", "tcps");

	private AmpsUris() {
	}

	/**
	 * Returns the URI with the password of its user-info masked.
	 * @see AmpsUriSanitizer#sanitize(String)
	 */
	static String mask(String uri) {
		return AmpsUriSanitizer.sanitize(uri);
	}

	static String maskAll(List<String> uris) {
		return (uris != null) ? uris.stream().map(AmpsUris::mask).collect(Collectors.joining(", ", "[", "]")) : "[]";
	}

	/**
	 * Checks that the URIs can be given to the AMPS client.
	 * @param uris the URIs
	 * @param source what the URIs came from, for the error message (a property name)
	 * @throws AmpsStartupException naming the source, the masked value and what is wrong
	 */
	static void validate(List<String> uris, String source) {
		if (uris == null || uris.isEmpty()) {
			throw new AmpsStartupException(source + " is not set: no AMPS server to connect to.",
					"Set " + source + " to the URI of your AMPS server, for example tcp://localhost:9007/amps/json "
							+ "(several, comma-separated, for failover), or set amps.enabled=false.");
		}
		for (String uri : uris) {
			String problem = problem(uri);
			if (problem != null) {
				throw new AmpsStartupException(
						source + " has an invalid value '" + mask(uri) + "': " + problem + ".",
						"Write each AMPS URI as scheme://[user:password@]host:port/amps/<message type>, "
								+ "for example tcp://localhost:9007/amps/json; the scheme is tcp or tcps.");
			}
		}
	}

	private static String problem(String value) {
		if (value == null || value.isBlank()) {
			return "it is empty";
		}
		if (!value.contains("://")) {
			return "it has no scheme (tcp:// or tcps://)";
		}
		URI uri;
		try {
			uri = new URI(value.trim());
		}
		catch (URISyntaxException ex) {
			// The exception's own message repeats the input, password included.
			return "it is not a URI (" + ex.getReason() + " at index " + ex.getIndex() + ")";
		}
		if (uri.getScheme() == null) {
			return "it has no scheme (tcp or tcps)";
		}
		if (!SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
			return "unknown scheme '" + uri.getScheme() + "' (tcp or tcps)";
		}
		if (uri.getHost() == null) {
			return "it has no host (or its authority is not [user:password@]host:port)";
		}
		if (uri.getPort() < 0) {
			return "it has no port";
		}
		String path = uri.getPath();
		if (path == null || path.isEmpty() || "/".equals(path)) {
			return "it has no protocol and message type path such as /amps/json";
		}
		String[] segments = path.substring(1).split("/", -1);
		if (segments.length > 2 || List.of(segments).contains("")) {
			return "its path '" + path + "' is not /<protocol>/<message type> such as /amps/json";
		}
		return null;
	}

}
