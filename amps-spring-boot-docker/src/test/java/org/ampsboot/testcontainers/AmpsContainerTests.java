package org.ampsboot.testcontainers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AmpsContainer}'s settings, without Docker: nothing here starts a container.
 */
class AmpsContainerTests {

	@TempDir
	Path directory;

	@Test
	void exposesTheAmpsPortAndLeavesTheImageCommandAloneByDefault() {
		try (AmpsContainer amps = new AmpsContainer("registry.example.com/amps:5.3.5")) {
			assertThat(amps.getExposedPorts()).containsExactly(9007);
			assertThat(amps.getCommandParts()).isEmpty();
		}
	}

	@Test
	void acceptsADockerImageName() {
		try (AmpsContainer amps = new AmpsContainer(DockerImageName.parse("amps").withTag("5.3.5"))) {
			assertThat(amps.getExposedPorts()).containsExactly(AmpsContainer.AMPS_PORT);
		}
	}

	@Test
	void ampsConfigIsCopiedToTheConfigPathWhichBecomesTheCommand() throws IOException {
		Path config = Files.writeString(this.directory.resolve("amps-config.xml"), "<AMPSConfig/>");
		try (RecordingAmpsContainer amps = new RecordingAmpsContainer()) {
			assertThat(amps.withAmpsConfig(config)).isSameAs(amps);
			assertThat(amps.copies).containsOnlyKeys("/amps/config.xml");
			assertThat(amps.copies.get(AmpsContainer.CONFIG_PATH)).isInstanceOfSatisfying(MountableFile.class,
					(file) -> assertThat(Path.of(file.getFilesystemPath())).isEqualTo(config.toAbsolutePath()));
			assertThat(amps.getCommandParts()).containsExactly("/amps/config.xml");
		}
	}

	@Test
	void ampsConfigFromTheClasspath() {
		try (RecordingAmpsContainer amps = new RecordingAmpsContainer()) {
			amps.withAmpsConfig(MountableFile.forClasspathResource("amps-config.xml"));
			assertThat(amps.copies.get(AmpsContainer.CONFIG_PATH)).isInstanceOfSatisfying(MountableFile.class,
					(file) -> assertThat(file.getFilesystemPath()).endsWith("amps-config.xml"));
			assertThat(amps.getCommandParts()).containsExactly(AmpsContainer.CONFIG_PATH);
		}
	}

	@Test
	void aCommandSetAfterTheConfigWinsForImagesWithoutAnAmpServerEntrypoint() {
		try (RecordingAmpsContainer amps = new RecordingAmpsContainer()) {
			amps.withAmpsConfig(MountableFile.forClasspathResource("amps-config.xml"))
				.withCommand("/opt/amps/bin/ampServer", AmpsContainer.CONFIG_PATH);
			assertThat(amps.getCommandParts()).containsExactly("/opt/amps/bin/ampServer", "/amps/config.xml");
		}
	}

	@Test
	void uriIsTheJsonTransportAtTheMappedPort() {
		try (AmpsContainer amps = new StubAmpsContainer("docker-host.example.com", 32768)) {
			assertThat(amps.getUri()).isEqualTo("tcp://docker-host.example.com:32768/amps/json");
		}
	}

	@Test
	void anIpv6HostIsBracketedInTheUri() {
		try (AmpsContainer amps = new StubAmpsContainer("::1", 32768)) {
			assertThat(amps.getUri()).isEqualTo("tcp://[::1]:32768/amps/json");
		}
	}

	/** Records what is copied into the container (Testcontainers keeps that map to itself). */
	static class RecordingAmpsContainer extends AmpsContainer {

		final Map<String, Transferable> copies = new LinkedHashMap<>();

		RecordingAmpsContainer() {
			super("registry.example.com/amps:5.3.5");
		}

		@Override
		public AmpsContainer withCopyToContainer(Transferable transferable, String containerPath) {
			this.copies.put(containerPath, transferable);
			return super.withCopyToContainer(transferable, containerPath);
		}

	}

}
