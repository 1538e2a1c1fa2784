package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.ConnectionStateListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.listener.AmpsListenerContainer;
import org.ampsboot.listener.AmpsListenerRegistry;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.ReceivedFrame;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listener containers across a failover (two test servers, {@code amps.uri=primary,secondary}):
 * the client resubscribes the running containers and not the stopped ones, with the real client.
 */
class ListenerFailoverTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private AmpsTestServer primary;

	private AmpsTestServer secondary;

	@BeforeEach
	void startServers() {
		this.primary = new AmpsTestServer().transactionLog("fo-orders").start();
		this.secondary = new AmpsTestServer().transactionLog("fo-orders").start();
	}

	@AfterEach
	void stopServers() {
		this.primary.close();
		this.secondary.close();
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
			.withBean(States.class)
			.withPropertyValues("amps.uri=" + this.primary.uri() + "," + this.secondary.uri(),
					"amps.first-connect-timeout=10s", "amps.reconnect.strategy=fixed",
					"amps.reconnect.initial-delay=50ms");
	}

	static class States implements ConnectionStateListener {

		final List<Integer> states = new CopyOnWriteArrayList<>();

		@Override
		public void connectionStateChanged(int state) {
			this.states.add(state);
		}

	}

	static class Ticks {

		final List<String> received = new CopyOnWriteArrayList<>();

		@AmpsListener(id = "running", topic = "fo-ticks")
		void running(String payload) {
			this.received.add("running " + payload);
		}

		@AmpsListener(id = "stopped", topic = "fo-ticks")
		void stopped(String payload) {
			this.received.add("stopped " + payload);
		}

		@AmpsListener(id = "never", topic = "fo-ticks", autoStartup = "false")
		void never(String payload) {
			this.received.add("never " + payload);
		}

	}

	@Test
	void afterAFailoverTheClientResubscribesRunningContainersAndNotStoppedOnes() {
		contextRunner().withBean(Ticks.class).run((context) -> {
			assertThat(context).hasNotFailed();
			AmpsListenerRegistry registry = context.getBean(AmpsListenerRegistry.class);
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			Ticks ticks = context.getBean(Ticks.class);
			assertThat(subscribes(this.primary, "fo-ticks")).as("running and stopped subscribed").isEqualTo(2);
			registry.getListenerContainer("stopped").stop();
			await().atMost(WAIT).until(() -> !subIds(this.primary, "unsubscribe").isEmpty());
			template.publish("fo-ticks", "{\"tick\":1}");
			await().atMost(WAIT).until(() -> ticks.received.contains("running {\"tick\":1}"));

			List<Integer> states = context.getBean(States.class).states;
			int before = states.size();
			this.primary.close();
			await().atMost(WAIT).until(() -> states.subList(before, states.size())
				.contains(ConnectionStateListener.Resubscribed));
			assertThat(this.secondary.awaitLogon(WAIT)).isNotNull();

			await().atMost(WAIT).until(() -> subscribes(this.secondary, "fo-ticks") >= 1);
			template.publish("fo-ticks", "{\"tick\":2}");
			await().atMost(WAIT).until(() -> ticks.received.contains("running {\"tick\":2}"));
			template.flush(WAIT);
			assertThat(subscribes(this.secondary, "fo-ticks")).as("only the running container is resubscribed")
				.isEqualTo(1);
			assertThat(ticks.received).containsExactly("running {\"tick\":1}", "running {\"tick\":2}");
			assertThat(registry.getListenerContainer("stopped").isRunning()).isFalse();
			assertThat(registry.getListenerContainer("never").isRunning()).isFalse();

			// started on the secondary, it subscribes there
			registry.getListenerContainer("stopped").start();
			await().atMost(WAIT).until(() -> subscribes(this.secondary, "fo-ticks") == 2);
			template.publish("fo-ticks", "{\"tick\":3}");
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(ticks.received).contains("running {\"tick\":3}", "stopped {\"tick\":3}"));
		});
	}

	static class Orders {

		final List<String> received = new CopyOnWriteArrayList<>();

		@AmpsListener(id = "pb", topic = "fo-orders", bookmark = "0")
		void order(String payload) {
			this.received.add(payload);
		}

		@AmpsListener(id = "fo-fence", topic = "fo-fence")
		void fence(String payload) {
			this.received.add("fence " + payload);
		}

	}

	@Test
	void aPausedBookmarkContainerStaysPausedAcrossAFailoverAndResumesOnTheSecondary() {
		contextRunner().withBean(Orders.class).run((context) -> {
			assertThat(context).hasNotFailed();
			AmpsListenerContainer container = context.getBean(AmpsListenerRegistry.class).getListenerContainer("pb");
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			Orders orders = context.getBean(Orders.class);
			template.publish("fo-orders", "{\"id\":1}");
			await().atMost(WAIT).until(() -> orders.received.contains("{\"id\":1}"));
			replicate(this.secondary, context, "fo-orders", "{\"id\":1}");
			container.pause();
			takeSubscribe(this.primary, "pb", "pause");

			failOver(context);
			// the client itself places the paused subscription paused again, from its last bookmark
			ReceivedFrame resubscribe = takeSubscribe(this.secondary, "pb", "pause");
			assertThat(resubscribe.topic()).isEqualTo("fo-orders");
			assertThat(resubscribe.header("bookmark")).isNotEqualTo("0");
			template.publish("fo-orders", "{\"id\":2}");
			fence(template, orders, 1);
			assertThat(container.isPaused()).isTrue();
			assertThat(orders.received).as("nothing while paused, on the secondary either")
				.containsExactly("{\"id\":1}", "fence 1");

			// the client's resubscription, paused, then the container's own pause again (ListenerContainer.resubscribed)
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(options(this.secondary, "pb")).containsExactly("pause", "pause"));
			container.resume();
			takeSubscribe(this.secondary, "pb", "resume");
			await().atMost(WAIT).until(() -> orders.received.contains("{\"id\":2}"));
			template.publish("fo-orders", "{\"id\":3}");
			await().atMost(WAIT).until(() -> orders.received.contains("{\"id\":3}"));
			fence(template, orders, 2);
			assertThat(orders.received).as("what was published while paused, once, then live")
				.containsExactly("{\"id\":1}", "fence 1", "{\"id\":2}", "{\"id\":3}", "fence 2");
		});
	}

	@Test
	void aBookmarkContainerPausedAndResumedBeforeAFailoverIsLiveOnTheSecondary() {
		contextRunner().withBean(Orders.class).run((context) -> {
			assertThat(context).hasNotFailed();
			AmpsListenerContainer container = context.getBean(AmpsListenerRegistry.class).getListenerContainer("pb");
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			Orders orders = context.getBean(Orders.class);
			container.pause();
			template.publish("fo-orders", "{\"id\":1}");
			container.resume();
			await().atMost(WAIT).until(() -> orders.received.contains("{\"id\":1}"));
			replicate(this.secondary, context, "fo-orders", "{\"id\":1}");

			failOver(context);
			await().atMost(WAIT).until(() -> subIds(this.secondary, "subscribe").contains("pb"));
			template.publish("fo-orders", "{\"id\":2}");
			await().atMost(WAIT).until(() -> orders.received.contains("{\"id\":2}"));
			fence(template, orders, 1);
			assertThat(container.isPaused()).isFalse();
			assertThat(orders.received).containsExactly("{\"id\":1}", "{\"id\":2}", "fence 1");
			// what the 5.3.5.3 client resubscribes: the subscription placed paused (from its last bookmark), then
			// resumed, since it was resumed after its pause
			assertThat(options(this.secondary, "pb")).containsExactly("pause", "resume");
			assertThat(takeSubscribe(this.secondary, "pb", "pause").topic()).isEqualTo("fo-orders");
		});
	}

	/**
	 * The secondary's transaction log gets what the primary's has, as replication would give it: published under
	 * the application's client name, so that it has the same bookmark (the test server refuses a bookmark that
	 * names no message of its log).
	 */
	private static void replicate(AmpsTestServer server, AssertableApplicationContext context, String topic,
			String payload) throws Exception {
		Client client = new Client(context.getBean(Client.class).getName());
		try {
			client.connect(server.uri());
			client.logon();
			client.publish(topic, payload);
			client.publishFlush();
		}
		finally {
			client.close();
		}
	}

	private void failOver(AssertableApplicationContext context) {
		List<Integer> states = context.getBean(States.class).states;
		int before = states.size();
		this.primary.close();
		await().atMost(WAIT)
			.until(() -> states.subList(before, states.size()).contains(ConnectionStateListener.Resubscribed));
	}

	private static void fence(AmpsTemplate template, Orders orders, int n) {
		template.flush(WAIT);
		template.publish("fo-fence", String.valueOf(n));
		await().atMost(WAIT).until(() -> orders.received.contains("fence " + n));
	}

	private static ReceivedFrame takeSubscribe(AmpsTestServer server, String subId, String option) {
		return await().atMost(WAIT)
			.until(() -> server.receivedFrames()
				.stream()
				.filter((frame) -> "subscribe".equals(frame.command()) && subId.equals(frame.header("sub_id"))
						&& frame.header("opts") != null && frame.header("opts").contains(option))
				.findFirst()
				.orElse(null), (frame) -> frame != null);
	}

	private static List<String> options(AmpsTestServer server, String subId) {
		return server.receivedFrames()
			.stream()
			.filter((frame) -> subId.equals(frame.header("sub_id")))
			.map((frame) -> String.valueOf(frame.header("opts")))
			.toList();
	}

	private static long subscribes(AmpsTestServer server, String topic) {
		return server.receivedFrames()
			.stream()
			.filter((frame) -> "subscribe".equals(frame.command()) && topic.equals(frame.topic()))
			.count();
	}

	private static List<String> subIds(AmpsTestServer server, String command) {
		return server.receivedFrames()
			.stream()
			.filter((frame) -> command.equals(frame.command()))
			.map((frame) -> frame.header("sub_id"))
			.toList();
	}

}
