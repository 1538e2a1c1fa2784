package org.ampsboot.autoconfigure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.ampsboot.autoconfigure.health.AmpsHealthContributorAutoConfiguration;
import org.ampsboot.test.AmpsTestServer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/env}, {@code /actuator/configprops} and {@code /actuator/health} with
 * {@code show-values: always} and {@code show-details: always}: no AMPS password appears in
 * any of them, whatever property (any key, any property source) holds it, while the rest of
 * each value stays readable.
 */
@ExtendWith(OutputCaptureExtension.class)
class ActuatorSecretsTests {

	/** The password of the URI's user-info, percent-encoded in the URI as {@code uri%2FSecret-1}. */
	private static final String URI_PASSWORD = "uri/Secret-1";

	private static final String URI_PASSWORD_ENCODED = "uri%2FSecret-1";

	/** The named client's password, given only in JSON ({@code spring.application.json}). */
	private static final String JSON_PASSWORD = "json-Secret-2";

	/** The password of an AMPS_URI environment variable that amps.uri overrides. */
	private static final String ENV_PASSWORD = "env-Secret-4";

	/** A password of a URI that is no AMPS property at all (another service's). */
	private static final String OTHER_PASSWORD = "other-Secret-3";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AmpsTestServer server;

	@BeforeEach
	void startServer() {
		this.server = new AmpsTestServer().start();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ EndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class,
			ConfigurationPropertiesReportEndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
			HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
			AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class,
			AmpsHealthContributorAutoConfiguration.class, AmpsActuatorAutoConfiguration.class })
	@EnableConfigurationProperties(FeedProperties.class)
	static class App {

	}

	/** An application's own properties that happen to hold an AMPS URI and password. */
	@ConfigurationProperties("feed")
	static class FeedProperties {

		private String source;

		private String note;

		public String getSource() {
			return this.source;
		}

		public void setSource(String source) {
			this.source = source;
		}

		public String getNote() {
			return this.note;
		}

		public void setNote(String note) {
			this.note = note;
		}

	}

	private ConfigurableApplicationContext run() {
		String uri = "tcp://svc:" + URI_PASSWORD_ENCODED + "@localhost:" + this.server.port() + "/amps/json";
		String json = "{\"amps\":{\"clients\":{\"orders\":{\"username\":\"svc2\",\"password\":\"" + JSON_PASSWORD
				+ "\"}}}}";
		String commandLine = "org.example.Main --amps.uri=" + uri + " --amps.clients.orders.uri="
				+ this.server.uri() + " --spring.application.json=" + json;
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("management.endpoints.web.exposure.include=env,configprops,health",
					"management.endpoint.env.show-values=always",
					"management.endpoint.configprops.show-values=always",
					"management.endpoint.health.show-details=always", "amps.client-name=secrets-default",
					"amps.clients.orders.client-name=secrets-orders", "feed.source=${amps.uri}",
					"feed.note=orders logs on with ${amps.clients.orders.password}")
			.initializers((context) -> {
				// What the JVM and the shell would show: the whole command line, the raw JSON.
				context.getEnvironment()
					.getPropertySources()
					.addLast(new MapPropertySource("jvmLike",
							Map.of("sun.java.command", commandLine, "other.service.url",
									"https://app:" + OTHER_PASSWORD + "@db.example.com:5432/orders")));
				context.getEnvironment()
					.getPropertySources()
					.addLast(new SystemEnvironmentPropertySource("test-systemEnvironment",
							Map.of("SPRING_APPLICATION_JSON", json, "AMPS_URI",
									"tcp://svc:" + ENV_PASSWORD + "@amps-env.example.test:9007/amps/json", "DEPLOY_NOTE",
									"rotated " + ENV_PASSWORD + " to " + JSON_PASSWORD + " on Monday")));
			})
			.run("--amps.uri=" + uri, "--amps.clients.orders.uri=" + this.server.uri(),
					"--spring.application.json=" + json);
	}

	@Test
	void envShowsNoPasswordInAnyPropertySourceButKeepsTheRestOfEachValue(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run()) {
			EnvironmentEndpoint endpoint = context.getBean(EnvironmentEndpoint.class);
			String env = JSON.writeValueAsString(endpoint.environment(null));
			assertThat(env).contains("sun.java.command", "SPRING_APPLICATION_JSON", "commandLineArgs",
					"spring.application.json", "DEPLOY_NOTE", "other.service.url");
			assertNoSecret(env);
			assertThat(env).contains("org.example.Main --amps.uri=tcp://svc:******@localhost:" + this.server.port())
				.contains("\\\"username\\\":\\\"svc2\\\"")
				.contains("rotated ****** to ****** on Monday")
				.contains("https://app:******@db.example.com:5432/orders");
			for (String name : List.of("sun.java.command", "SPRING_APPLICATION_JSON", "amps.uri", "AMPS_URI",
					"amps.clients.orders.password", "spring.application.json", "DEPLOY_NOTE")) {
				assertNoSecret(JSON.writeValueAsString(endpoint.environmentEntry(name)));
			}
			assertThat(output).doesNotContain(URI_PASSWORD_ENCODED, URI_PASSWORD, JSON_PASSWORD);
		}
	}

	@Test
	void configpropsShowNoPasswordEvenInTheApplicationsOwnPropertiesNorDoesHealth() {
		try (ConfigurableApplicationContext context = run()) {
			String configprops = JSON
				.writeValueAsString(context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
			assertThat(configprops).contains("secrets-orders", "svc2", "localhost:" + this.server.port(),
					"tcp://svc:******@localhost:" + this.server.port() + "/amps/json", "orders logs on with ******");
			assertNoSecret(configprops);
			String health = JSON.writeValueAsString(context.getBean(HealthEndpoint.class).health());
			assertThat(health).contains("secrets-default", "secrets-orders", "tcp://svc:******@localhost");
			assertNoSecret(health);
		}
	}

	private static void assertNoSecret(String json) {
		assertThat(json).doesNotContain(URI_PASSWORD_ENCODED, URI_PASSWORD, JSON_PASSWORD, OTHER_PASSWORD,
				ENV_PASSWORD);
	}

}
