package org.ampsboot.autoconfigure;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.crankuptheamps.client.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ampsboot.AmpsBookmarks;
import org.ampsboot.AmpsListener;
import org.ampsboot.autoconfigure.process.ChildJvm;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.ReceivedFrame;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, durable listeners, at the level a user lives at: the test server and its transaction
 * log live in this JVM; a separate JVM runs a Spring Boot application with a bookmark
 * {@code @AmpsListener(bookmark = RECENT)} and a file bookmark store. 50,000 messages are in the
 * log; the application is killed with {@code kill -9} twice, at different points, and started
 * again with the same client name and store each time. In the end every message was processed,
 * and at most the in-flight window (one message on the receive thread) per kill twice.
 */
class DurableListenerProcessTests {

	private static final Duration WAIT = Duration.ofSeconds(120);

	static final int MESSAGES = 50_000;

	/** Where the first two runs are killed, at the earliest (the run goes on a little between the line and the kill). */
	private static final int[] KILL_AFTER = { 15_000, 32_000 };

	@Test
	void killedTwiceWithKill9EveryMessageIsProcessedAndAtMostTheInFlightOneTwicePerKill(@TempDir Path dir)
			throws Exception {
		Path processed = dir.resolve("processed.txt");
		Path bookmarks = dir.resolve("dk.bookmarks");
		try (AmpsTestServer server = new AmpsTestServer().transactionLog("dk-orders").start()) {
			publish(server);
			List<String> resumedFrom = new ArrayList<>();
			for (int run = 1; run <= 3; run++) {
				int target = (run <= 2) ? KILL_AFTER[run - 1] : MESSAGES;
				try (ChildJvm child = ChildJvm.start(DurableApp.class, List.of("-Xmx256m"), String.valueOf(run),
						processed.toString(), "--amps.uri=" + server.uri(), "--amps.client-name=dk-durable",
						"--amps.bookmark-store.type=file", "--amps.bookmark-store.path=" + bookmarks,
						"--logging.level.org.ampsboot.autoconfigure.fallback=ERROR")) {
					ReceivedFrame subscribe = server.takeFrame("subscribe", WAIT);
					assertThat(subscribe).as("run %d subscribed", run).isNotNull();
					assertThat(subscribe.header("sub_id")).as("the container id, the same at every start")
						.isEqualTo("durableOrders.order");
					resumedFrom.add(subscribe.header("bookmark"));
					// the child says "reached <n>" every 1,000 messages: a late kill on a busy machine still finds its line
					child.awaitLine((line) -> line.startsWith("reached ")
							&& Integer.parseInt(line.substring("reached ".length())) >= target, WAIT);
					if (run <= 2) {
						child.kill9();
						child.awaitExit(WAIT);
					}
					else {
						child.awaitLine("done"::equals, WAIT);
					}
				}
			}
			Figures figures = Figures.read(processed, 3);
			System.out.println("kill -9 test: " + figures + "; resumed from " + resumedFrom + "; bookmark file "
					+ Files.size(bookmarks) + " bytes");
			assertThat(resumedFrom.get(0)).as("first start, empty store").isEqualTo(AmpsBookmarks.EPOCH);
			assertThat(resumedFrom.subList(1, 3)).as("restarts resume from the store, not from 0")
				.doesNotContain(AmpsBookmarks.EPOCH, AmpsBookmarks.RECENT);
			assertThat(figures.distinct).as("every message processed").isEqualTo(MESSAGES);
			assertThat(figures.duplicatesPerKill).as("at most the in-flight message per kill").allMatch((d) -> d <= 1);
			assertThat(figures.total - figures.distinct).isLessThanOrEqualTo(2);
			assertThat(figures.firstOfRun.get(1)).as("run 2 resumed at run 1's kill point, not from 1")
				.isGreaterThanOrEqualTo(KILL_AFTER[0]);
			assertThat(figures.firstOfRun.get(2)).isGreaterThanOrEqualTo(KILL_AFTER[1]);
		}
	}

	private static void publish(AmpsTestServer server) throws Exception {
		Client client = new Client("dk-feed");
		try {
			client.connect(server.uri());
			client.logon();
			for (int n = 1; n <= MESSAGES; n++) {
				client.publish("dk-orders", "{\"n\":" + n + "}");
			}
			client.publishFlush(WAIT.toMillis());
		}
		finally {
			client.close();
		}
	}

	/** What the runs recorded: lines {@code <run> <n>}. */
	record Figures(int total, int distinct, List<Integer> countPerRun, List<Integer> firstOfRun,
			List<Integer> duplicatesPerKill) {

		static Figures read(Path file, int runs) throws IOException {
			Map<Integer, Set<Integer>> byRun = new HashMap<>();
			List<Integer> count = new ArrayList<>();
			List<Integer> first = new ArrayList<>();
			Set<Integer> distinct = new HashSet<>();
			int total = 0;
			for (int run = 1; run <= runs; run++) {
				byRun.put(run, new HashSet<>());
				count.add(0);
				first.add(-1);
			}
			for (String line : Files.readAllLines(file)) {
				String[] parts = line.trim().split(" ");
				int run = Integer.parseInt(parts[0]);
				int n = Integer.parseInt(parts[1]);
				byRun.get(run).add(n);
				count.set(run - 1, count.get(run - 1) + 1);
				if (first.get(run - 1) < 0) {
					first.set(run - 1, n);
				}
				distinct.add(n);
				total++;
			}
			List<Integer> duplicates = new ArrayList<>();
			for (int run = 1; run < runs; run++) {
				Set<Integer> again = new HashSet<>(byRun.get(run));
				again.retainAll(byRun.get(run + 1));
				duplicates.add(again.size());
			}
			return new Figures(total, distinct.size(), count, first, duplicates);
		}

		@Override
		public String toString() {
			return "processed " + this.total + " (distinct " + this.distinct + ", twice " + (this.total - this.distinct)
					+ "), per run " + this.countPerRun + ", first of each run " + this.firstOfRun
					+ ", processed again after each kill " + this.duplicatesPerKill;
		}

	}

	/**
	 * The application: a bookmark listener that appends {@code <run> <n>} to a file per message, with one
	 * unbuffered write each (what a killed process wrote is in the file), and prints {@code reached <n>} every
	 * 1,000 messages and {@code done} when it has processed the last message.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class })
	public static class DurableApp {

		static String run;

		static FileOutputStream out;

		public static void main(String[] args) throws IOException {
			run = args[0];
			out = new FileOutputStream(args[1], true);
			String[] properties = List.of(args).subList(2, args.length).toArray(String[]::new);
			new SpringApplicationBuilder(DurableApp.class).web(WebApplicationType.NONE).run(properties);
		}

		@Bean
		DurableOrders durableOrders() {
			return new DurableOrders();
		}

	}

	static class DurableOrders {

		@AmpsListener(topic = "dk-orders", bookmark = AmpsBookmarks.RECENT)
		void order(String json) {
			int n = Integer.parseInt(json.substring(json.indexOf(':') + 1, json.indexOf('}')));
			try {
				DurableApp.out.write((DurableApp.run + " " + n + "\n").getBytes(StandardCharsets.US_ASCII));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			if (n % 1000 == 0) {
				System.out.println("reached " + n);
			}
			if (n == MESSAGES) {
				System.out.println("done");
			}
		}

	}

}
