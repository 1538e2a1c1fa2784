package org.ampsboot.autoconfigure;

import java.net.InetAddress;
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

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			return "localhost";
		}
	}

	private static String sanitize(String text) {
		return text.replaceAll("[^A-Za-z0-9._-]", "_");
	}

}
