package org.ampsboot.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.ampsboot.test.TestServerFixture.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Message queues with the real client's queue support, checked against the AMPS documentation: User Guide "Message
 * Queues" (leases, acknowledgement, redelivery), the Java client guide's "Backlog and Smart Pipelining" (max_backlog,
 * 1 by default), "Acknowledging Messages" / "Returning a Message to the Queue" (sow_delete with the bookmark, the
 * cancel option, auto-ack with an ack batch size) and the Command Reference's "sow_delete" (bookmarks, comma list).
 */
class QueueTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	final TestServerFixture fixture = new TestServerFixture((server) -> server.queue("jobs", Duration.ofSeconds(30)));

	private AmpsTestServer server() {
		return this.fixture.server();
	}

	private void publishJobs(Client publisher, int count) throws Exception {
		for (int i = 1; i <= count; i++) {
			publisher.publish("jobs", "{\"job\":" + i + "}");
		}
		publisher.publishFlush(5000);
	}

	@Test
	@DisplayName("Each message goes to one subscriber, at most max_backlog unacknowledged per subscription, with a "
			+ "lease and its own bookmark; an ack (client.ack) frees room for the next (User Guide: Message Queues; "
			+ "Java client guide: Backlog and Smart Pipelining)")
	void leasedToOneSubscriberWithinTheBacklog() throws Exception {
		Client first = this.fixture.client("worker-1");
		Client second = this.fixture.client("worker-2");
		BlockingQueue<Message> firstGot = new LinkedBlockingQueue<>();
		BlockingQueue<Message> secondGot = new LinkedBlockingQueue<>();
		first.subscribe((m) -> firstGot.add(m.copy()), "jobs", null, "max_backlog=2", 5000);
		second.subscribe((m) -> secondGot.add(m.copy()), "jobs", null, "max_backlog=2", 5000);
		assertThat(server().takeFrame("subscribe", TIMEOUT).header("opts")).isEqualTo("max_backlog=2");
		publishJobs(this.fixture.client("publisher"), 6);

		List<Message> delivered = List.of(poll(firstGot), poll(firstGot), poll(secondGot), poll(secondGot));
		assertThat(delivered).extracting(Message::getData)
			.containsExactlyInAnyOrder("{\"job\":1}", "{\"job\":2}", "{\"job\":3}", "{\"job\":4}");
		assertThat(delivered).extracting(Message::getBookmark).doesNotHaveDuplicates().allMatch((b) -> !b.isBlank());
		assertThat(delivered).extracting(Message::getLeasePeriod).allMatch((lp) -> lp.matches("\\d{8}T\\d{6}\\.\\d{6}Z"));
		assertThat(firstGot.poll(100, TimeUnit.MILLISECONDS)).as("backlog full").isNull();
		assertThat(server().queueContents("jobs")).hasSize(6);

		Message done = delivered.get(0);
		first.ack("jobs", done.getBookmark());
		first.flushAcks();
		assertThat(poll(firstGot).getData()).isIn("{\"job\":5}", "{\"job\":6}");
		ReceivedFrame ack = server().takeFrame("sow_delete", TIMEOUT);
		assertThat(ack.topic()).isEqualTo("jobs");
		assertThat(ack.header("bookmark")).isEqualTo(done.getBookmark());
		await().atMost(TIMEOUT).until(() -> !server().queueContents("jobs").contains(done.getData()));
		assertThat(server().queueContents("jobs")).hasSize(5);
	}

	@Test
	@DisplayName("Without max_backlog a subscription holds one message at a time (Java client guide: Backlog and "
			+ "Smart Pipelining: 'AMPS uses a max_backlog of 1'); message.ack() releases it")
	void defaultBacklogIsOne() throws Exception {
		Client worker = this.fixture.client("worker");
		BlockingQueue<Message> got = new LinkedBlockingQueue<>();
		BlockingQueue<String> acked = new LinkedBlockingQueue<>();
		worker.subscribe((m) -> {
			got.add(m.copy());
			if (m.getData().contains("\"ack\":true")) {
				try {
					m.ack();
					worker.flushAcks();
					acked.add(m.getBookmark());
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}, "jobs", 5000);
		Client publisher = this.fixture.client("publisher");
		publisher.publish("jobs", "{\"job\":1,\"ack\":true}");
		publisher.publish("jobs", "{\"job\":2}");
		publisher.publish("jobs", "{\"job\":3}");
		assertThat(poll(got).getData()).isEqualTo("{\"job\":1,\"ack\":true}");
		assertThat(poll(got).getData()).isEqualTo("{\"job\":2}");
		assertThat(got.poll(100, TimeUnit.MILLISECONDS)).as("job 2 not acknowledged, so job 3 waits").isNull();
		assertThat(server().takeFrame("sow_delete", TIMEOUT).header("bookmark")).isEqualTo(acked.poll());
		assertThat(server().queueContents("jobs")).containsExactly("{\"job\":2}", "{\"job\":3}");
	}

	@Test
	@DisplayName("With auto-ack and an ack batch size the client acknowledges several bookmarks in one sow_delete; "
			+ "all are removed (Java client guide: Acknowledging Messages; Command Reference: sow_delete)")
	void autoAckInBatches() throws Exception {
		Client worker = this.fixture.client("worker");
		worker.setAutoAck(true);
		worker.setAckBatchSize(3);
		BlockingQueue<Message> got = new LinkedBlockingQueue<>();
		worker.subscribe((m) -> got.add(m.copy()), "jobs", null, "max_backlog=10", 5000);
		publishJobs(this.fixture.client("publisher"), 5);
		List<String> bookmarks = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			Message message = poll(got);
			assertThat(message.getData()).isEqualTo("{\"job\":" + i + "}");
			bookmarks.add(message.getBookmark());
		}
		ReceivedFrame batch = server().takeFrame("sow_delete", TIMEOUT);
		assertThat(batch.header("bookmark")).isEqualTo(String.join(",", bookmarks.subList(0, 3)));
		worker.flushAcks();
		await().atMost(TIMEOUT).until(() -> server().queueContents("jobs").isEmpty());
		assertThat(server().takeFrame("sow_delete", TIMEOUT).header("bookmark"))
			.isEqualTo(String.join(",", bookmarks.subList(3, 5)));
	}

	@Test
	@DisplayName("Acknowledging with the cancel option returns the message to the queue and it is delivered again "
			+ "(developer guides: Returning a Message to the Queue)")
	void cancelReturnsTheMessage() throws Exception {
		Client worker = this.fixture.client("worker");
		BlockingQueue<Message> got = new LinkedBlockingQueue<>();
		AtomicInteger deliveries = new AtomicInteger();
		worker.subscribe((m) -> {
			got.add(m.copy());
			try {
				if (deliveries.incrementAndGet() == 1) {
					m.ack("cancel");
				}
				else {
					m.ack();
				}
				worker.flushAcks();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, "jobs", 5000);
		this.fixture.client("publisher").publish("jobs", "{\"job\":1}");
		Message first = poll(got);
		Message again = poll(got);
		assertThat(again.getData()).isEqualTo(first.getData());
		assertThat(again.getBookmark()).isEqualTo(first.getBookmark());
		ReceivedFrame cancel = server().takeFrame("sow_delete", TIMEOUT);
		assertThat(cancel.header("opts")).isEqualTo("cancel");
		await().atMost(TIMEOUT).until(() -> server().queueContents("jobs").isEmpty());
	}

	@Test
	@DisplayName("With auto-ack, an exception in the handler cancels the message, which is delivered again "
			+ "(developer guides: Returning a Message to the Queue)")
	void handlerExceptionCancelsWithAutoAck() throws Exception {
		Client worker = this.fixture.client("worker");
		worker.setAutoAck(true);
		worker.setAckBatchSize(1);
		BlockingQueue<Message> got = new LinkedBlockingQueue<>();
		AtomicInteger deliveries = new AtomicInteger();
		worker.subscribe((m) -> {
			got.add(m.copy());
			if (deliveries.incrementAndGet() == 1) {
				throw new IllegalStateException("failing the first delivery on purpose");
			}
		}, "jobs", 5000);
		this.fixture.client("publisher").publish("jobs", "{\"job\":1}");
		assertThat(poll(got).getData()).isEqualTo("{\"job\":1}");
		assertThat(poll(got).getData()).isEqualTo("{\"job\":1}");
		await().atMost(TIMEOUT).until(() -> server().queueContents("jobs").isEmpty());
	}

	@Test
	@DisplayName("A lease that expires returns the message to the queue, and it is delivered again, here to the "
			+ "other subscriber (User Guide: Message Queues, lease period)")
	void expiredLeaseIsRedelivered() throws Exception {
		server().queue("tasks", Duration.ofMillis(300));
		Client slow = this.fixture.client("slow");
		Client fast = this.fixture.client("fast");
		BlockingQueue<Message> slowGot = new LinkedBlockingQueue<>();
		BlockingQueue<Message> fastGot = new LinkedBlockingQueue<>();
		slow.subscribe((m) -> slowGot.add(m.copy()), "tasks", 5000);
		fast.subscribe((m) -> {
			fastGot.add(m.copy());
			try {
				m.ack();
				fast.flushAcks();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, "tasks", "/urgent = 1", null, 5000);
		Client publisher = this.fixture.client("publisher");
		publisher.publish("tasks", "{\"task\":1}");
		Message leased = poll(slowGot);
		publisher.publish("tasks", "{\"task\":2,\"urgent\":1}");
		assertThat(poll(fastGot).getData()).isEqualTo("{\"task\":2,\"urgent\":1}");
		// task 1 stays with slow (the fast one's filter does not take it) and comes back after each lease
		Message redelivered = poll(slowGot);
		assertThat(redelivered.getData()).isEqualTo(leased.getData());
		assertThat(redelivered.getBookmark()).isEqualTo(leased.getBookmark());
		slow.ack("tasks", redelivered.getBookmark());
		slow.flushAcks();
		await().atMost(TIMEOUT).until(() -> server().queueContents("tasks").isEmpty());
	}

	@Test
	@DisplayName("When the subscriber holding a lease goes away, its message is delivered to another subscriber "
			+ "(User Guide: Message Queues)")
	void messagesOfAClosedSubscriberAreRedelivered() throws Exception {
		Client leaving = this.fixture.client("leaving");
		BlockingQueue<Message> leavingGot = new LinkedBlockingQueue<>();
		leaving.subscribe((m) -> leavingGot.add(m.copy()), "jobs", 5000);
		this.fixture.client("publisher").publish("jobs", "{\"job\":1}");
		Message held = poll(leavingGot);
		Client staying = this.fixture.client("staying");
		BlockingQueue<Message> stayingGot = new LinkedBlockingQueue<>();
		staying.subscribe((m) -> stayingGot.add(m.copy()), "jobs", 5000);
		assertThat(stayingGot.poll(100, TimeUnit.MILLISECONDS)).isNull();
		leaving.close();
		Message redelivered = poll(stayingGot);
		assertThat(redelivered.getData()).isEqualTo("{\"job\":1}");
		assertThat(redelivered.getBookmark()).isEqualTo(held.getBookmark());
	}

	@Test
	@DisplayName("A queue acknowledgement on a topic that is not a queue is 'invalid topic'; bad declarations are "
			+ "refused (Command Reference: sow_delete, bookmarks only for queues)")
	void acknowledgementsOutsideQueuesAndDeclarations() throws Exception {
		try (RawAmpsClient raw = new RawAmpsClient(server())) {
			raw.logon("raw");
			raw.send("{\"c\":\"sow_delete\",\"t\":\"orders\",\"cid\":\"d1\",\"a\":\"processed\",\"bookmark\":\"1|2|\"}", "");
			RawAmpsClient.Frame refused = raw.read();
			assertThat(refused.get("status")).isEqualTo("failure");
			assertThat(refused.get("reason")).isEqualTo("invalid topic");
			raw.send("{\"c\":\"sow_delete\",\"t\":\"jobs\",\"cid\":\"d2\",\"a\":\"processed,stats\",\"bookmark\":\"9|9|\"}", "");
			assertThat(raw.read().get("a")).isEqualTo("processed");
			assertThat(raw.read().get("records_deleted")).isEqualTo("0");
		}
		server().queue("jobs", Duration.ofSeconds(30));
		assertThatIllegalStateException().isThrownBy(() -> server().queue("jobs", Duration.ofSeconds(1)));
		assertThatIllegalStateException().isThrownBy(() -> server().sowTopic("jobs", "/id"));
		assertThatIllegalStateException().isThrownBy(() -> server().sowTopic("orders", "/id").queue("orders",
				Duration.ofSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> server().queue("jobs.*", Duration.ofSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> server().queue("x", Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> server().queueContents("orders"));
	}

}
