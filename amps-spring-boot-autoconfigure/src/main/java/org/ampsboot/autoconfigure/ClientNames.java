package org.ampsboot.autoconfigure;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Derives a default client name: {@code <spring.application.name>-<host>-<pid>-<random>}. AMPS
 * refuses a second connection with a name in use, so the name must differ between processes
 * (and between contexts of one process, such as tests): the random part sees to that.
 */
final class ClientNames {

	private ClientNames() {
	}

	static String derive(Environment environment) {
		String application = environment.getProperty("spring.application.name");
		String base = StringUtils.hasText(application) ? application : "amps-spring-boot";
		return sanitize(base) + "-" + sanitize(hostName()) + "-" + ProcessHandle.current().pid() + "-"
				+ HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
	}

	/**
	 * The host name from the environment, as shells and container runtimes set it; not
	 * {@code InetAddress.getLocalHost()}, which can cost milliseconds (or a DNS timeout) at startup.
	 */
	private static String hostName() {
		String name = System.getenv("HOSTNAME");
		if (name == null || name.isBlank()) {
			name = System.getenv("COMPUTERNAME");
		}
		return (name == null || name.isBlank()) ? "host" : name;
	}

	/** Each character but ASCII letters, digits, '.', '_' and '-' replaced by '_' (no regex: it runs at start-up). */
	private static String sanitize(String text) {
		char[] chars = text.toCharArray();
		for (int i = 0; i < chars.length; i++) {
			char c = chars[i];
			boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == '-';
			if (!kept) {
				chars[i] = '_';
			}
		}
		return new String(chars);
	}

}
