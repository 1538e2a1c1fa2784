package org.ampsboot.autoconfigure.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.ampsboot.AmpsUriSanitizer;
import org.ampsboot.autoconfigure.AmpsStartupException;

/**
 * Checks AMPS URIs and hides their passwords.
 * <p>
 * Internal: not API (public only because the properties and the auto-configuration, which check
 * URIs with it, live in another package).
 */
public final class AmpsUris {

	public static final String MASK = AmpsUriSanitizer.MASK;

	private static final Set<String> SCHEMES = Set.of("tcp", "tcps");

	/**
	 * The URI parameters the AMPS Java client 5.3.5 accepts on tcp and tcps URIs (60East's
	 * "Connection Parameters for AMPS", and tried: any other name fails each connection attempt
	 * with "Unrecognized URI parameter"; names are case-sensitive).
	 */
	static final List<String> PARAMETERS = List.of("bind", "ip_protocol_prefer", "pretty", "sni", "tcp_keepalive",
			"tcp_linger", "tcp_nodelay", "tcp_rcvbuf", "tcp_sndbuf");

	private static final Set<String> INTEGER_PARAMETERS = Set.of("tcp_linger", "tcp_rcvbuf", "tcp_sndbuf");

	private AmpsUris() {
	}

	/**
	 * Returns the URI with the password of its user-info masked.
	 * @see AmpsUriSanitizer#sanitize(String)
	 */
	static String mask(String uri) {
		return AmpsUriSanitizer.sanitize(uri);
	}

	public static String maskAll(List<String> uris) {
		return (uris != null) ? uris.stream().map(AmpsUris::mask).collect(Collectors.joining(", ", "[", "]")) : "[]";
	}

	/**
	 * Checks that the URIs can be given to the AMPS client.
	 * @param uris the URIs
	 * @param source what the URIs came from, for the error message (a property name)
	 * @throws AmpsStartupException naming the source, the masked value and what is wrong
	 */
	public static void validate(List<String> uris, String source) {
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
						"Write each AMPS URI as scheme://[user:password@]host:port/amps/<message type>[?parameters], "
								+ "for example tcp://localhost:9007/amps/json?tcp_nodelay=true; the scheme is tcp or tcps, "
								+ "the port 1 to 65535, the parameters among " + String.join(", ", PARAMETERS) + ".");
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
		if (uri.getPort() < 1 || uri.getPort() > 65535) {
			return "its port " + uri.getPort() + " is not between 1 and 65535";
		}
		String path = uri.getPath();
		if (path == null || path.isEmpty() || "/".equals(path)) {
			return "it has no protocol and message type path such as /amps/json";
		}
		String[] segments = path.substring(1).split("/", -1);
		if (segments.length > 2 || List.of(segments).contains("")) {
			return "its path '" + path + "' is not /<protocol>/<message type> such as /amps/json";
		}
		if (segments.length == 2 && !"amps".equals(segments[0])) {
			return "its protocol '" + segments[0] + "' is not amps (the AMPS client names a message type only "
					+ "with the amps protocol, as in /amps/json)";
		}
		return parameterProblem(uri.getRawQuery());
	}

	private static String parameterProblem(String query) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		for (String parameter : query.split("&", -1)) {
			int equals = parameter.indexOf('=');
			String name = (equals < 0) ? parameter : parameter.substring(0, equals);
			String value = (equals < 0) ? null : parameter.substring(equals + 1);
			if (!PARAMETERS.contains(name)) {
				return "the AMPS client does not know its URI parameter '" + name + "' (it knows "
						+ String.join(", ", PARAMETERS) + ")";
			}
			if (value != null && INTEGER_PARAMETERS.contains(name) && !isInteger(value)) {
				return "its URI parameter " + name + " is '" + value + "', but it must be a whole number";
			}
			if ("ip_protocol_prefer".equals(name) && !"ipv4".equals(value) && !"ipv6".equals(value)) {
				return "its URI parameter ip_protocol_prefer is '" + value + "', but it must be ipv4 or ipv6";
			}
		}
		return null;
	}

	private static boolean isInteger(String value) {
		try {
			Integer.parseInt(value);
			return true;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
