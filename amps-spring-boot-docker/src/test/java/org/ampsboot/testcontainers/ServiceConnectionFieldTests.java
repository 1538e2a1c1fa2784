package org.ampsboot.testcontainers;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.ampsboot.autoconfigure.AmpsConnectionDetails;
import org.ampsboot.test.AmpsTestServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usual way to use the container: a static {@code @ServiceConnection} field in a
 * {@code @SpringBootTest}, here a stub in front of an {@link AmpsTestServer} so that no Docker is
 * needed. No {@code amps.uri} is set: the connection comes from the field.
 */
@SpringBootTest(properties = { "amps.client-name=field-test", "amps.first-connect-timeout=10s" })
@DirtiesContext
class ServiceConnectionFieldTests {

	static final AmpsTestServer server = new AmpsTestServer().start();

	@ServiceConnection
	static final AmpsContainer amps = StubAmpsContainer.on(server);

	@Autowired
	AmpsConnectionDetails connectionDetails;

	@Test
	void theStarterConnectsToTheAnnotatedContainer() {
		assertThat(this.connectionDetails.getUris()).containsExactly(amps.getUri());
		assertThat(server.awaitLogon(Duration.ofSeconds(10)).clientName()).isEqualTo("field-test");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		/**
		 * Closes the server when the context is destroyed, after the client has disconnected: a
		 * client still connected when its server goes away makes the context's close wait.
		 */
		@Bean(destroyMethod = "close")
		AmpsTestServer ampsTestServer() {
			return server;
		}

	}

}
