package org.ampsboot.testcontainers;

import java.time.Duration;

import com.crankuptheamps.client.HAClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

import org.ampsboot.autoconfigure.AmpsAutoConfiguration;
import org.ampsboot.autoconfigure.AmpsConnectionDetails;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.ReceivedFrame;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AmpsContainerConnectionDetailsFactory} through Spring Boot's own
 * {@code @ServiceConnection} machinery, with a stub container in front of an
 * {@link AmpsTestServer}: no Docker.
 */
class AmpsContainerConnectionDetailsFactoryTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static AmpsTestServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceConnectionAutoConfiguration.class, AmpsAutoConfiguration.class))
		.withPropertyValues("amps.first-connect-timeout=10s");

	@BeforeEach
	void startServer() {
		server = new AmpsTestServer().start();
	}

	@AfterEach
	void stopServer() {
		server.close();
	}

	@Test
	void isRegisteredAsAConnectionDetailsFactory() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ConnectionDetailsFactory.class))
			.hasAtLeastOneElementOfType(AmpsContainerConnectionDetailsFactory.class);
	}

	@Test
	void serviceConnectionContainerBecomesTheConnectionDetailsInsteadOfTheProperty() {
		this.contextRunner.withPropertyValues("amps.auto-startup=false", "amps.uri=tcp://elsewhere:9007/amps/json")
			.withUserConfiguration(ContainerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(AmpsConnectionDetails.class);
				assertThat(context.getBean(AmpsConnectionDetails.class).getUris())
					.containsExactly("tcp://127.0.0.1:" + server.port() + "/amps/json");
				assertThat(context.getBean(HAClient.class).getServerChooser().getCurrentURI())
					.isEqualTo(server.uri());
			});
	}

	@Test
	void theStarterLogsOnToTheServerBehindTheContainer() {
		this.contextRunner.withPropertyValues("amps.client-name=container-test")
			.withUserConfiguration(ContainerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(server.awaitLogon(WAIT).clientName()).isEqualTo("container-test");
				context.getBean(HAClient.class).publish("orders", "{\"id\":1}");
				assertThat(server.takeFrame("p", WAIT).topic()).isEqualTo("orders");
			});
	}

	@Test
	void credentialsFromPropertiesApplyToTheContainerUri() {
		try (AmpsTestServer secured = new AmpsTestServer().requireCredentials("bob", "s3cret").start()) {
			server.close();
			server = secured;
			this.contextRunner.withPropertyValues("amps.username=bob", "amps.password=s3cret")
				.withUserConfiguration(ContainerConfiguration.class)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					ReceivedFrame logon = secured.takeFrame("logon", WAIT);
					assertThat(logon.header("user_id")).isEqualTo("bob");
					assertThat(context.getBean(AmpsConnectionDetails.class).getUris().get(0)).doesNotContain("bob");
				});
		}
	}

	@Test
	void aContainerThatIsNotAnAmpsContainerIsNotTakenForAmps() {
		this.contextRunner.withPropertyValues("amps.auto-startup=false")
			.withUserConfiguration(GenericContainerConfiguration.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("No ConnectionDetails found"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ContainerConfiguration {

		@Bean
		@ServiceConnection
		AmpsContainer amps() {
			return StubAmpsContainer.on(server);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GenericContainerConfiguration {

		@Bean
		@ServiceConnection
		GenericContainer<?> amps() {
			return new GenericContainer<>("registry.example.com/amps:5.3.5");
		}

	}

}
