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
 * {@code @EmbeddedAmps} with the JUnit extension declares SOW topics and queues and seeds them before any test runs.
 */
@EmbeddedAmps(sowTopics = @EmbeddedAmps.SowTopic(name = "orders", keys = "/id"),
		queues = @EmbeddedAmps.Queue(name = "jobs", leasePeriod = "30s"),
		seed = { @EmbeddedAmps.Seed(topic = "orders", resource = "classpath:embedded/orders.json"),
				@EmbeddedAmps.Seed(topic = "jobs", resource = "embedded/jobs.jsonl", records = "{\"job\":0}") },
		initializers = EmbeddedAmpsDeclaredTopicsTest.ThirdOrder.class)
class EmbeddedAmpsDeclaredTopicsTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	/** Runs once the server is started: its URI is available, the declared topics are there. */
	static class ThirdOrder implements AmpsTestServerInitializer {

		static volatile String uriSeen;

		@Override
		public void initialize(AmpsTestServer server) {
			uriSeen = server.uri();
			server.seed("orders", "{\"id\":3,\"symbol\":\"IBM\",\"qty\":30}");
		}

	}

	@Test
	void aSowAndSubscribeGetsTheSeededRecordsThenLiveUpdates(AmpsTestServer server) throws Exception {
		assertThat(ThirdOrder.uriSeen).isEqualTo(server.uri());
		try (Client subscriber = Clients.connected(server, "subscriber");
				Client publisher = Clients.connected(server, "publisher")) {
			BlockingQueue<Message> received = new LinkedBlockingQueue<>();
			subscriber.sowAndSubscribe((m) -> received.add(m.copy()), "orders", null, 10, false, 5000);
			assertThat(poll(received).getCommand()).isEqualTo(Message.Command.GroupBegin);
			assertThat(List.of(poll(received).getData(), poll(received).getData(), poll(received).getData()))
				.containsExactlyInAnyOrder("{\"id\":1,\"symbol\":\"MSFT\",\"qty\":100}",
						"{\"id\":2,\"symbol\":\"AAPL\",\"qty\":5}", "{\"id\":3,\"symbol\":\"IBM\",\"qty\":30}");
			assertThat(poll(received).getCommand()).isEqualTo(Message.Command.GroupEnd);
			publisher.publish("orders", "{\"id\":4,\"symbol\":\"ORCL\",\"qty\":1}");
			Message live = poll(received);
			assertThat(live.getCommand()).isEqualTo(Message.Command.Publish);
			assertThat(live.getData()).isEqualTo("{\"id\":4,\"symbol\":\"ORCL\",\"qty\":1}");
		}
	}

	@Test
	void aQueueSubscriberIsLeasedTheSeededMessagesInOrder(AmpsTestServer server) throws Exception {
		try (Client worker = Clients.connected(server, "worker")) {
			BlockingQueue<Message> received = new LinkedBlockingQueue<>();
			worker.subscribe((m) -> received.add(m.copy()), "jobs", null, "max_backlog=3", 5000);
			List<Message> leased = List.of(poll(received), poll(received), poll(received));
			assertThat(leased).extracting(Message::getData)
				.containsExactly("{\"job\":0}", "{\"job\":1}", "{\"job\":2}");
			assertThat(leased).allSatisfy((message) -> assertThat(message.getLeasePeriod()).isNotBlank());
			for (Message message : leased) {
				message.ack();
			}
			worker.flushAcks();
			org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> server.queueContents("jobs").isEmpty());
		}
	}

	private static Message poll(BlockingQueue<Message> received) throws InterruptedException {
		Message message = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(message).as("a message within " + TIMEOUT).isNotNull();
		return message;
	}

}
