package org.ampsboot.autoconfigure;

import java.util.Map;

import com.crankuptheamps.client.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.ampsboot.autoconfigure.health.AmpsHealthContributorAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings that used to be accepted and then misbehave (turn the starter off, overflow, retry a
 * URI the client can never use, be ignored) fail startup naming the property and what is
 * allowed, or are warned about.
 */
@ExtendWith(OutputCaptureExtension.class)
class AmpsSettingsValidationTests {

	private static final String URI = "tcp://amps-a.example.test:9007/amps/json";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
		.withPropertyValues("amps.auto-startup=false");

	private static AmpsStartupException failure(org.springframework.boot.test.context.assertj.AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		return AmpsAutoConfigurationTests.findCause(context.getStartupFailure());
	}

	@ParameterizedTest(name = "amps.enabled=''{0}''")
	@ValueSource(strings = { "yes", "on", "1", "true ", "", "no", "0" })
	void anEnabledValueOtherThanTrueOrFalseFailsStartupNamingTheAllowedValues(String value) {
		// Not withPropertyValues: it trims the value.
		this.contextRunner.withPropertyValues("amps.uri=" + URI)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("test", Map.of("amps.enabled", value))))
			.run((context) -> {
			AmpsStartupException failure = failure(context);
			assertThat(failure.getMessage()).isEqualTo("amps.enabled is '" + value + "', but it must be true or false.");
			assertThat(failure.getAction()).contains("amps.enabled=true").contains("amps.enabled=false");
			});
	}

	@ParameterizedTest(name = "amps.enabled={0}")
	@ValueSource(strings = { "true", "TRUE", "True" })
	void enabledTrueInAnyCaseConfiguresTheClient(String value) {
		this.contextRunner.withPropertyValues("amps.uri=" + URI, "amps.enabled=" + value)
			.run((context) -> assertThat(context).hasSingleBean(Client.class));
	}

	@Test
	void enabledFalseConfiguresNothing() {
		this.contextRunner.withPropertyValues("amps.uri=" + URI, "amps.enabled=FALSE")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(Client.class));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			tcp://amps-a.example.test:9007/amps/json?bogus=1   | the AMPS client does not know its URI parameter 'bogus'
			tcp://amps-a.example.test:9007/amps/json?TCP_NODELAY=true | URI parameter 'TCP_NODELAY'
			tcp://amps-a.example.test:9007/amps/json?tcp_sndbuf=abc | tcp_sndbuf is 'abc', but it must be a whole number
			tcp://amps-a.example.test:9007/amps/json?ip_protocol_prefer=foo | ip_protocol_prefer is 'foo', but it must be ipv4 or ipv6
			tcp://amps-a.example.test:99999/amps/json          | its port 99999 is not between 1 and 65535
			tcp://amps-a.example.test:70000/amps/json          | its port 70000 is not between 1 and 65535
			tcp://amps-a.example.test:0/amps/json              | its port 0 is not between 1 and 65535
			tcp://amps-a.example.test:9007/xyz/json            | its protocol 'xyz' is not amps
			tcp://amps-a.example.test:9007/AMPS/json           | its protocol 'AMPS' is not amps
			""")
	void aUriTheClientWouldRejectFailsStartupNamingTheProperty(String uri, String problem) {
		this.contextRunner.withPropertyValues("amps.uri=" + URI + "," + uri).run((context) -> {
			AmpsStartupException failure = failure(context);
			assertThat(failure.getMessage()).startsWith("amps.uri has an invalid value '" + uri + "'").contains(problem);
			assertThat(failure.getAction()).contains("the port 1 to 65535")
				.contains("bind, ip_protocol_prefer, pretty, sni, tcp_keepalive, tcp_linger, tcp_nodelay, tcp_rcvbuf, tcp_sndbuf");
		});
	}

	@Test
	void documentedUriParametersAreAccepted() {
		this.contextRunner
			.withPropertyValues("amps.uri=" + URI + "?tcp_nodelay=true&tcp_sndbuf=100000&tcp_rcvbuf=100000"
					+ "&tcp_keepalive=true&tcp_linger=10&bind=127.0.0.1&ip_protocol_prefer=ipv6&sni=amps-a&pretty=true,"
					+ "tcp://amps-b.example.test:9007/amps?tcp_nodelay")
			.run((context) -> assertThat(context).hasSingleBean(Client.class));
	}

	@Test
	void aNamedClientsUriErrorNamesItsProperty() {
		this.contextRunner.withPropertyValues("amps.clients.market.uri=tcp://amps-b.example.test:99999/amps/json")
			.run((context) -> {
				AmpsStartupException failure = failure(context);
				assertThat(failure.getMessage()).startsWith("amps.clients.market.uri has an invalid value")
					.doesNotContain("Lambda");
			});
	}

	@Test
	void aNamedClientWithoutUriNamesItsProperty() {
		this.contextRunner.withPropertyValues("amps.clients.market.client-name=market").run((context) -> {
			AmpsStartupException failure = failure(context);
			assertThat(failure.getMessage()).isEqualTo("amps.clients.market.uri is not set: no AMPS server to connect to.");
			assertThat(failure.getAction()).startsWith("Set amps.clients.market.uri to").doesNotContain("Lambda");
		});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			amps.heartbeat.interval               | 30000d    | amps.heartbeat.interval is PT720000H, but it must be at most PT596H31M23S
			amps.heartbeat.interval               | 20d       | amps.heartbeat.interval is PT480H, but it must be at most PT298H15M41.5S when amps.heartbeat.read-timeout is not set
			amps.command-timeout                  | 1ns       | amps.command-timeout is PT0.000000001S, but it must be at least 1ms
			amps.first-connect-timeout            | 999us     | amps.first-connect-timeout is PT0.000999S, but it must be at least 1ms
			amps.reconnect.jitter                 | Infinity  | amps.reconnect.jitter is Infinity, but it must be a number from 0 to 10737318
			amps.reconnect.jitter                 | 1e300     | amps.reconnect.jitter is 1.0E300, but it must be a number from 0 to 10737318
			amps.reconnect.jitter                 | NaN       | amps.reconnect.jitter is NaN, but it must be a number from 0 to
			amps.reconnect.backoff-factor         | Infinity  | amps.reconnect.backoff-factor is Infinity, but it must be a finite number of at least 1
			amps.clients.market.command-timeout   | 1ns       | amps.clients.market.command-timeout is PT0.000000001S, but it must be at least 1ms
			""")
	void aValueThatWouldOverflowOrMeanForeverFailsStartupNamingTheProperty(String property, String value, String message) {
		this.contextRunner
			.withPropertyValues("amps.uri=" + URI, "amps.clients.market.uri=" + URI, "amps.clients.market.auto-startup=false",
					property + "=" + value)
			.run((context) -> {
				AmpsStartupException failure = failure(context);
				assertThat(failure.getMessage()).contains(message);
				assertThat(failure.getAction()).startsWith("Change " + property + " to ");
			});
	}

	@Test
	void aJitterAtTheLimitIsAccepted() {
		this.contextRunner.withPropertyValues("amps.uri=" + URI, "amps.reconnect.jitter=10737318")
			.run((context) -> assertThat(context).hasSingleBean(Client.class));
	}

	@Test
	void aMemoryPublishStoreLargerThanTheClientCanHoldFailsNamingItsCapacity() {
		this.contextRunner
			.withPropertyValues("amps.uri=" + URI, "amps.publish-store.type=memory",
					"amps.publish-store.initial-capacity=10000000")
			.run((context) -> {
				AmpsStartupException failure = failure(context);
				assertThat(failure.getMessage()).isEqualTo("amps.publish-store.initial-capacity is 10000000, but it must be "
						+ "a positive number of 2KB blocks, at most 1048575 (the store holds at most 2GB).");
				assertThat(failure.getMessage() + failure.getAction()).doesNotContain("publish-store.path");
			});
	}

	@Test
	void aMisspelledKeyIsWarnedAboutWithTheNearestProperty(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("amps.uri=" + URI, "amps.heartbeat.intervall=5s", "amps.clients.market.uri=" + URI,
					"amps.clients.market.comand-timeout=2s", "amps.clients.market.auto-startup=false", "amps.reconnect.backoffFactor=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("Unknown AMPS property amps.heartbeat.intervall: no setting of the starter "
						+ "has that name, so it is ignored. Did you mean amps.heartbeat.interval?");
				assertThat(output).contains("Unknown AMPS property amps.clients.market.comand-timeout")
					.contains("Did you mean amps.clients.market.command-timeout?");
				assertThat(output).doesNotContain("amps.reconnect.backoffFactor").doesNotContain("Unknown AMPS property amps.uri")
					.doesNotContain("Unknown AMPS property amps.clients.market.uri");
			});
	}

	@Test
	void everyBoundPropertyIsKnown() {
		this.contextRunner.withPropertyValues("amps.uri[0]=" + URI, "amps.enabled=true", "amps.ssl.verify-hostname=true",
				"amps.publish-store.type=memory", "amps.clients.market.uri[0]=" + URI, "amps.clients.market.auto-startup=false",
				"amps.clients.market.publish-store.type=memory", "amps.clients.market.shutdown.flush-timeout=1s")
			.run((context) -> assertThat(UnknownAmpsProperties.warnings(context.getEnvironment())).isEmpty());
	}

	@Test
	void aNamedClientCalledDefaultHasItsOwnHealthEntry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class,
					AmpsHealthContributorAutoConfiguration.class))
			.withPropertyValues("amps.auto-startup=false", "amps.uri=" + URI, "amps.clients.default.uri=" + URI,
					"amps.clients.default.auto-startup=false")
			.run((context) -> {
				HealthContributor contributor = context.getBean("ampsHealthContributor", HealthContributor.class);
				assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
				assertThat(((CompositeHealthContributor) contributor).stream().map(HealthContributors.Entry::name))
					.containsExactlyInAnyOrder("default", "ampsClient");
			});
	}

}
