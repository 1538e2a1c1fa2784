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


}
