package org.ampsboot.autoconfigure.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;


/**
 * The default client name carries the machine's host name even when {@code HOSTNAME} is not
 * exported (bash sets it without exporting it), and never the placeholder {@code host}.
 */
class ClientNamesTests {

	@Test
	void withoutAnExportedHostNameTheDefaultNameCarriesTheKernelsHostName() throws Exception {
		Path kernel = Path.of("/proc/sys/kernel/hostname");
		assumeThat(System.getenv("HOSTNAME")).as("HOSTNAME not exported to the test JVM").isNull();
		assumeThat(System.getenv("COMPUTERNAME")).isNull();
		assumeThat(Files.isReadable(kernel)).as("a Linux kernel host name").isTrue();
		String host = Files.readString(kernel).trim();
		String name = ClientNames.derive(new MockEnvironment().withProperty("spring.application.name", "orders"));
		assertThat(name).startsWith("orders-" + host + "-" + ProcessHandle.current().pid() + "-")
			.doesNotContain("-host-");
	}

	@Test
	void theEnvironmentComesFirstThenTheHostNameFiles(@TempDir Path directory) throws Exception {
		Path empty = Files.writeString(directory.resolve("empty"), "  \n");
		Path etc = Files.writeString(directory.resolve("hostname"), "build-7\n");
		List<Path> files = List.of(directory.resolve("missing"), empty, etc);
		assertThat(ClientNames.hostName(Map.of("HOSTNAME", "pod-3")::get, files)).isEqualTo("pod-3");
		assertThat(ClientNames.hostName(Map.of("COMPUTERNAME", "WIN-9")::get, files)).isEqualTo("WIN-9");
		assertThat(ClientNames.hostName(Map.of("HOSTNAME", " ")::get, files)).isEqualTo("build-7");
		assertThat(ClientNames.hostName((variable) -> null, List.of(empty))).isNull();
	}

}
