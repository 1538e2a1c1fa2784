package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.ampsboot.AmpsHeader;
import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsListenerErrorHandler;
import org.ampsboot.AmpsOperationException;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.autoconfigure.listener.ClientListenerContainers;
import org.ampsboot.test.AmpsTestServerExtension;
import org.ampsboot.test.Fault;
import org.ampsboot.test.ReceivedFrame;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link AmpsListener @AmpsListener} methods and the {@link AmpsTemplate}, with the real client
 * against the test server.
 */
class AmpsListenerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final AmpsTestServerExtension amps = new AmpsTestServerExtension();

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + amps.server().uri(), "orders.topic=listener-orders");
	}

	record Order(int id, String symbol, int qty) {
	}

	static class Inbox {

		final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

		Object take() throws InterruptedException {
			Object next = this.received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(next).as("a delivery within %s", WAIT).isNotNull();
			return next;
		}

	}

	static class Listeners {

		private final Inbox inbox;

		Listeners(Inbox inbox) {
			this.inbox = inbox;
		}

		@AmpsListener(topic = "${orders.topic}")
		void text(String payload, @AmpsHeader(AmpsHeader.Field.TOPIC) String topic,
				@AmpsHeader(AmpsHeader.Field.BOOKMARK) String bookmark, @AmpsHeader(AmpsHeader.Field.COMMAND) String command) {
			this.inbox.received.add(List.of("text", payload, topic, bookmark, command));
		}

		@AmpsListener(topic = "listener-orders")
		void object(Order order, Message message, Client client) {
			this.inbox.received.add(List.of("object", order, message.getTopic(), client.getName()));
		}

		@AmpsListener(topic = "^listener-(trades|quotes)$")
		void regex(byte[] payload, @AmpsHeader(AmpsHeader.Field.TOPIC) String topic) {
			this.inbox.received.add(List.of("regex", new String(payload), topic));
		}

		@AmpsListener(topic = "listener-generic")
		void generic(Map<String, List<Integer>> values) {
			this.inbox.received.add(List.of("generic", values));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfiguration {

		@Bean
		Inbox inbox() {
			return new Inbox();
		}

		@Bean
		Listeners listeners(Inbox inbox) {
			return new Listeners(inbox);
		}

	}

	@Test
	void listenersReceiveTheirTopicWithEveryParameterKind() {
		// AMPS adds bookmarks only to messages of topics in its transaction log
		amps.server().transactionLog("listener-orders");
		contextRunner().withUserConfiguration(ListenerConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Inbox inbox = context.getBean(Inbox.class);
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			template.publish("listener-orders", new Order(1, "MSFT", 100));
			List<Object> first = List.of(inbox.take(), inbox.take());
			List<?> text = (List<?>) first.stream().filter((entry) -> ((List<?>) entry).get(0).equals("text")).findFirst().orElseThrow();
			List<?> object = (List<?>) first.stream().filter((entry) -> ((List<?>) entry).get(0).equals("object")).findFirst().orElseThrow();
			assertThat(text.get(1)).isEqualTo("{\"id\":1,\"symbol\":\"MSFT\",\"qty\":100}");
			assertThat(text.get(2)).isEqualTo("listener-orders");
			assertThat((String) text.get(3)).contains("|");
			assertThat(text.get(4)).isEqualTo("publish");
			assertThat(object.subList(1, 4)).isEqualTo(List.of(new Order(1, "MSFT", 100), "listener-orders",
					context.getBean(HAClient.class).getName()));

			template.publish("listener-trades", "{\"t\":1}");
			template.publish("listener-quotes", "{\"q\":1}");
			template.publish("listener-other", "{\"x\":1}");
			assertThat(List.of(inbox.take(), inbox.take())).containsExactlyInAnyOrder(
					List.of("regex", "{\"t\":1}", "listener-trades"), List.of("regex", "{\"q\":1}", "listener-quotes"));

			template.publish("listener-generic", Map.of("a", List.of(1, 2)));
			assertThat(inbox.take()).isEqualTo(List.of("generic", Map.of("a", List.of(1, 2))));
			assertThat(inbox.received.poll(200, TimeUnit.MILLISECONDS)).as("nothing for listener-other").isNull();
		});
	}

	static class Failing {

		@AmpsListener(topic = "listener-failing")
		void fail(Order order) {
			if (order.id() == 1) {
				throw new IllegalStateException("listener failed on purpose");
			}
		}

	}

	@Test
	void aListenerThatThrowsGoesToTheErrorHandlerAndTheSubscriptionGoesOn() {
		BlockingQueue<String> errors = new LinkedBlockingQueue<>();
		contextRunner().withBean(Failing.class)
			.withBean(AmpsListenerErrorHandler.class,
					() -> (message, acknowledgement, listener, error) -> errors
						.add(listener + " | " + error.getMessage() + " | " + message.getData() + " | " + acknowledgement))
			.run((context) -> {
				AmpsTemplate template = context.getBean(AmpsTemplate.class);
				template.publish("listener-failing", new Order(1, "A", 1));
				template.publish("listener-failing", "{\"id\":\"not a number\"}");
				template.publish("listener-failing", new Order(2, "B", 2));
				String first = errors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
				assertThat(first).startsWith(Failing.class.getName() + ".fail(AmpsListenerTests.Order) | listener failed on purpose")
					.endsWith("| null");
				String second = errors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
				assertThat(second).contains("not a number");
				assertThat(errors.poll(300, TimeUnit.MILLISECONDS)).as("order 2 is handled").isNull();
			});
	}

	static class BadListener {

		@AmpsListener(topic = "t")
		void twoPayloads(String a, byte[] b) {
		}

	}

	static class BadHeader {

		@AmpsListener(topic = "t")
		void header(@AmpsHeader(AmpsHeader.Field.TOPIC) int topic) {
		}

	}

	static class ManualWithoutQueue {

		@AmpsListener(topic = "t", ackMode = AmpsListener.AckMode.MANUAL)
		void manual(String payload) {
		}

	}

	@Test
	void unsupportedSignaturesFailStartupNamingTheMethod() {
		contextRunner().withBean(BadListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(AmpsAutoConfigurationTests.findCause(context.getStartupFailure()))
				.hasMessageContaining(BadListener.class.getName() + ".twoPayloads(String, byte[])")
				.hasMessageContaining("2 payload parameters");
		});
		contextRunner().withBean(BadHeader.class).run((context) -> assertThat(
				AmpsAutoConfigurationTests.findCause(context.getStartupFailure()))
			.hasMessageContaining("parameter 0 is annotated with @AmpsHeader but is a int"));
		contextRunner().withBean(ManualWithoutQueue.class).run((context) -> assertThat(
				AmpsAutoConfigurationTests.findCause(context.getStartupFailure()))
			.hasMessageContaining("ackMode = MANUAL applies to queues only"));
	}

	@Test
	void closingTheContextUnsubscribesBeforeDisconnecting() {
		contextRunner().withUserConfiguration(ListenerConfiguration.class).run((context) -> {
			assertThat(amps.server().takeFrame("subscribe", WAIT)).isNotNull();
		});
		ReceivedFrame unsubscribe = amps.server().takeFrame("unsubscribe", WAIT);
		assertThat(unsubscribe).as("an unsubscribe before the client went away").isNotNull();
	}

	@Test
	void templatePublishesWithExpirationAndDeltaAndFlushes() {
		contextRunner().run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			template.publish("template-orders", "{\"id\":1}", Duration.ofSeconds(30));
			ReceivedFrame publish = amps.server().takeFrame("p", WAIT);
			assertThat(publish.topic()).isEqualTo("template-orders");
			assertThat(publish.header("e")).isEqualTo("30");
			template.deltaPublish("template-orders", new Order(2, "X", 5));
			ReceivedFrame delta = amps.server().takeFrame("delta_publish", WAIT);
			assertThat(delta.payload()).isEqualTo("{\"id\":2,\"symbol\":\"X\",\"qty\":5}");
			template.publish("template-orders", "raw".getBytes());
			assertThat(amps.server().takeFrame("p", WAIT).payload()).isEqualTo("raw");
			template.flush(WAIT);
		});
	}

	@Test
	void aRefusedSynchronousOperationThrowsWithAmpsReason() {
		contextRunner().run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			amps.server().enqueue(Fault.failNext("sow", "bad filter"));
			assertThatExceptionOfType(AmpsOperationException.class)
				.isThrownBy(() -> template.sow("template-orders", "/id = 1", Order.class))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("bad filter"));
		});
	}

	@Test
	void templateAndContainerBackOffWithoutASingleClient() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AmpsMessagingAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AmpsTemplate.class)
				.doesNotHaveBean(ClientListenerContainers.class));
	}


}
