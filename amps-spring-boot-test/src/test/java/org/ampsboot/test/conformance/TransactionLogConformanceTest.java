package org.ampsboot.test.conformance;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.IntStream;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.MemoryBookmarkStore;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageStream;
import com.crankuptheamps.client.MessageHandler;
import com.crankuptheamps.client.exception.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.ampsboot.test.conformance.AmpsUnderTest.TIMEOUT;
import static org.ampsboot.test.conformance.AmpsUnderTest.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The transaction log and bookmark subscriptions, as the AMPS User Guide's "Replaying Messages with Bookmark
 * Subscription" describes: a bookmark subscription gets the recorded messages after its bookmark that match its
 * topic and filter, "in the order in which they were recorded to the transaction log", then the live ones; a
 * {@code completed} ack marks the end of the replay ("Bookmark Subscriptions and Completed Acknowledgments"); a
 * bookmark subscription to a topic that is not recorded fails ("AMPS returns an error"); messages of topics not
 * recorded carry no bookmark ("a bookmark ... is added by AMPS to each message recorded in the transaction log").
 * The special bookmarks {@code 0} (epoch), {@code 0|1|} (now), timestamps and {@code recent} are the AMPS client's
 * {@code Client.Bookmarks} values as the 5.3.5.3 client sends them; pause and resume: issue 12 (60East page not
 * found in the stored docs).
 */
class TransactionLogConformanceTest {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	@RegisterExtension
	final AmpsUnderTest amps = new AmpsUnderTest();

	private final String orders = this.amps.topic("txlog-orders");

	private static String order(int id) {
		return "{\"id\":" + id + "}";
	}

	private static List<String> orders(int from, int to) {
		return IntStream.rangeClosed(from, to).mapToObj(TransactionLogConformanceTest::order).toList();
	}

	private static void publish(Client publisher, String topic, int from, int to) throws Exception {
		for (int id = from; id <= to; id++) {
			publisher.publish(topic, order(id));
		}
		publisher.publishFlush(TIMEOUT.toMillis());
	}

	private static Command bookmarkSubscribe(String topic, String subId, String bookmark) {
		return new Command("subscribe").setTopic(topic).setSubId(subId).setBookmark(bookmark);
	}

	private static MessageHandler into(List<String> received) {
		return (message) -> {
			if (message.getCommand() == Message.Command.Publish) {
				received.add(message.getData());
			}
		};
	}

	@Test
	void replayFromTheEpochThenLiveMessagesWithNoGapAndNoDuplicateWhilePublishingGoesOn() throws Exception {
		this.amps.transactionLog(this.orders);
		Client publisher = this.amps.client("publisher");
		Client subscriber = this.amps.client("subscriber");
		publish(publisher, this.orders, 1, 200);
		List<String> received = new CopyOnWriteArrayList<>();
		Thread during = new Thread(() -> {
			try {
				publish(publisher, this.orders, 201, 400);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		during.start();
		subscriber.executeAsync(bookmarkSubscribe(this.orders, "from-epoch", Client.Bookmarks.EPOCH), into(received));
		during.join(TIMEOUT.toMillis());
		publish(publisher, this.orders, 401, 450);

		await().atMost(TIMEOUT).until(() -> received.size() >= 450);
		assertThat(received).containsExactlyElementsOf(orders(1, 450));
	}

	@Test
	void replayFromABookmarkStartsWithTheMessageAfterIt() throws Exception {
		this.amps.transactionLog(this.orders);
		Client publisher = this.amps.client("publisher");
		Client subscriber = this.amps.client("subscriber");
		publish(publisher, this.orders, 1, 5);
		BlockingQueue<Message> all = new LinkedBlockingQueue<>();
		subscriber.executeAsync(bookmarkSubscribe(this.orders, "all", Client.Bookmarks.EPOCH),
				(message) -> all.add(message.copy()));
		poll(all);
		String secondBookmark = poll(all).getBookmark();
		assertThat(secondBookmark).isNotBlank();

		List<String> received = new CopyOnWriteArrayList<>();
		subscriber.executeAsync(bookmarkSubscribe(this.orders, "after-second", secondBookmark), into(received));

		await().atMost(TIMEOUT).until(() -> received.size() >= 3);
		assertThat(received).containsExactlyElementsOf(orders(3, 5));
	}

	@Test
	void nowBookmarkReplaysNothingAndDeliversWhatIsPublishedAfterwards() throws Exception {
		this.amps.transactionLog(this.orders);
		Client publisher = this.amps.client("publisher");
		Client subscriber = this.amps.client("subscriber");
		publish(publisher, this.orders, 1, 3);
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		subscriber.executeAsync(bookmarkSubscribe(this.orders, "now", Client.Bookmarks.NOW),
				(message) -> received.add(message.copy()));

		publish(publisher, this.orders, 4, 4);

		assertThat(poll(received).getData()).isEqualTo(order(4));
	}

	@Test
	void timestampBookmarkReplaysWhatWasRecordedFromThatTimeOn() throws Exception {
		this.amps.transactionLog(this.orders);
		Client publisher = this.amps.client("publisher");
		Client subscriber = this.amps.client("subscriber");
		publish(publisher, this.orders, 1, 1);
		Instant afterFirst = Instant.now();
		// the timestamp has whole seconds: wait for the next second, so that order 1 is before it
		await().atMost(TIMEOUT).until(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).isAfter(afterFirst));
		String timestamp = TIMESTAMP.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		publish(publisher, this.orders, 2, 3);

		List<String> received = new CopyOnWriteArrayList<>();
		subscriber.executeAsync(bookmarkSubscribe(this.orders, "since", timestamp), into(received));

		await().atMost(TIMEOUT).until(() -> received.size() >= 2);
		assertThat(received).containsExactlyElementsOf(orders(2, 3));
	}

	@Test
	void recentResumesAfterTheLastMessageDiscardedFromAMemoryBookmarkStore() throws Exception {
		this.amps.transactionLog(this.orders);
		Client publisher = this.amps.client("publisher");
		Client subscriber = this.amps.unconnectedClient("resuming");
		subscriber.setBookmarkStore(new MemoryBookmarkStore());
		subscriber.connect(this.amps.uri());
		subscriber.logon(TIMEOUT.toMillis());
		List<String> received = new CopyOnWriteArrayList<>();
		MessageHandler discarding = (message) -> {
			if (message.getCommand() == Message.Command.Publish) {
				received.add(message.getData());
				try {
					subscriber.getBookmarkStore().discard(message);
				}
				catch (com.crankuptheamps.client.exception.AMPSException ex) {
					throw new IllegalStateException(ex);
				}
			}
		};
		subscriber.executeAsync(bookmarkSubscribe(this.orders, "resumable", Client.Bookmarks.MOST_RECENT), discarding);
		publish(publisher, this.orders, 1, 3);
		await().atMost(TIMEOUT).until(() -> received.size() >= 3);
		subscriber.unsubscribe(new com.crankuptheamps.client.CommandId("resumable"));
		publish(publisher, this.orders, 4, 5);

		subscriber.executeAsync(bookmarkSubscribe(this.orders, "resumable", Client.Bookmarks.MOST_RECENT), discarding);

		await().atMost(TIMEOUT).until(() -> received.size() >= 5);
		assertThat(received).containsExactlyElementsOf(orders(1, 5));
	}

	@Test
	void completedAckFollowsTheReplayAndPrecedesNewPublishes() throws Exception {
		this.amps.transactionLog(this.orders);
		Client publisher = this.amps.client("publisher");
		Client subscriber = this.amps.client("subscriber");
		publish(publisher, this.orders, 1, 3);
		List<String> events = new CopyOnWriteArrayList<>();
		subscriber.executeAsync(bookmarkSubscribe(this.orders, "with-completed", Client.Bookmarks.EPOCH)
			.addAckType(Message.AckType.Completed), (message) -> {
				if (message.getCommand() == Message.Command.Publish) {
					events.add(message.getData());
				}
				else if (message.getCommand() == Message.Command.Ack
						&& message.getAckType() == Message.AckType.Completed) {
					events.add("completed");
				}
			});
		await().atMost(TIMEOUT).until(() -> events.contains("completed"));
		publish(publisher, this.orders, 4, 4);

		await().atMost(TIMEOUT).until(() -> events.size() >= 5);
		assertThat(events).containsExactly(order(1), order(2), order(3), "completed", order(4));
	}

	@Test
	void pausedBookmarkSubscriptionGetsWhatWasPublishedMeanwhileOnResume() throws Exception {
		this.amps.transactionLog(this.orders);
		Client publisher = this.amps.client("publisher");
		Client subscriber = this.amps.client("subscriber");
		List<String> received = new CopyOnWriteArrayList<>();
		MessageHandler handler = into(received);
		subscriber.executeAsync(bookmarkSubscribe(this.orders, "pausable", Client.Bookmarks.EPOCH), handler);
		publish(publisher, this.orders, 1, 2);
		await().atMost(TIMEOUT).until(() -> received.size() >= 2);

		subscriber.executeAsync(new Command("subscribe").setSubId("pausable").setOptions("pause"), handler);
		publish(publisher, this.orders, 3, 4);
		subscriber.publishFlush(TIMEOUT.toMillis());
		assertThat(received).containsExactlyElementsOf(orders(1, 2));

		subscriber.executeAsync(new Command("subscribe").setSubId("pausable").setOptions("resume"), handler);
		publish(publisher, this.orders, 5, 5);

		await().atMost(TIMEOUT).until(() -> received.size() >= 5);
		assertThat(received).containsExactlyElementsOf(orders(1, 5));
	}

	@Test
	void messagesOfTopicsOutsideTheLogCarryNoBookmark() throws Exception {
		this.amps.transactionLog(this.orders);
		String chat = this.amps.topic("txlog-chat");
		Client publisher = this.amps.client("publisher");
		Client subscriber = this.amps.client("subscriber");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		subscriber.subscribe((message) -> received.add(message.copy()), chat, TIMEOUT.toMillis());
		subscriber.subscribe((message) -> received.add(message.copy()), this.orders, TIMEOUT.toMillis());

		publisher.publish(chat, order(1));
		publisher.publish(this.orders, order(2));

		assertThat(poll(received).getBookmark()).as("bookmark of a message to " + chat).isNullOrEmpty();
		assertThat(poll(received).getBookmark()).as("bookmark of a message to " + this.orders).isNotBlank();
	}

	@Test
	void stateOfTheWorldRecordsCarryABookmarkOnlyWhenTheirTopicIsInTheLog() throws Exception {
		this.amps.sowTopic("txlog-positions", "/id").sowTopic("txlog-prices", "/id");
		this.amps.transactionLog("txlog-positions");
		Client publisher = this.amps.client("publisher");
		publisher.publish("txlog-positions", order(1));
		publisher.publish("txlog-prices", order(1));
		publisher.publishFlush(TIMEOUT.toMillis());

		assertThat(sowBookmarks(publisher, "txlog-positions")).singleElement().asString().isNotBlank();
		assertThat(sowBookmarks(publisher, "txlog-prices")).singleElement()
			.satisfies((bookmark) -> assertThat(bookmark).isNullOrEmpty());
	}

	private static List<String> sowBookmarks(Client client, String topic) throws Exception {
		List<String> bookmarks = new ArrayList<>();
		try (MessageStream stream = client.execute(new Command("sow").setTopic(topic))) {
			for (Message message : stream) {
				if (message.getCommand() == Message.Command.SOW) {
					bookmarks.add(message.getBookmark());
				}
			}
		}
		return bookmarks;
	}

	@Test
	void bookmarkSubscriptionToATopicOutsideTheLogFails() throws Exception {
		this.amps.transactionLog(this.orders);
		String chat = this.amps.topic("txlog-chat");
		Client subscriber = this.amps.client("subscriber");

		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> subscriber
			.executeAsync(bookmarkSubscribe(chat, "not-logged", Client.Bookmarks.EPOCH), (message) -> {
			}));
	}

	@Test
	void bookmarkSubscriptionWithAFilterReplaysOnlyMatchingMessages() throws Exception {
		this.amps.transactionLog(this.orders);
		Client publisher = this.amps.client("publisher");
		Client subscriber = this.amps.client("subscriber");
		publish(publisher, this.orders, 1, 6);
		List<String> received = new CopyOnWriteArrayList<>();

		subscriber.executeAsync(bookmarkSubscribe(this.orders, "even", Client.Bookmarks.EPOCH).setFilter("/id % 2 = 0"),
				into(received));

		await().atMost(TIMEOUT).until(() -> received.size() >= 3);
		List<String> expected = new ArrayList<>(List.of(order(2), order(4), order(6)));
		assertThat(received).containsExactlyElementsOf(Collections.unmodifiableList(expected));
	}

}
