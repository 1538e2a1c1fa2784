package org.ampsboot.test;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The URIs of an {@link AmpsTestServer}: {@code tcp[s]://[user:password@]127.0.0.1:<port>/amps/json}. */
final class Uris {

	static final String HOST = "127.0.0.1";

	private Uris() {
	}

	static String uri(boolean tls, int port) {
		return scheme(tls) + "://" + HOST + ":" + port + "/amps/json";
	}

	/** The URI with credentials, percent-encoding what a URI's user-info does not allow. */
	static String uri(boolean tls, int port, String user, String password) {
		return scheme(tls) + "://" + encodeUserInfo(user) + ":" + encodeUserInfo(password) + "@" + HOST + ":" + port
				+ "/amps/json";
	}

	private static String scheme(boolean tls) {
		return tls ? "tcps" : "tcp";
	}

	private static String encodeUserInfo(String value) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : Objects.requireNonNull(value).getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "-._~!$&'()*+,;=".indexOf(c) >= 0) {
				encoded.append(c);
			}
			else {
				encoded.append('%')
					.append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
					.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
			}
		}
		return encoded.toString();
	}

}
