package org.ampsboot.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @EmbeddedAmps(transactionLog = ...)} records the declared topics, seeded records included, so that a bookmark
 * subscription from the epoch replays them and then goes live.
 */
@EmbeddedAmps(sowTopics = @EmbeddedAmps.SowTopic(name = "ticks", keys = "/id"), transactionLog = "ticks",
		seed = @EmbeddedAmps.Seed(topic = "ticks", records = { "{\"id\":1}", "{\"id\":2}" }))
class EmbeddedAmpsTransactionLogTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void aBookmarkSubscriptionFromTheEpochReplaysTheSeededRecordsThenGoesLive(AmpsTestServer server)
			throws Exception {
		try (Client subscriber = Clients.connected(server, "subscriber");
				Client publisher = Clients.connected(server, "publisher")) {
			BlockingQueue<Message> received = new LinkedBlockingQueue<>();
			subscriber.bookmarkSubscribe((m) -> received.add(m.copy()), "ticks", null, null, "0", null, 5000);
			List<Message> replayed = List.of(poll(received), poll(received));
			assertThat(replayed).extracting(Message::getData).containsExactly("{\"id\":1}", "{\"id\":2}");
			assertThat(replayed).allSatisfy((message) -> assertThat(message.getBookmark()).isNotBlank());
			publisher.publish("ticks", "{\"id\":3}");
			Message live = poll(received);
			assertThat(live.getData()).isEqualTo("{\"id\":3}");
			assertThat(live.getBookmark()).isNotBlank().isNotEqualTo(replayed.get(1).getBookmark());
		}
	}

	private static Message poll(BlockingQueue<Message> received) throws InterruptedException {
		Message message = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(message).as("a message within " + TIMEOUT).isNotNull();
		return message;
	}

}
