package org.ampsboot.docker.compose;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.ampsboot.autoconfigure.AmpsAutoConfiguration;
import org.ampsboot.autoconfigure.AmpsConnectionDetails;
import org.ampsboot.test.AmpsTestServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * {@link AmpsDockerComposeConnectionDetailsFactory}, found the way Spring Boot finds it
 * ({@link ConnectionDetailsFactories} over {@code META-INF/spring.factories}), for stub running
 * services: no Docker.
 */
class AmpsDockerComposeConnectionDetailsFactoryTests {

	private final ConnectionDetailsFactories factories = new ConnectionDetailsFactories(null);

	@Test
	void isRegisteredAsAConnectionDetailsFactory() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ConnectionDetailsFactory.class))
			.hasAtLeastOneElementOfType(AmpsDockerComposeConnectionDetailsFactory.class);
	}

	@Test
	void anAmpsServiceBecomesTheJsonTransportAtItsPublishedPort() {
		assertThat(uris(StubRunningService.of("acme/amps-server:5.3.5", "docker-host", 9007, 32770)))
			.containsExactly("tcp://docker-host:32770/amps/json");
	}

	@Test
	void labelsChooseTheContainerPortAndTheMessageType() {
		RunningService service = StubRunningService.of("amps", "127.0.0.1", 9100, 40001)
			.withLabel("org.ampsboot.amps.port", "9100")
			.withLabel("org.ampsboot.amps.message-type", "nvfix");
		assertThat(uris(service)).containsExactly("tcp://127.0.0.1:40001/amps/nvfix");
	}

	@Test
	void anIpv6HostIsBracketed() {
		assertThat(uris(StubRunningService.of("amps", "::1", 9007, 32770))).containsExactly("tcp://[::1]:32770/amps/json");
	}

	@Test
	void theServiceConnectionLabelMarksAnyImageAsAmps() {
		RunningService service = StubRunningService.of("registry.example.com/trading/broker:1", "docker-host", 9007, 32770)
			.withLabel("org.springframework.boot.service-connection", "amps");
		assertThat(uris(service)).containsExactly("tcp://docker-host:32770/amps/json");
	}

	@Test
	void anotherServiceConnectionLabelExcludesAnAmpsImage() {
		RunningService service = StubRunningService.of("acme/amps", "docker-host", 9007, 32770)
			.withLabel("org.springframework.boot.service-connection", "redis");
		assertThat(this.factories.getConnectionDetails(source(service), false)).isEmpty();
	}

	@Test
	void otherServicesGetNoAmpsConnectionDetails() {
		RunningService service = StubRunningService.of("acme/stamps-service", "docker-host", 6379, 32770);
		assertThat(this.factories.getConnectionDetails(source(service), false)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "amps", "library/amps", "acme/amps-server", "registry.example.com:5000/acme/amps",
			"acme/60east-amps", "acme/my_amps", "acme/amps5", "ACME/AMPS" })
	void imageNamesThatNameAmps(String name) {
		assertThat(AmpsDockerComposeConnectionDetailsFactory.isAmpsName(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "redis", "acme/stamps", "acme/camps-api", "lamps", "champs", "amps/redis",
			"registry.amps.example.com/redis" })
	void imageNamesThatDoNot(String name) {
		assertThat(AmpsDockerComposeConnectionDetailsFactory.isAmpsName(name)).isFalse();
	}

	@Test
	void aPortLabelThatIsNotAPortFailsNamingTheServiceAndTheLabel() {
		RunningService service = StubRunningService.of("amps", "h", 9007, 1).withLabel("org.ampsboot.amps.port", "admin");
		assertThatIllegalStateException().isThrownBy(() -> uris(service))
			.withMessage("Docker Compose service 'amps': label org.ampsboot.amps.port is 'admin', not a port number");
	}

	@Test
	void aMessageTypeLabelThatIsNotOneFails() {
		RunningService service = StubRunningService.of("amps", "h", 9007, 1)
			.withLabel("org.ampsboot.amps.message-type", "json/../admin");
		assertThatIllegalStateException().isThrownBy(() -> uris(service))
			.withMessageContaining("label org.ampsboot.amps.message-type is 'json/../admin'");
	}

	@Test
	void theStarterLogsOnToTheServiceFromTheConnectionDetails() {
		try (AmpsTestServer server = new AmpsTestServer().start()) {
			AmpsConnectionDetails details = connectionDetails(StubRunningService.on(server, "acme/amps:5.3.5"));
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class))
				.withBean(AmpsConnectionDetails.class, () -> details)
				.withPropertyValues("amps.client-name=compose-test", "amps.first-connect-timeout=10s")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(server.awaitLogon(Duration.ofSeconds(10)).clientName()).isEqualTo("compose-test");
				});
		}
	}

	private List<String> uris(RunningService service) {
		return connectionDetails(service).getUris();
	}

	private AmpsConnectionDetails connectionDetails(RunningService service) {
		Map<Class<?>, ConnectionDetails> details = this.factories.getConnectionDetails(source(service), true);
		assertThat(details).containsOnlyKeys(AmpsConnectionDetails.class);
		return (AmpsConnectionDetails) details.get(AmpsConnectionDetails.class);
	}

	private static DockerComposeConnectionSource source(RunningService service) {
		// Boot creates sources itself (package-private constructor): a mock stands in.
		DockerComposeConnectionSource source = mock(DockerComposeConnectionSource.class);
		given(source.getRunningService()).willReturn(service);
		return source;
	}

}
