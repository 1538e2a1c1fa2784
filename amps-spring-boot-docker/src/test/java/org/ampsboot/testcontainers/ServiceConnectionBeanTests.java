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
 * The form the README recommends: the container is a {@code @ServiceConnection} bean, so Spring
 * Boot's Testcontainers lifecycle starts it before the client connects and stops it only after
 * the client has disconnected. The stub's {@code stop()} closes the test server, as stopping a
 * real container ends AMPS: the context closes promptly after the class
 * ({@code @DirtiesContext}) only because the client is gone by then.
 */
@SpringBootTest(properties = { "amps.client-name=bean-test", "amps.first-connect-timeout=10s" })
@DirtiesContext
class ServiceConnectionBeanTests {

	@Autowired
	AmpsContainer amps;

	@Autowired
	AmpsConnectionDetails connectionDetails;

	@Autowired
	AmpsTestServer server;

	@Test
	void theStarterConnectsToTheContainerBean() {
		assertThat(this.connectionDetails.getUris()).containsExactly(this.amps.getUri());
		assertThat(this.server.awaitLogon(Duration.ofSeconds(10)).clientName()).isEqualTo("bean-test");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		AmpsTestServer ampsTestServer() {
			return new AmpsTestServer().start();
		}

		@Bean
		@ServiceConnection
		AmpsContainer amps(AmpsTestServer server) {
			return StubAmpsContainer.owning(server);
		}

	}

}
