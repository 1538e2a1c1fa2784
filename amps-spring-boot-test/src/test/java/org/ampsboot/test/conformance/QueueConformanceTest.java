package org.ampsboot.test.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.CommandId;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.ampsboot.test.conformance.AmpsUnderTest.poll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message queues as 60East documents them: a queue subscription's acks come before its deliveries (User Guide,
 * "Messages in AMPS": AMPS "returns an ack message when the subscription is processed ... and then begins providing
 * publish messages"); an acknowledgement is a {@code sow_delete} with the bookmark (Command Reference, "sow_delete");
 * under AMPS's default leasing model ({@code sublet}) a client other than the lease holder may acknowledge (issue 12,
 * 60East page not found in the stored docs); replacing a queue subscription keeps its leases and applies its new
 * filter and backlog (User Guide, "Replacing Queue Subscriptions"); a {@code sow} of a queue returns the available
 * messages and neither leases nor removes them (User Guide, "Advanced Messaging and Queues", "Querying Queues as a
 * View").
 *
 * <p>On a real AMPS the queue {@code conformance-jobs} must be configured (at-least-once, JSON, a lease period of at
 * least 30 seconds) and be empty when a test starts.
 */
class QueueConformanceTest {

	private static final String JOBS = "conformance-jobs";

	private static final Duration SHORT = Duration.ofMillis(300);

	@RegisterExtension
	final AmpsUnderTest amps = new AmpsUnderTest();

	@BeforeEach
	void declareQueue() {
		this.amps.queue(JOBS, Duration.ofSeconds(30));
	}

	private void publishJobs(Client publisher, int... jobs) throws Exception {
		for (int job : jobs) {
			publisher.publish(JOBS, "{\"job\":" + job + "}");
		}
		publisher.publishFlush(AmpsUnderTest.TIMEOUT.toMillis());
	}

	private static String job(int job) {
		return "{\"job\":" + job + "}";
	}

	private static void ack(Client client, Message message) throws Exception {
		client.ack(JOBS, message.getBookmark());
		client.flushAcks();
	}

	/** The payloads a {@code sow} of the queue returns, once its {@code group_end} arrived. */
	private static List<String> query(Client client) throws Exception {
		BlockingQueue<Message> got = new LinkedBlockingQueue<>();
		client.executeAsync(new Command(Message.Command.SOW).setTopic(JOBS), (m) -> got.add(m.copy()));
		List<String> records = new ArrayList<>();
		while (true) {
			Message message = poll(got);
			if (message.getCommand() == Message.Command.GroupEnd) {
				return records;
			}
			if (message.getCommand() == Message.Command.SOW) {
				records.add(message.getData());
			}
		}
	}

	@Test
	void subscriptionToAQueueWithWaitingMessagesGetsThemAfterItsAckThroughItsOwnHandler() throws Exception {
		publishJobs(this.amps.client("publisher"), 1, 2);
		Client worker = this.amps.client("worker");
		BlockingQueue<Message> lastChance = new LinkedBlockingQueue<>();
		worker.setLastChanceMessageHandler((m) -> lastChance.add(m.copy()));
		BlockingQueue<Message> got = new LinkedBlockingQueue<>();

		worker.subscribe((m) -> got.add(m.copy()), JOBS, null, "max_backlog=2", AmpsUnderTest.TIMEOUT.toMillis());

		Message first = poll(got);
		Message second = poll(got);
		assertThat(List.of(first.getData(), second.getData())).containsExactly(job(1), job(2));
		assertThat(lastChance).as("messages the client could not route to the subscription").isEmpty();
		ack(worker, first);
		ack(worker, second);
	}

	@Test
	void acknowledgementFromAClientThatDoesNotHoldTheLeaseRemovesTheMessage() throws Exception {
		Client worker = this.amps.client("worker");
		Client other = this.amps.client("other");
		BlockingQueue<Message> got = new LinkedBlockingQueue<>();
		worker.subscribe((m) -> got.add(m.copy()), JOBS, AmpsUnderTest.TIMEOUT.toMillis());
		publishJobs(this.amps.client("publisher"), 1, 2);
		Message leased = poll(got);
		assertThat(leased.getData()).isEqualTo(job(1));
		assertThat(got.poll(SHORT.toMillis(), TimeUnit.MILLISECONDS)).as("backlog of 1 is full").isNull();

		ack(other, leased);

		Message next = poll(got);
		assertThat(next.getData()).as("job 1 is gone and the worker's backlog has room again").isEqualTo(job(2));
		assertThat(query(other)).as("available messages").isEmpty();
		ack(worker, next);
	}

	@Test
	void replacingAQueueSubscriptionKeepsItsLeasesAndAppliesTheNewFilterAndBacklog() throws Exception {
		Client worker = this.amps.client("worker");
		BlockingQueue<Message> got = new LinkedBlockingQueue<>();
		CommandId subId = worker.executeAsync(
				new Command(Message.Command.Subscribe).setTopic(JOBS).setOptions("max_backlog=2"),
				(m) -> got.add(m.copy()));
		publishJobs(this.amps.client("publisher"), 1, 2, 3, 4);
		Message first = poll(got);
		Message second = poll(got);
		assertThat(List.of(first.getData(), second.getData())).containsExactly(job(1), job(2));

		worker.executeAsync(new Command(Message.Command.Subscribe).setTopic(JOBS)
			.setSubId(subId)
			.setFilter("/job = 4")
			.setOptions("replace,max_backlog=3"), (m) -> got.add(m.copy()));

		Message fourth = poll(got);
		assertThat(fourth.getData()).as("only the new filter's message, in the room the new backlog gives")
			.isEqualTo(job(4));
		assertThat(got.poll(SHORT.toMillis(), TimeUnit.MILLISECONDS)).as("jobs 1 and 2 are not delivered again")
			.isNull();
		Client other = this.amps.client("other");
		BlockingQueue<Message> otherGot = new LinkedBlockingQueue<>();
		other.subscribe((m) -> otherGot.add(m.copy()), JOBS, null, "max_backlog=3", AmpsUnderTest.TIMEOUT.toMillis());
		Message third = poll(otherGot);
		assertThat(third.getData()).isEqualTo(job(3));
		assertThat(otherGot.poll(SHORT.toMillis(), TimeUnit.MILLISECONDS))
			.as("jobs 1 and 2 are still leased to the replaced subscription").isNull();
		ack(worker, first);
		ack(worker, second);
		ack(worker, fourth);
		ack(other, third);
		assertThat(query(other)).as("every ack counted, those of leases taken before the replace too").isEmpty();
		assertThat(otherGot.poll(SHORT.toMillis(), TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void queryOfAQueueReturnsItsAvailableMessagesWithoutLeasingOrRemovingThem() throws Exception {
		publishJobs(this.amps.client("publisher"), 1, 2);
		Client reader = this.amps.client("reader");

		assertThat(query(reader)).containsExactly(job(1), job(2));
		assertThat(query(reader)).as("a query removes nothing").containsExactly(job(1), job(2));

		Client worker = this.amps.client("worker");
		BlockingQueue<Message> got = new LinkedBlockingQueue<>();
		worker.subscribe((m) -> got.add(m.copy()), JOBS, null, "max_backlog=2", AmpsUnderTest.TIMEOUT.toMillis());
		Message first = poll(got);
		Message second = poll(got);
		assertThat(List.of(first.getData(), second.getData())).as("the query leased nothing")
			.containsExactly(job(1), job(2));
		ack(worker, first);
		ack(worker, second);
	}

}
