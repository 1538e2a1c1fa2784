package org.ampsboot.testcontainers;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.HAClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.ampsboot.autoconfigure.AmpsConnectionDetails;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real AMPS in Docker through {@code @ServiceConnection}. Needs a Docker engine and an AMPS
 * image, which 60East does not publish: {@code AMPS_IMAGE} names the image and
 * {@code AMPS_CONFIG} is the path of an AMPS configuration with a JSON transport on port 9007
 * (for example {@code src/test/resources/amps-config.xml}). Skipped when either variable is
 * unset (checked first, so Docker is not even probed) or when no Docker engine answers.
 * <p>
 * The container is a bean, as the module's README recommends: Spring starts it before the
 * client connects and stops it after the client has disconnected.
 */
@EnabledIfEnvironmentVariable(named = "AMPS_IMAGE", matches = ".+")
@EnabledIfEnvironmentVariable(named = "AMPS_CONFIG", matches = ".+")
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = "amps.first-connect-timeout=60s")
@DirtiesContext
class AmpsContainerDockerTests {

	@Autowired
	AmpsContainer amps;

	@Autowired
	AmpsConnectionDetails connectionDetails;

	@Autowired
	HAClient client;

	@Test
	void theStarterConnectsToTheContainerAndMessagesGoRoundTrip() throws Exception {
		assertThat(this.amps.isRunning()).isTrue();
		assertThat(this.connectionDetails.getUris()).containsExactly(this.amps.getUri());
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		this.client.subscribe((message) -> received.add(message.getData()), "amps-docker-test", 10_000);
		this.client.publish("amps-docker-test", "{\"id\":1}");
		assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"id\":1}");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		@ServiceConnection
		AmpsContainer amps() {
			return new AmpsContainer(System.getenv("AMPS_IMAGE")).withAmpsConfig(Path.of(System.getenv("AMPS_CONFIG")));
		}

	}

}
