package org.ampsboot.autoconfigure.client;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.crankuptheamps.client.BookmarkStore;
import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.LoggedBookmarkStore;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.fields.StringField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ampsboot.AmpsBookmarks;
import org.ampsboot.test.AmpsTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The file bookmark store's size with the real client: 50,000 messages received and processed
 * (discarded on the receive thread, as the starter does), with the client's plain
 * {@link LoggedBookmarkStore} and with the starter's {@link PruningBookmarkStore}; and the pruned store
 * still resumes where it left off.
 */
class PruningBookmarkStoreTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final int MESSAGES = 50_000;

	private static final long THRESHOLD = 1024 * 1024;

	private AmpsTestServer server;

	@BeforeEach
	void start() throws Exception {
		this.server = new AmpsTestServer().transactionLog("ps-orders").start();
		Client feed = new Client("ps-feed");
		try {
			feed.connect(this.server.uri());
			feed.logon();
			for (int n = 1; n <= MESSAGES; n++) {
				feed.publish("ps-orders", "{\"n\":" + n + "}");
			}
			feed.publishFlush(WAIT.toMillis());
		}
		finally {
			feed.close();
		}
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	/** Subscribes from recent, discards each message as it arrives; returns the bookmarks received. */
	private List<String> receiveAll(BookmarkStore store, int expected) throws Exception {
		HAClient client = new HAClient("ps-listener");
		try {
			client.setBookmarkStore(store);
			DefaultServerChooser chooser = new DefaultServerChooser();
			chooser.add(this.server.uri());
			client.setServerChooser(chooser);
			client.connectAndLogon();
			StringField subId = new StringField("ps");
			List<String> bookmarks = new CopyOnWriteArrayList<>();
			AtomicInteger failures = new AtomicInteger();
			client.executeAsync(new Command("subscribe").setTopic("ps-orders").setSubId("ps")
				.setBookmark(AmpsBookmarks.RECENT), (message) -> {
					if (message.getCommand() == Message.Command.Publish) {
						bookmarks.add(message.getBookmark());
						try {
							store.discard(subId, message.getBookmarkSeqNo());
						}
						catch (Exception ex) {
							failures.incrementAndGet();
						}
					}
				});
			await().atMost(WAIT).until(() -> bookmarks.size() >= expected);
			assertThat(failures).hasValue(0);
			return bookmarks;
		}
		finally {
			client.close();
		}
	}

	@Test
	void withoutPruningTheFileGrowsWithEveryMessage(@TempDir Path dir) throws Exception {
		File file = dir.resolve("plain.bookmarks").toFile();
		receiveAll(new LoggedBookmarkStore(file.getPath()), MESSAGES);
		System.out.println("bookmark store without pruning after " + MESSAGES + " messages: " + file.length() + " bytes ("
				+ file.length() / MESSAGES + " bytes a message)");
		assertThat(file.length()).as("an entry per message received and per message discarded")
			.isGreaterThan(MESSAGES * 40L);
	}

	@Test
	void prunedTheFileStaysUnderTheThresholdAndStillResumesAfterTheLastProcessedMessage(@TempDir Path dir)
			throws Exception {
		File file = dir.resolve("pruned.bookmarks").toFile();
		PruningBookmarkStore store = new PruningBookmarkStore(file.getPath(), THRESHOLD);
		List<String> first = receiveAll(store, MESSAGES);
		long size = file.length();
		System.out.println("bookmark store pruned past " + THRESHOLD + " bytes after " + MESSAGES + " messages: " + size
				+ " bytes, " + store.prunes() + " prunes, the longest " + store.longestPruneMicros() + " us");
		assertThat(store.prunes()).isPositive();
		// the bound: the threshold plus what the 1,000 discards between two checks (and their receipts) write
		assertThat(size).isLessThan(THRESHOLD + PruningBookmarkStore.CHECK_EVERY * 2L * 100);

		// a new store on the pruned file resumes after the last message
		Client feed = new Client("ps-feed");
		try {
			feed.connect(this.server.uri());
			feed.logon();
			feed.publish("ps-orders", "{\"n\":" + (MESSAGES + 1) + "}");
			feed.publishFlush(WAIT.toMillis());
		}
		finally {
			feed.close();
		}
		List<String> again = receiveAll(new PruningBookmarkStore(file.getPath(), THRESHOLD), 1);
		assertThat(again).hasSize(1).doesNotContainAnyElementsOf(first);
	}

}
