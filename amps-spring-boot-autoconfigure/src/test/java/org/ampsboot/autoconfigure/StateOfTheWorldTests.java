package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.ampsboot.AmpsHeader;
import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsOperationException;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.test.AmpsTestServerExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * State of the World through the template and through {@code sow_and_subscribe} listeners, with
 * the real client against the test server.
 */
class StateOfTheWorldTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final AmpsTestServerExtension amps = new AmpsTestServerExtension();

	record Position(int id, String symbol, int qty) {
	}

	private ApplicationContextRunner contextRunner() {
		this.amps.server().sowTopic("positions", "/id");
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + this.amps.server().uri());
	}

	@Test
	void templateQueriesTheStateOfTheWorldIntoObjectsWithAFilter() {
		contextRunner().run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			template.publish("positions", new Position(1, "MSFT", 100));
			template.publish("positions", new Position(2, "AAPL", 5));
			template.publish("positions", new Position(1, "MSFT", 150));
			template.flush(WAIT);
			assertThat(template.sow("positions", null, Position.class))
				.containsExactlyInAnyOrder(new Position(1, "MSFT", 150), new Position(2, "AAPL", 5));
			assertThat(template.sow("positions", "/qty > 10", Position.class)).containsExactly(new Position(1, "MSFT", 150));
			try (Stream<String> raw = template.sowStream("positions", "/symbol = 'AAPL'", String.class)) {
				assertThat(raw).containsExactly("{\"id\":2,\"symbol\":\"AAPL\",\"qty\":5}");
			}
		});
	}

	@Test
	void aSowOnATopicWithoutStateOfTheWorldFailsWithAmpsReason() {
		contextRunner().run((context) -> assertThatExceptionOfType(AmpsOperationException.class)
			.isThrownBy(() -> context.getBean(AmpsTemplate.class).sow("no-sow-here", null, String.class))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("invalid topic")));
	}

	static class PositionWatcher {

		final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

		@AmpsListener(topic = "positions", filter = "/qty > 10", kind = AmpsListener.Kind.SOW_AND_SUBSCRIBE,
				options = "oof")
		void onPosition(Position position, @AmpsHeader(AmpsHeader.Field.COMMAND) String command,
				@AmpsHeader(AmpsHeader.Field.SOW_KEY) String sowKey) {
			this.seen.add(command + " " + position + " key=" + (sowKey != null && !sowKey.isEmpty()));
		}

		String next() throws InterruptedException {
			String next = this.seen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(next).as("a delivery").isNotNull();
			return next;
		}

	}

	@Test
	void aSowAndSubscribeListenerGetsTheStateThenUpdatesThenOutOfFocusNotices() {
		contextRunner().withBean(PositionWatcher.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			PositionWatcher watcher = context.getBean(PositionWatcher.class);
			assertThat(watcher.seen).isEmpty();
			template.publish("positions", new Position(3, "IBM", 50));
			assertThat(watcher.next()).isEqualTo("publish Position[id=3, symbol=IBM, qty=50] key=true");
			template.publish("positions", new Position(3, "IBM", 5));
			assertThat(watcher.next()).startsWith("oof ");
		});
	}

	@Test
	void aSowAndSubscribeListenerStartsWithTheCurrentRecords() {
		ApplicationContextRunner runner = contextRunner();
		runner.run((context) -> {
			context.getBean(AmpsTemplate.class).publish("positions", new Position(7, "ORCL", 70));
			context.getBean(AmpsTemplate.class).flush(WAIT);
		});
		runner.withBean(PositionWatcher.class).run((context) -> {
			PositionWatcher watcher = context.getBean(PositionWatcher.class);
			assertThat(watcher.next()).isEqualTo("sow Position[id=7, symbol=ORCL, qty=70] key=true");
		});
	}


	@Test
	void deltaPublishMergesIntoTheRecordAndDeltaListenersSeeOnlyWhatChanged() {
		contextRunner().withBean(DeltaWatcher.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			DeltaWatcher watcher = context.getBean(DeltaWatcher.class);
			template.publish("positions", new Position(9, "NVDA", 10));
			assertThat(watcher.next()).isEqualTo("{\"id\":9,\"symbol\":\"NVDA\",\"qty\":10}");
			template.deltaPublish("positions", "{\"id\":9,\"qty\":20}");
			String delta = watcher.next();
			assertThat(delta).contains("\"qty\":20").doesNotContain("NVDA");
			assertThat(template.sow("positions", "/id = 9", Position.class)).containsExactly(new Position(9, "NVDA", 20));
		});
	}

	static class DeltaWatcher {

		final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

		@AmpsListener(topic = "positions", kind = AmpsListener.Kind.DELTA_SUBSCRIBE)
		void onChange(String json) {
			this.seen.add(json);
		}

		String next() throws InterruptedException {
			String next = this.seen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(next).as("a delivery").isNotNull();
			return next;
		}

	}

	@Test
	void sowDeletesByFilterKeysAndDataReturnTheCountAmpsReports() {
		contextRunner().run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			for (int id = 1; id <= 5; id++) {
				template.publish("positions", new Position(id, (id % 2 == 0) ? "EVEN" : "ODD", id));
			}
			template.flush(WAIT);
			assertThat(template.sowDelete("positions", "/symbol = 'EVEN'")).isEqualTo(2);
			assertThat(template.sowDeleteByData("positions", new Position(1, "ODD", 1))).isEqualTo(1);
			assertThat(template.sowDeleteByKeys("positions", sowKeyOf(context, 3))).isEqualTo(1);
			assertThat(template.sow("positions", null, Position.class)).containsExactly(new Position(5, "ODD", 5));
			assertThat(template.sowDelete("positions", "/id = 42")).isZero();
		});
	}

	private static String sowKeyOf(org.springframework.context.ApplicationContext context, int id) throws Exception {
		com.crankuptheamps.client.Client client = context.getBean(com.crankuptheamps.client.Client.class);
		try (com.crankuptheamps.client.MessageStream stream = client
			.execute(new com.crankuptheamps.client.Command("sow").setTopic("positions").setFilter("/id = " + id))) {
			for (com.crankuptheamps.client.Message message : stream) {
				if (message.getCommand() == com.crankuptheamps.client.Message.Command.SOW) {
					return message.getSowKey();
				}
			}
		}
		throw new AssertionError("no record " + id);
	}

}
