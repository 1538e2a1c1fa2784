package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.crankuptheamps.client.HAClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.autoconfigure.health.AmpsHealthContributorAutoConfiguration;
import org.ampsboot.health.AmpsHealthIndicator;
import org.ampsboot.observation.AmpsPublishObservationContext;
import org.ampsboot.observation.AmpsPublishObservationConvention;
import org.ampsboot.observation.DefaultAmpsPublishObservationConvention;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.Fault;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health, metrics, graceful shutdown and connection logging, with the real client against
 * test servers.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperationsTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private AmpsTestServer primary;

	private AmpsTestServer secondary;

	@BeforeEach
	void startServers() {
		this.primary = new AmpsTestServer().start();
		this.secondary = new AmpsTestServer().start();
	}

	@AfterEach
	void stopServers() {
		this.primary.close();
		this.secondary.close();
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class,
					AmpsHealthContributorAutoConfiguration.class, AmpsMetricsAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + this.primary.uri("ops", "pw-not-shown") + ","
					+ this.secondary.uri("ops", "pw-not-shown"), "amps.reconnect.strategy=fixed",
					"amps.reconnect.initial-delay=50ms", "amps.command-timeout=1s");
	}

	@Test
	void eachFailedAttemptOfTheFirstConnectIsLoggedWithTheServerAndTheCauseButNotThePassword(CapturedOutput output) {
		this.primary.stopAccepting();
		this.secondary.stopAccepting();
		contextRunner().withPropertyValues("amps.first-connect-timeout=1s").run((context) -> {
			assertThat(context).hasFailed();
			String primary = "tcp://ops:******@127.0.0.1:" + this.primary.port() + "/amps/json";
			String secondary = "tcp://ops:******@127.0.0.1:" + this.secondary.port() + "/amps/json";
			assertThat(output).contains("WARN", "connecting to " + primary + " failed (attempt 1): ")
				.contains("connecting to " + secondary + " failed (attempt 1): ")
				.contains("connecting to " + primary + " failed (attempt 2): ")
				.contains("(amps.first-connect-timeout)")
				.doesNotContain("pw-not-shown");
		});
	}

	@Test
	void healthFollowsTheConnectionAcrossAFailoverAndLogsIt(CapturedOutput output) {
		contextRunner().run((context) -> {
			AmpsHealthIndicator indicator = context.getBean(AmpsHealthIndicator.class);
			Health up = indicator.health(true);
			assertThat(up.getStatus()).isEqualTo(Status.UP);
			assertThat(up.getDetails()).containsEntry("clientName", context.getBean(HAClient.class).getName())
				.containsEntry("serverVersion", "5.3.4.0")
				.containsKey("state");
			assertThat((String) up.getDetails().get("server")).startsWith("tcp://ops:******@127.0.0.1:" + this.primary.port());
			assertThat(up.toString()).doesNotContain("pw-not-shown");
			assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
				.as("thread names")
				.noneMatch((name) -> name.contains("pw-not-shown"));
			assertThat(context.getBean(AmpsProperties.class).toString()).doesNotContain("pw-not-shown");

			this.secondary.enqueue(Fault.silenceOnNext("logon"));
			this.primary.stopAccepting();
			this.primary.dropConnections();
			await().atMost(WAIT).until(() -> indicator.health(true).getStatus().equals(Status.DOWN));
			await().atMost(WAIT).until(() -> indicator.health(true).getStatus().equals(Status.UP));
			assertThat((String) indicator.health(true).getDetails().get("server"))
				.contains(":" + this.secondary.port() + "/");
			await().atMost(WAIT).untilAsserted(() -> assertThat(output).contains("lost its connection to tcp://ops:******@")
				.contains("reconnected and logged on to tcp://ops:******@127.0.0.1:" + this.secondary.port()));
		});
		assertThat(output).contains("Logged on to AMPS at tcp://ops:******@").doesNotContain("pw-not-shown");
	}

	static class CountingListener {

		@AmpsListener(topic = "ops-orders")
		void onOrder(Map<String, Integer> order) {
			if (order.get("id") == 2) {
				throw new IllegalStateException("second order fails on purpose");
			}
		}

	}

	@Test
	void metersCountAKnownSequenceOfEvents() {
		contextRunner().withBean(CountingListener.class).run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			for (int id = 1; id <= 3; id++) {
				template.publish("ops-orders", Map.of("id", id));
			}
			template.publish("ops-orders", "{\"id\":");
			template.publish("ops-orders", "{\"id\":");
			String listener = CountingListener.class.getName() + ".onOrder(Map)";
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(meters.get("amps.listener.messages").tags("listener", listener, "outcome", "success").timer().count())
					.isEqualTo(2);
				assertThat(meters.get("amps.listener.messages").tags("listener", listener, "outcome", "error").timer().count())
					.isEqualTo(1);
				assertThat(meters.get("amps.unexpected.messages")
					.tags("command", "ack", "status", "failure", "reason", "parse error")
					.counter()
					.count()).isEqualTo(2);
			});
			assertThat(meters.get("amps.messages.published").counter().count()).isEqualTo(5);
			String client = context.getBean(HAClient.class).getName();
			assertThat(meters.get("amps.connection.state").tag("client", client).gauge().value()).isGreaterThanOrEqualTo(4);
			assertThat(meters.get("amps.connection.reconnects").tag("client", client).counter().count()).isZero();
			this.primary.dropConnections();
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(meters.get("amps.connection.reconnects").tag("client", client).counter().count())
					.isEqualTo(1));
		});
	}

	@Test
	void listenerInvocationsAndPublishesAreObservedWhenEnabled() {
		List<String> observed = new CopyOnWriteArrayList<>();
		ObservationRegistry observations = recording(observed);
		contextRunner().withBean(ObservationRegistry.class, () -> observations)
			.withBean(CountingListener.class)
			.withPropertyValues("amps.template.observation-enabled=true", "amps.listener.observation-enabled=true")
			.run((context) -> {
				context.getBean(AmpsTemplate.class).publish("ops-orders", Map.of("id", 1));
				await().atMost(WAIT).until(() -> observed.size() == 2);
				String client = context.getBean(HAClient.class).getName();
				assertThat(observed).anySatisfy((entry) -> assertThat(entry).startsWith("amps.publish")
					.contains("amps.topic=ops-orders", "amps.client=" + client, "outcome=success"));
				assertThat(observed).anySatisfy((entry) -> assertThat(entry).startsWith("amps.listener")
					.contains("amps.listener=", ".onOrder", "amps.topic=ops-orders", "outcome=success"));
				// the timer is recorded with the listener's description as before
				assertThat(context.getBean(MeterRegistry.class)
					.find("amps.listener.messages")
					.tag("listener", CountingListener.class.getName() + ".onOrder(Map)")
					.timer()).isNotNull();
			});
	}

	@Test
	void withoutTheirPropertiesNothingIsObservedButTheMetersAreRecorded() {
		List<String> observed = new CopyOnWriteArrayList<>();
		ObservationRegistry observations = recording(observed);
		contextRunner().withBean(ObservationRegistry.class, () -> observations)
			.withBean(CountingListener.class)
			.run((context) -> {
				context.getBean(AmpsTemplate.class).publish("ops-orders", Map.of("id", 2));
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(WAIT).untilAsserted(() -> assertThat(meters.find("amps.listener.messages").timer())
					.isNotNull()
					.satisfies((timer) -> assertThat(timer.count()).isEqualTo(1)));
				assertThat(meters.find("amps.messages.published").counter().count()).isEqualTo(1);
				assertThat(observed).isEmpty();
			});
	}

	@Test
	void aConventionBeanReplacesTheDefault() {
		List<String> observed = new CopyOnWriteArrayList<>();
		ObservationRegistry observations = recording(observed);
		contextRunner().withBean(ObservationRegistry.class, () -> observations)
			.withBean(AmpsPublishObservationConvention.class, () -> new DefaultAmpsPublishObservationConvention() {
				@Override
				public String getName() {
					return "orders.sent";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(AmpsPublishObservationContext context) {
					return KeyValues.of("desk", "fx");
				}
			})
			.withPropertyValues("amps.template.observation-enabled=true")
			.run((context) -> {
				context.getBean(AmpsTemplate.class).publish("ops-orders", Map.of("id", 3));
				await().atMost(WAIT).until(() -> observed.size() == 1);
				assertThat(observed.get(0)).startsWith("orders.sent").contains("desk=fx").doesNotContain("amps.topic");
			});
	}

	private static ObservationRegistry recording(List<String> observed) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				observed.add(context.getName() + " " + context.getLowCardinalityKeyValues() + " "
						+ context.getHighCardinalityKeyValues());
			}
		});
		return observations;
	}

	@Test
	void failedWritesAndThePublishStoreBacklogAreMeasured() {
		contextRunner().withPropertyValues("amps.publish-store.type=memory", "amps.shutdown.flush-timeout=200ms")
			.run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			String client = context.getBean(HAClient.class).getName();
			template.publish("ops-store", "{\"id\":");
			await().atMost(WAIT).untilAsserted(() -> assertThat(meters.find("amps.failed.writes").counters())
				.singleElement()
				.satisfies((counter) -> assertThat(counter.count()).isEqualTo(1)));
			this.primary.enqueue(Fault.silenceOnNext("p"));
			template.publish("ops-store", "{\"id\":1}");
			template.publish("ops-store", "{\"id\":2}");
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(meters.get("amps.publish.store.backlog").tag("client", client).gauge().value())
					.isEqualTo(2));
		});
	}

	@Test
	void theContextClosesPromptlyWhenTheServerWentAway(CapturedOutput output) {
		long[] closeStarted = new long[1];
		org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
				() -> contextRunner().withPropertyValues("amps.shutdown.flush-timeout=2s").run((context) -> {
					AmpsHealthIndicator indicator = context.getBean(AmpsHealthIndicator.class);
					this.primary.close();
					this.secondary.close();
					await().atMost(WAIT).until(() -> indicator.health(true).getStatus().equals(Status.DOWN));
					closeStarted[0] = System.nanoTime();
				}));
		assertThat(Duration.ofNanos(System.nanoTime() - closeStarted[0])).isLessThan(Duration.ofSeconds(15));
		assertThat(output).contains("is not logged on at shutdown");
	}

	@Test
	void shutdownWaitsForPublishAcknowledgementsThenReportsWhatIsStillPending(CapturedOutput output) {
		long[] closedAfterNanos = new long[1];
		contextRunner()
			.withPropertyValues("amps.publish-store.type=memory", "amps.shutdown.flush-timeout=1s")
			.run((context) -> {
				AmpsTemplate template = context.getBean(AmpsTemplate.class);
				template.publish("ops-shutdown", "{\"id\":1}");
				template.flush(WAIT);
				this.primary.enqueue(Fault.silenceOnNext("p"));
				template.publish("ops-shutdown", "{\"id\":2}");
				template.publish("ops-shutdown", "{\"id\":3}");
				closedAfterNanos[0] = System.nanoTime();
			});
		Duration shutdown = Duration.ofNanos(System.nanoTime() - closedAfterNanos[0]);
		assertThat(shutdown).as("the client waited for the acknowledgements").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(output).contains("did not get every publish acknowledged within amps.shutdown.flush-timeout (PT1S)")
			.containsPattern("Disconnected AMPS client '[^']+': 2 publish\\(es\\) not acknowledged by AMPS, kept in its memory publish store: lost when this process ends");
	}

}
