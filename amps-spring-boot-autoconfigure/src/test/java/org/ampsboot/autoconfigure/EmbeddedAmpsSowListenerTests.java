package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.ampsboot.AmpsHeader;
import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.EmbeddedAmps;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot test with the starter and {@code @EmbeddedAmps} declaring and seeding a SOW topic: the application's
 * {@code sow_and_subscribe} listener starts with the context and receives the seeded records first, then live
 * publishes. No {@code InitializingBean} and no raw client.
 */
@SpringBootTest(classes = EmbeddedAmpsSowListenerTests.Application.class)
@EmbeddedAmps(sowTopics = @EmbeddedAmps.SowTopic(name = "positions", keys = "/id"),
		seed = @EmbeddedAmps.Seed(topic = "positions", resource = "classpath:embedded/positions.jsonl"))
class EmbeddedAmpsSowListenerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	private PositionWatcher watcher;

	@Autowired
	private AmpsTemplate template;

	@Autowired
	private AmpsTestServer server;

	@Test
	void theSowAndSubscribeListenerReceivesTheSeededRecordsFirstThenLivePublishes() throws InterruptedException {
		assertThat(List.of(this.watcher.next(), this.watcher.next())).containsExactlyInAnyOrder(
				"sow Position[id=1, symbol=MSFT, qty=100]", "sow Position[id=2, symbol=AAPL, qty=5]");
		this.template.publish("positions", new Position(3, "IBM", 30));
		assertThat(this.watcher.next()).isEqualTo("publish Position[id=3, symbol=IBM, qty=30]");
		assertThat(this.server.sowRecords("positions")).hasSize(3);
	}

	record Position(int id, String symbol, int qty) {
	}

	static class PositionWatcher {

		final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

		@AmpsListener(topic = "positions", kind = AmpsListener.Kind.SOW_AND_SUBSCRIBE)
		void onPosition(Position position, @AmpsHeader(AmpsHeader.Field.COMMAND) String command) {
			this.seen.add(command + " " + position);
		}

		String next() throws InterruptedException {
			String next = this.seen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(next).as("a delivery within " + WAIT).isNotNull();
			return next;
		}

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class })
	@Import(PositionWatcher.class)
	static class Application {

	}

}
