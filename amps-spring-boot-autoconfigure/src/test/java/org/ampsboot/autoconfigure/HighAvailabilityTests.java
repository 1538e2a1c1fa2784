package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import com.crankuptheamps.client.ConnectionStateListener;
import com.crankuptheamps.client.HAClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.Fault;
import org.ampsboot.test.ReceivedFrame;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failover, replay, resubscription, heartbeats and the logon settings, with the real client
 * against two test servers.
 */
class HighAvailabilityTests {

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
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class))
			.withUserConfiguration(StateRecording.class)
			.withPropertyValues("amps.uri=" + this.primary.uri() + "," + this.secondary.uri(),
					"amps.first-connect-timeout=10s", "amps.reconnect.strategy=fixed",
					"amps.reconnect.initial-delay=50ms");
	}

	@Test
	void credentialsLogonOptionsAndCorrelationDataCrossTheWire() {
		// The test server does nothing with logon options, so it refuses the logon loudly ("not supported by the
		// AMPS test server: option 'pretty' on 'logon'") and the context fails; the logon frame still shows what
		// the starter sent.
		try (AmpsTestServer secured = new AmpsTestServer().requireCredentials("bob", "s3cret").start()) {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class))
				.withPropertyValues("amps.uri=" + secured.uri(), "amps.username=bob", "amps.password=s3cret",
						"amps.client-name=ha-logon-test", "amps.logon-options=pretty",
						"amps.logon-correlation-data=desk-7", "amps.first-connect-timeout=2s")
				.run((context) -> {
					assertThat(context).hasFailed();
					ReceivedFrame logon = secured.takeFrame("logon", WAIT);
					assertThat(logon.header("user_id")).isEqualTo("bob");
					assertThat(logon.header("client_name")).isEqualTo("ha-logon-test");
					assertThat(logon.header("opts")).isEqualTo("pretty");
					assertThat(logon.headers().toString()).contains("desk-7");
					assertThat(logon.toString()).doesNotContain("s3cret");
				});
		}
	}

	@Test
	void failoverResumesSubscriptionsAndReplaysWhatThePrimaryNeverAcknowledged() {
		contextRunner().withPropertyValues("amps.publish-store.type=memory").run((context) -> {
			assertThat(context).hasNotFailed();
			HAClient client = context.getBean(HAClient.class);
			List<Integer> states = context.getBean(StateRecording.class).states;
			List<String> received = new CopyOnWriteArrayList<>();
			client.subscribe((message) -> received.add(message.getData()), "ha-orders", 10_000);
			publish(client, 1, 5);
			await().atMost(WAIT).until(() -> received.size() == 5);
			await().atMost(WAIT).until(() -> client.getPublishStore().unpersistedCount() == 0);

			this.primary.enqueue(Fault.silenceOnNext("p"));
			publish(client, 6, 10);
			await().atMost(WAIT).until(() -> client.getPublishStore().unpersistedCount() == 5);
			int before = states.size();
			this.primary.close();

			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(since(states, before)).containsSubsequence(
						ConnectionStateListener.Disconnected, ConnectionStateListener.Connected,
						ConnectionStateListener.LoggedOn, ConnectionStateListener.Resubscribed));
			await().atMost(WAIT).until(() -> client.getPublishStore().unpersistedCount() == 0);
			assertThat(publishedIds(this.secondary)).containsExactlyInAnyOrderElementsOf(orders(6, 10));

			List<Integer> secondStates = context.getBean(StateRecording.class).secondStates;
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(secondStates).as("every listener bean sees the states")
					.isEqualTo(states));
			publish(client, 11, 15);
			await().atMost(WAIT).until(() -> received.containsAll(orders(11, 15)));
			assertThat(received).doesNotHaveDuplicates().containsAll(orders(1, 5));
			assertThat(publishedIds(this.secondary)).containsExactlyInAnyOrderElementsOf(orders(6, 15));
		});
	}

	@Test
	void aServerThatStopsAnsweringIsDetectedByTheHeartbeatAndTheClientFailsOver() {
		contextRunner().withPropertyValues("amps.heartbeat.interval=1s", "amps.heartbeat.read-timeout=2s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				List<Integer> states = context.getBean(StateRecording.class).states;
				assertThat(this.primary.awaitLogon(WAIT).clientName())
					.isEqualTo(context.getBean(HAClient.class).getName());
				int before = states.size();
				this.primary.stopAccepting();
				this.primary.silenceConnections();
				assertThat(this.secondary.awaitLogon(WAIT).clientName())
					.isEqualTo(context.getBean(HAClient.class).getName());
				assertThat(since(states, before)).contains(ConnectionStateListener.Disconnected);
			});
	}

	private static List<Integer> since(List<Integer> states, int index) {
		List<Integer> snapshot = List.copyOf(states);
		return snapshot.subList(index, snapshot.size());
	}

	private static void publish(HAClient client, int from, int to) throws Exception {
		for (int id = from; id <= to; id++) {
			client.publish("ha-orders", "{\"id\":" + id + "}");
		}
	}

	private static List<String> orders(int from, int to) {
		return IntStream.rangeClosed(from, to).mapToObj((id) -> "{\"id\":" + id + "}").toList();
	}

	private static List<String> publishedIds(AmpsTestServer server) {
		return server.receivedFrames()
			.stream()
			.filter((frame) -> "p".equals(frame.command()) || "publish".equals(frame.command()))
			.map(ReceivedFrame::payload)
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class StateRecording {

		final List<Integer> states = new CopyOnWriteArrayList<>();

		final List<Integer> secondStates = new CopyOnWriteArrayList<>();

		@Bean
		ConnectionStateListener recordingListener() {
			return this.states::add;
		}

		@Bean
		ConnectionStateListener secondListener() {
			return this.secondStates::add;
		}

	}

}
