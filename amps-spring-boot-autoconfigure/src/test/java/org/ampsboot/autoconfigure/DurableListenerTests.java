package org.ampsboot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.crankuptheamps.client.BookmarkStore;
import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.fields.StringField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.ampsboot.AmpsAcknowledgement;
import org.ampsboot.AmpsBookmarks;
import org.ampsboot.AmpsHeader;
import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsListenerErrorHandler;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.ReceivedFrame;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable listeners (issue 15) with the real client: a bookmark listener resumes after the last
 * message it processed when its connection drops and when the client fails over to the second
 * server of a pair, not from {@code 0} and not from its original {@code recent}; a failure the
 * error handler handled counts as processed, one it did not handle is delivered again.
 */
@ExtendWith(OutputCaptureExtension.class)
class DurableListenerTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final AmpsTestServer primary = new AmpsTestServer().transactionLog("dl-orders", "dl-other").start();

	private final AmpsTestServer secondary = new AmpsTestServer().transactionLog("dl-orders").start();

	@AfterEach
	void stopServers() {
		this.primary.close();
		this.secondary.close();
	}

	private ApplicationContextRunner contextRunner(String uris) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + uris, "amps.bookmark-store.type=memory", "amps.first-connect-timeout=10s",
					"amps.reconnect.strategy=fixed", "amps.reconnect.initial-delay=50ms");
	}

	static class Orders {

		final List<Integer> processed = new CopyOnWriteArrayList<>();

		final List<String> bookmarks = new CopyOnWriteArrayList<>();

		@AmpsListener(id = "dl", topic = "dl-orders", bookmark = AmpsBookmarks.RECENT)
		void order(String json, @AmpsHeader(AmpsHeader.Field.BOOKMARK) String bookmark) {
			int n = n(json);
			this.processed.add(n);
			this.bookmarks.add(bookmark);
			if (n == 3) {
				throw new IllegalStateException("order 3 fails; the error handler skips it");
			}
			if (n == 5) {
				throw new IllegalStateException("order 5 fails; the error handler does not handle it");
			}
		}

	}

	/** A durable listener handed off to four workers, unordered: messages complete out of order. */
	static class HandedOffOrders {

		final List<Integer> processed = new CopyOnWriteArrayList<>();

		final List<String> bookmarks = new CopyOnWriteArrayList<>();

		@AmpsListener(id = "dl", topic = "dl-orders", bookmark = AmpsBookmarks.RECENT,
				dispatch = AmpsListener.Dispatch.UNORDERED, concurrency = "4")
		void order(String json, @AmpsHeader(AmpsHeader.Field.BOOKMARK) String bookmark) {
			this.processed.add(n(json));
			this.bookmarks.add(bookmark);
		}

	}

	/** Skips order 3 (returns normally) and refuses order 5 (throws). */
	static class SkipThreeNotFive implements AmpsListenerErrorHandler {

		@Override
		public void handleError(Message message, AmpsAcknowledgement acknowledgement, String listener, Throwable error) {
			if (n(message.getData()) == 5) {
				throw new IllegalStateException("not handled");
			}
		}

	}

	static int n(String json) {
		return Integer.parseInt(json.substring(json.indexOf(':') + 1, json.indexOf('}')));
	}

	/** Publishes {"n":from..to} as one publisher, so that each server's log holds the same bookmarks. */
	private static void publish(AmpsTestServer server, int from, int to) throws Exception {
		Client client = new Client("dl-feed");
		try {
			client.connect(server.uri());
			client.logon();
			for (int n = from; n <= to; n++) {
				client.publish("dl-orders", "{\"n\":" + n + "}");
			}
			client.publishFlush(WAIT.toMillis());
		}
		finally {
			client.close();
		}
	}

	private static ReceivedFrame subscribe(AmpsTestServer server) {
		return await().atMost(WAIT).until(() -> server.takeFrame("subscribe", Duration.ofMillis(200)), (f) -> f != null);
	}

	@Test
	void afterADroppedConnectionTheListenerResumesAfterTheLastProcessedMessage() {
		contextRunner(this.primary.uri()).withBean(Orders.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Orders orders = context.getBean(Orders.class);
			assertThat(subscribe(this.primary).header("bookmark")).as("first start, empty store: the epoch")
				.isEqualTo(AmpsBookmarks.EPOCH);
			publish(this.primary, 6, 50);
			await().atMost(WAIT).until(() -> orders.processed.size() == 45);

			this.primary.dropConnections();
			ReceivedFrame resubscribe = subscribe(this.primary);
			assertThat(resubscribe.header("sub_id")).isEqualTo("dl");
			assertThat(resubscribe.header("bookmark")).as("after the last processed message, not 0 nor 'recent'")
				.isEqualTo(orders.bookmarks.get(orders.bookmarks.size() - 1));
			publish(this.primary, 51, 60);
			await().atMost(WAIT).until(() -> orders.processed.size() >= 55);
			assertThat(orders.processed).as("each once").hasSize(55).doesNotHaveDuplicates();
		});
	}

	@Test
	void aListenerOffTheReceiveThreadMarksWhatItProcessedSoThatItResumesAfterIt() {
		contextRunner(this.primary.uri()).withBean(HandedOffOrders.class).run((context) -> {
			assertThat(context).hasNotFailed();
			HandedOffOrders orders = context.getBean(HandedOffOrders.class);
			subscribe(this.primary);
			publish(this.primary, 1, 200);
			await().atMost(WAIT).until(() -> orders.processed.size() == 200);
			String last = orders.bookmarks.stream()
				.max(java.util.Comparator.comparingLong((String bookmark) -> Long.parseLong(bookmark.split("\\|")[1])))
				.orElseThrow();

			this.primary.dropConnections();
			ReceivedFrame resubscribe = subscribe(this.primary);
			assertThat(resubscribe.header("bookmark")).as("every message was marked processed from the workers")
				.isEqualTo(last);
			publish(this.primary, 201, 210);
			await().atMost(WAIT).until(() -> orders.processed.size() >= 210);
			assertThat(orders.processed).as("each once").hasSize(210).doesNotHaveDuplicates();
		});
	}

	@Test
	void persistedAcksReachTheBookmarkStoreWithoutAWarning(@TempDir Path dir, CapturedOutput output) {
		contextRunner(this.primary.uri()).withBean(Orders.class)
			.withPropertyValues("amps.bookmark-store.type=file", "amps.bookmark-store.path=" + dir.resolve("p.bookmarks"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Orders orders = context.getBean(Orders.class);
				subscribe(this.primary);
				publish(this.primary, 1, 2);
				await().atMost(WAIT).until(() -> orders.processed.size() == 2);
				Client other = new Client("dl-other-feed");
				try {
					other.connect(this.primary.uri());
					other.logon();
					other.publish("dl-other", "{\"n\":0}");
					other.publishFlush(WAIT.toMillis());
				}
				finally {
					other.close();
				}
				// the next persisted ack (every second) carries the log's last bookmark, on the other topic: the
				// store takes it as the subscription's recovery point
				StringField subId = new StringField("dl");
				BookmarkStore store = context.getBean(Client.class).getBookmarkStore();
				await().atMost(WAIT).until(() -> !store.getMostRecent(subId).toString().equals(orders.bookmarks.get(1)));
				assertThat(output.getAll()).doesNotContain("WARN");
			});
	}

	@Test
	void recentWithoutABookmarkStoreSaysAtStartupThatTheWholeLogIsReplayedAtEveryStart(CapturedOutput output) {
		contextRunner(this.primary.uri()).withBean(Orders.class)
			.withPropertyValues("amps.bookmark-store.type=none")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(subscribe(this.primary).header("bookmark")).isEqualTo(AmpsBookmarks.EPOCH);
				assertThat(output.getAll()).contains("Bookmark listener 'dl' subscribes from 'recent', but its AMPS "
						+ "client has no bookmark store").contains("amps.bookmark-store.type=file");
			});
		contextRunner(this.primary.uri()).withBean(Orders.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output.getAll()).containsOnlyOnce("subscribes from 'recent', but");
		});
	}

	@Test
	void afterAFailoverTheListenerResumesOnTheSecondaryAfterTheLastProcessedMessage() {
		contextRunner(this.primary.uri() + "," + this.secondary.uri()).withBean(Orders.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Orders orders = context.getBean(Orders.class);
			subscribe(this.primary);
			// the pair's logs hold the same messages with the same bookmarks, as replication gives them
			publish(this.primary, 10, 40);
			publish(this.secondary, 10, 40);
			await().atMost(WAIT).until(() -> orders.processed.size() == 31);

			this.primary.close();
			ReceivedFrame resubscribe = subscribe(this.secondary);
			assertThat(resubscribe.header("sub_id")).isEqualTo("dl");
			assertThat(resubscribe.header("bookmark")).as("after the last processed message, not 0 nor 'recent'")
				.isEqualTo(orders.bookmarks.get(30));
			publish(this.secondary, 41, 45);
			await().atMost(WAIT).until(() -> orders.processed.size() >= 36);
			assertThat(orders.processed).as("each once, across both servers").hasSize(36).doesNotHaveDuplicates();
		});
	}

	@Test
	void aFailureTheErrorHandlerHandledIsNotDeliveredAgainOneItDidNotHandleIsAtTheNextStart(@TempDir Path dir,
			CapturedOutput output) {
		ApplicationContextRunner runner = contextRunner(this.primary.uri()).withBean(Orders.class)
			.withBean(SkipThreeNotFive.class)
			.withPropertyValues("amps.bookmark-store.type=file",
					"amps.bookmark-store.path=" + dir.resolve("dl.bookmarks"));
		List<String> bookmarks = new ArrayList<>();
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			Orders orders = context.getBean(Orders.class);
			subscribe(this.primary);
			publish(this.primary, 1, 8);
			await().atMost(WAIT).until(() -> orders.processed.size() == 8);
			bookmarks.addAll(orders.bookmarks);

			this.primary.dropConnections();
			ReceivedFrame resubscribe = subscribe(this.primary);
			assertThat(resubscribe.header("bookmark")).as("after order 4: order 5 was not handled")
				.isEqualTo(orders.bookmarks.get(3));
			publish(this.primary, 9, 9);
			await().atMost(WAIT).until(() -> orders.processed.contains(9));
			// within one process the client takes the replayed 5 to 8 for messages it already received, and hands
			// them to the last-chance handler: not unexpected, so no fallback WARN
			assertThat(orders.processed).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
			assertThat(output.getAll()).doesNotContain("Unexpected AMPS message");
		});
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			Orders orders = context.getBean(Orders.class);
			assertThat(subscribe(this.primary).header("bookmark")).as("the next start resumes after order 4")
				.isEqualTo(bookmarks.get(3));
			publish(this.primary, 10, 10);
			await().atMost(WAIT).until(() -> orders.processed.contains(10));
			assertThat(orders.processed).as("order 5 again (not handled); 3 (skipped), 6 to 9 (processed) not")
				.containsExactly(5, 10);
		});
	}

}
