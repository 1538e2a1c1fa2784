package org.ampsboot.test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link AmpsTestServer#seed(String, String...)}: records put into the server without a client, as a publish of them
 * would be.
 */
class SeedTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void seededRecordsAreStoredByKeyAsPublishesWouldBeALaterOneReplacingAnEarlierOne() {
		try (AmpsTestServer server = new AmpsTestServer().sowTopic("orders", "/id")) {
			server.seed("orders", "{\"id\":1,\"qty\":1}", "{\"id\":2,\"qty\":2}", "{\"id\":1,\"qty\":10}");
			assertThat(server.sowRecords("orders")).containsExactly("{\"id\":1,\"qty\":10}", "{\"id\":2,\"qty\":2}");
		}
	}

	@Test
	void aRecordSeededWhileASubscriberIsThereIsDeliveredToIt() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().sowTopic("orders", "/id").start();
				Client subscriber = Clients.connected(server, "subscriber")) {
			BlockingQueue<Message> received = new LinkedBlockingQueue<>();
			subscriber.subscribe((m) -> received.add(m.copy()), "orders", 5000);
			server.seed("orders", "{\"id\":7}");
			Message message = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(message).isNotNull();
			assertThat(message.getData()).isEqualTo("{\"id\":7}");
			assertThat(message.getSowKey()).isNotBlank();
		}
	}

	@Test
	void seedingAQueueQueuesTheMessages() {
		try (AmpsTestServer server = new AmpsTestServer().queue("jobs", Duration.ofSeconds(30))) {
			server.seed("jobs", "{\"job\":1}", "{\"job\":2}");
			assertThat(server.queueContents("jobs")).containsExactly("{\"job\":1}", "{\"job\":2}");
		}
	}

	@Test
	void seedingATopicThatIsNeitherASowTopicNorAQueueIsRefused() {
		try (AmpsTestServer server = new AmpsTestServer()) {
			assertThatIllegalArgumentException().isThrownBy(() -> server.seed("orders", "{\"id\":1}"))
				.withMessage("Cannot seed 'orders': it is not a SOW topic or queue of this server; declare it first "
						+ "with sowTopic(...) or queue(...)");
		}
	}

	@Test
	void aRecordAPublishWouldBeRefusedForIsRefusedWithThePublishReasonAndTheRecordsBeforeItStay() {
		try (AmpsTestServer server = new AmpsTestServer().sowTopic("orders", "/id")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> server.seed("orders", "{\"id\":1}", "{\"qty\":2}", "{\"id\":3}"))
				.withMessage("Cannot seed 'orders' with message 2 of 3 ({\"qty\":2}): a publish of it is refused "
						+ "with 'bad sow key'");
			assertThatIllegalArgumentException().isThrownBy(() -> server.seed("orders", "{\"id\":"))
				.withMessageContaining("refused with 'parse error'");
			assertThat(server.sowRecords("orders")).containsExactly("{\"id\":1}");
		}
	}

}
