package org.ampsboot.autoconfigure.client;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Derives a default client name: {@code <spring.application.name>-<host>-<pid>-<random>}
 * (without {@code <host>-} when no host name is known). AMPS
 * refuses a second connection with a name in use, so the name must differ between processes
 * (and between contexts of one process, such as tests): the random part sees to that.
 * <p>
 * Internal: not API (public only because the auto-configuration, which names the clients with it,
 * lives in another package).
 */
public final class ClientNames {

	private static final List<Path> HOST_NAME_FILES = List.of(Path.of("/proc/sys/kernel/hostname"),
			Path.of("/etc/hostname"));

	private ClientNames() {
	}

	public static String derive(Environment environment) {
		String application = environment.getProperty("spring.application.name");
		String base = StringUtils.hasText(application) ? application : "amps-spring-boot";
		String host = hostName();
		return sanitize(base) + "-" + ((host != null) ? sanitize(host) + "-" : "") + ProcessHandle.current().pid() + "-"
				+ HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
	}

	/**
	 * The machine's host name: from the environment, as shells and container runtimes set it,
	 * else from the kernel ({@code /proc/sys/kernel/hostname}) or {@code /etc/hostname}, because
	 * bash sets {@code HOSTNAME} without exporting it. Never {@code InetAddress.getLocalHost()},
	 * which can cost milliseconds (or a DNS timeout) at startup. {@code null} when none is known.
	 * <p>
	 * Plain code on purpose (no lambda, no {@code java.nio.file.Files}): it runs once per cold
	 * start, where those cost about 3 ms of class loading and linkage against 0.2 ms for this.
	 */
	static String hostName() {
		return hostName(System.getenv("HOSTNAME"), System.getenv("COMPUTERNAME"), HOST_NAME_FILES);
	}

	static String hostName(Function<String, String> environment, List<Path> files) {
		return hostName(environment.apply("HOSTNAME"), environment.apply("COMPUTERNAME"), files);
	}

	private static String hostName(String hostName, String computerName, List<Path> files) {
		for (String name : new String[] { hostName, computerName }) {
			if (name != null && !name.isBlank()) {
				return name.trim();
			}
		}
		for (Path file : files) {
			try (FileInputStream in = new FileInputStream(file.toFile())) {
				// Decoded strictly, as Files.readString did: a file that is not UTF-8 is skipped.
				String name = StandardCharsets.UTF_8.newDecoder()
					.decode(ByteBuffer.wrap(in.readAllBytes()))
					.toString()
					.trim();
				if (!name.isEmpty()) {
					return name;
				}
			}
			catch (IOException | RuntimeException ex) {
				// Try the next source.
			}
		}
		return null;
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
