package org.ampsboot.autoconfigure.listener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.crankuptheamps.client.BookmarkStore;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.LoggedBookmarkStore;
import com.crankuptheamps.client.MemoryBookmarkStore;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.fields.StringField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ampsboot.AmpsBookmarks;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.ReceivedFrame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link BookmarkDiscard} with the real client and its real bookmark stores: tokens captured on the
 * receive thread, marked processed from several threads in a shuffled order with one message held
 * back. The stores themselves keep the recovery point at the last contiguous processed message, and
 * after a restart on the same file skip the replayed messages that were processed already; so the
 * token class needs no ordering of its own (the seam for dispatch off the receive thread).
 */
class BookmarkDiscardTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final int MESSAGES = 200;

	/** The message held back (1-based). */
	private static final int HELD = 37;

	private AmpsTestServer server;

	private final List<HAClient> clients = new ArrayList<>();

	private HAClient publisher;

	@BeforeEach
	void start() {
		this.server = new AmpsTestServer().transactionLog("bd-orders").start();
	}

	@AfterEach
	void stop() {
		this.clients.forEach(HAClient::close);
		this.server.close();
	}

	private HAClient client(String name, BookmarkStore store) throws Exception {
		HAClient client = new HAClient(name);
		if (store != null) {
			client.setBookmarkStore(store);
		}
		DefaultServerChooser chooser = new DefaultServerChooser();
		chooser.add(this.server.uri());
		client.setServerChooser(chooser);
		client.connectAndLogon();
		this.clients.add(client);
		return client;
	}

	/** Publishes {@code {"n":from}} to {@code {"n":to}}. */
	private void publish(int from, int to) throws Exception {
		if (this.publisher == null) {
			this.publisher = client("bd-feed", null);
		}
		HAClient publisher = this.publisher;
		for (int n = from; n <= to; n++) {
			publisher.publish("bd-orders", "{\"n\":" + n + "}");
		}
		publisher.publishFlush(WAIT.toMillis());
	}

	record Delivery(int n, String bookmark, long token) {
	}

	/** Subscribes as {@code bd} from {@code recent}; captures each delivery's token on the receive thread. */
	private List<Delivery> subscribe(HAClient client, BookmarkDiscard discard) throws Exception {
		List<Delivery> deliveries = new CopyOnWriteArrayList<>();
		client.executeAsync(new Command("subscribe").setTopic("bd-orders").setSubId("bd")
			.setBookmark(AmpsBookmarks.RECENT), (message) -> {
				if (message.getCommand() == Message.Command.Publish) {
					String data = message.getData();
					int n = Integer.parseInt(data.substring(data.indexOf(':') + 1, data.indexOf('}')));
					deliveries.add(new Delivery(n, message.getBookmark(), discard.capture(message)));
				}
			});
		return deliveries;
	}

	/** Marks every delivery but the held one processed, from four threads, in a shuffled order. */
	private static void processAllButHeld(BookmarkDiscard discard, List<Delivery> deliveries) throws Exception {
		List<Delivery> shuffled = new ArrayList<>(deliveries);
		Collections.shuffle(shuffled, new Random(15));
		ExecutorService workers = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (Delivery delivery : shuffled) {
				if (delivery.n() != HELD) {
					done.add(workers.submit(() -> discard.processed(delivery.token())));
				}
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			workers.shutdown();
		}
	}

	@Test
	void outOfOrderCompletionAdvancesTheMemoryStoreOnlyOverWhatIsContiguous() throws Exception {
		MemoryBookmarkStore store = new MemoryBookmarkStore();
		HAClient client = client("bd-memory", store);
		BookmarkDiscard discard = new BookmarkDiscard(client, "bd");
		publish(1, MESSAGES);
		List<Delivery> deliveries = subscribe(client, discard);
		await().atMost(WAIT).until(() -> deliveries.size() == MESSAGES);
		assertThat(deliveries).allSatisfy((delivery) -> assertThat(delivery.token()).isPositive());

		processAllButHeld(discard, deliveries);
		assertThat(store.getMostRecent(new StringField("bd")).toString())
			.as("the recovery point stops before the message held back")
			.isEqualTo(deliveries.get(HELD - 2).bookmark());

		discard.processed(deliveries.get(HELD - 1).token());
		assertThat(store.getMostRecent(new StringField("bd")).toString()).isEqualTo(deliveries.get(MESSAGES - 1).bookmark());
		assertThat(discard.failures()).isZero();
	}

	@Test
	void afterARestartOnTheSameFileStoreOnlyTheMessageHeldBackIsDeliveredAgain(@TempDir Path dir) throws Exception {
		String file = dir.resolve("bd.bookmarks").toString();
		HAClient first = client("bd-file", new LoggedBookmarkStore(file));
		BookmarkDiscard discard = new BookmarkDiscard(first, "bd");
		publish(1, MESSAGES);
		List<Delivery> deliveries = subscribe(first, discard);
		assertThat(this.server.takeFrame("subscribe", WAIT).header("bookmark")).as("an empty store: the epoch")
			.isEqualTo(AmpsBookmarks.EPOCH);
		await().atMost(WAIT).until(() -> deliveries.size() == MESSAGES);
		processAllButHeld(discard, deliveries);
		first.close();

		HAClient second = client("bd-file", new LoggedBookmarkStore(file));
		List<Delivery> again = subscribe(second, new BookmarkDiscard(second, "bd"));
		ReceivedFrame resubscribe = this.server.takeFrame("subscribe", WAIT);
		assertThat(resubscribe.header("bookmark")).as("resumes after the last contiguous processed message")
			.isEqualTo(deliveries.get(HELD - 2).bookmark());
		publish(MESSAGES + 1, MESSAGES + 1);
		await().atMost(WAIT).until(() -> again.stream().anyMatch((delivery) -> delivery.n() == MESSAGES + 1));
		assertThat(again).extracting(Delivery::n)
			.as("the replay from there skips what was processed after the held message")
			.containsExactly(HELD, MESSAGES + 1);
	}

}
