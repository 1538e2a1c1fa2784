package org.ampsboot.test.conformance;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.IntStream;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.AMPSException;
import com.crankuptheamps.client.exception.CommandException;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.ReceivedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.ampsboot.test.conformance.AmpsUnderTest.TIMEOUT;
import static org.ampsboot.test.conformance.AmpsUnderTest.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The test server's own side of the transaction log: its bound ({@link AmpsTestServer#transactionLogCapacity(int)}),
 * its loud refusals, dropped connections, and what it sends back for the AMPS client's bookmark store (skipped on a
 * real AMPS). Replay semantics: "Replaying Messages with Bookmark Subscription" (AMPS User Guide); persisted acks:
 * "Bookmark Subscriptions and Persisted Acknowledgments"; the bound and its behaviour: issue 12 (60East page not
 * found in the stored docs).
 */
class TransactionLogTestServerTest {

	@RegisterExtension
	final AmpsUnderTest amps = new AmpsUnderTest();

	private static String order(int id) {
		return "{\"id\":" + id + "}";
	}

	private static List<String> orders(int from, int to) {
		return IntStream.rangeClosed(from, to).mapToObj(TransactionLogTestServerTest::order).toList();
	}

	private static void publish(Client publisher, int from, int to) throws AMPSException {
		for (int id = from; id <= to; id++) {
			publisher.publish("orders", order(id));
		}
		publisher.publishFlush(TIMEOUT.toMillis());
	}

	private static Command bookmarkSubscribe(String subId, String bookmark) {
		return new Command("subscribe").setTopic("orders").setSubId(subId).setBookmark(bookmark);
	}

	@Test
	void boundedLogReplaysTheNewestEntriesFromTheEpochAndRefusesLoudlyABookmarkItDropped() throws Exception {
		this.amps.testServer("the capacity is a test server setting").transactionLog("orders").transactionLogCapacity(3);
		Client publisher = this.amps.client("publisher");
		Client subscriber = this.amps.client("subscriber");
		BlockingQueue<Message> live = new LinkedBlockingQueue<>();
		subscriber.executeAsync(bookmarkSubscribe("live", Client.Bookmarks.NOW), (message) -> live.add(message.copy()));
		publish(publisher, 1, 5);
		String firstBookmark = poll(live).getBookmark();

		List<String> fromEpoch = new CopyOnWriteArrayList<>();
		subscriber.executeAsync(bookmarkSubscribe("epoch", Client.Bookmarks.EPOCH),
				(message) -> fromEpoch.add(message.getData()));
		await().atMost(TIMEOUT).until(() -> fromEpoch.size() >= 3);
		assertThat(fromEpoch).containsExactlyElementsOf(orders(3, 5));

		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> subscriber.executeAsync(bookmarkSubscribe("too-old", firstBookmark), (message) -> {
			}))
			.withMessageContaining("not supported by the AMPS test server: a replay from bookmark '" + firstBookmark
					+ "', older than the oldest entry the transaction log keeps (capacity 3)");
	}

	@Test
	void aBookmarkThatNamesNoMessageOfThisServersLogIsRefusedLoudlyNotTakenAsAPosition() throws Exception {
		this.amps.testServer("the refusal is the test server's").transactionLog("orders");
		Client publisher = this.amps.client("publisher");
		Client subscriber = this.amps.client("subscriber");
		BlockingQueue<Message> live = new LinkedBlockingQueue<>();
		subscriber.executeAsync(bookmarkSubscribe("live", Client.Bookmarks.NOW), (message) -> live.add(message.copy()));
		publish(publisher, 1, 3);
		String second = poll(live).getBookmark();
		second = poll(live).getBookmark();
		String hash = second.substring(0, second.indexOf('|'));
		long sequence = Long.parseLong(second.substring(second.indexOf('|') + 1, second.length() - 1));

		// a bookmark this server issued replays what follows it
		List<String> after = new CopyOnWriteArrayList<>();
		subscriber.executeAsync(bookmarkSubscribe("after", second), (message) -> after.add(message.getData()));
		await().atMost(TIMEOUT).until(() -> after.size() >= 1);
		assertThat(after).containsExactly(order(3));

		// the same sequence with another publisher (another server's message), and a sequence this log never had
		for (String foreign : List.of("1" + hash + "|" + sequence + "|", hash + "|" + (sequence + 1000) + "|",
				"0|1|," + "1" + hash + "|" + sequence + "|")) {
			assertThatExceptionOfType(CommandException.class)
				.isThrownBy(() -> subscriber.executeAsync(bookmarkSubscribe("foreign", foreign), (message) -> {
				}))
				.withMessageContaining("not supported by the AMPS test server: bookmark '")
				.withMessageContaining("which names no message of this server's transaction log");
		}
	}

	@Test
	void persistedAckMovesTheBookmarkStoreToTheLastBookmarkOfTheLogEvenPastMessagesThatDoNotMatch() throws Exception {
		this.amps.testServer("the persisted ack's timing is the test server's").transactionLog("orders");
		Client publisher = this.amps.client("publisher");
		Client subscriber = this.amps.unconnectedClient("subscriber");
		subscriber.setBookmarkStore(new com.crankuptheamps.client.MemoryBookmarkStore());
		List<Message> unhandled = new CopyOnWriteArrayList<>();
		subscriber.setLastChanceMessageHandler((message) -> unhandled.add(message.copy()));
		subscriber.connect(this.amps.uri());
		subscriber.logon(TIMEOUT.toMillis());
		BlockingQueue<Message> all = new LinkedBlockingQueue<>();
		subscriber.executeAsync(bookmarkSubscribe("all", Client.Bookmarks.NOW), (message) -> all.add(message.copy()));
		publish(publisher, 1, 3);
		poll(all);
		poll(all);
		String third = poll(all).getBookmark();

		BlockingQueue<Message> first = new LinkedBlockingQueue<>();
		subscriber.executeAsync(bookmarkSubscribe("first-only", Client.Bookmarks.EPOCH).setFilter("/id = 1"),
				(message) -> first.add(message.copy()));
		subscriber.getBookmarkStore().discard(poll(first));

		com.crankuptheamps.client.fields.Field subId = new com.crankuptheamps.client.fields.Field("first-only");
		await().atMost(TIMEOUT).until(() -> third.equals(subscriber.getBookmarkStore().getMostRecent(subId).toString()));
		assertThat(unhandled).as("acks nobody handled").isEmpty();
	}

	@Test
	void haClientWhoseConnectionDropsResumesFromItsBookmarkStoreWithNoGapAndNoDuplicate() throws Exception {
		AmpsTestServer server = this.amps.testServer("drops connections");
		server.transactionLog("orders");
		try (HAClient subscriber = haClient(server, "ha-subscriber"); HAClient publisher = haClient(server, "ha-publisher")) {
			subscriber.connectAndLogon();
			publisher.connectAndLogon();
			List<String> received = new CopyOnWriteArrayList<>();
			subscriber.executeAsync(bookmarkSubscribe("resumable", Client.Bookmarks.MOST_RECENT), (message) -> {
				if (message.getCommand() == Message.Command.Publish) {
					received.add(message.getData());
					try {
						subscriber.getBookmarkStore().discard(message);
					}
					catch (AMPSException ex) {
						throw new IllegalStateException(ex);
					}
				}
			});
			publish(publisher, 1, 20);
			await().atMost(TIMEOUT).until(() -> received.size() >= 20);

			server.dropConnections();
			for (int id = 21; id <= 40; id++) {
				publisher.publish("orders", order(id));
			}

			await().atMost(TIMEOUT).until(() -> received.size() >= 40);
			publisher.publishFlush(TIMEOUT.toMillis());
			subscriber.publishFlush(TIMEOUT.toMillis());
			assertThat(received).containsExactlyElementsOf(orders(1, 40));
			long resubscribes = server.receivedFrames()
				.stream()
				.filter((frame) -> "subscribe".equals(frame.command()))
				.count();
			assertThat(resubscribes).as("subscribe commands (first and after the reconnect)").isEqualTo(2);
		}
	}

	@Test
	void clientSendsTheEpochForRecentWhenItsBookmarkStoreHasNothingForTheSubscription() throws Exception {
		this.amps.testServer("the frames are recorded by the test server").transactionLog("orders");
		Client subscriber = this.amps.unconnectedClient("subscriber");
		subscriber.setBookmarkStore(new com.crankuptheamps.client.MemoryBookmarkStore());
		subscriber.connect(this.amps.uri());
		subscriber.logon(TIMEOUT.toMillis());

		subscriber.executeAsync(bookmarkSubscribe("fresh", Client.Bookmarks.MOST_RECENT), (message) -> {
		});

		ReceivedFrame sent = this.amps.testServer("frames").takeFrame("subscribe", TIMEOUT);
		assertThat(sent.header("bookmark")).isEqualTo(Client.Bookmarks.EPOCH);
		assertThat(sent.header("a")).contains("persisted");
	}

	@Test
	void aHistoricalQueryOfATopicWithoutHistoryIsRefusedLoudly() throws Exception {
		this.amps.testServer("no historical SOW").sowTopic("positions", "/id");
		Client client = this.amps.client("querier");

		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> client.execute(new Command("sow").setTopic("positions").setBookmark("20260101T000000"))
				.close())
			.withMessageContaining("not supported by the AMPS test server: a historical query")
			.withMessageContaining("which keeps no history");
	}

	private static HAClient haClient(AmpsTestServer server, String name) throws AMPSException {
		HAClient client = HAClient.createMemoryBacked(name);
		DefaultServerChooser chooser = new DefaultServerChooser();
		chooser.add(server.uri());
		client.setServerChooser(chooser);
		client.setReconnectDelay(50);
		return client;
	}

}
