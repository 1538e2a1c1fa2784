package org.ampsboot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crankuptheamps.client.Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.autoconfigure.process.ChildJvm;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.ServerConnection;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code SIGTERM} to a Spring Boot application with the starter, in a JVM of its own: the process exits within the
 * documented shutdown bound, and its log says how many publishes AMPS did not acknowledge, so that what AMPS
 * delivered plus what the log reports as lost covers every publish that returned.
 */
class ShutdownProcessTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(2);

	/** The documented bound of one client's shutdown: flush-timeout + 12 s (ClientShutdown). */
	private static final Duration CLIENT_SHUTDOWN_BOUND = FLUSH_TIMEOUT.plusSeconds(12);

	private static final Pattern REPORT = Pattern
		.compile("AMPS client '[^']+'(?: did not disconnect)?: (\\d+) publish\\(es\\) not acknowledged");

	private AmpsTestServer server;

	@BeforeEach
	void startServer() {
		this.server = new AmpsTestServer().recordFrames(0).start();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void sigtermWhilePublishingFlatOutWithAMemoryStoreReportsEveryPublishNotDelivered() throws Exception {
		Figures figures = publishFlatOutAndSigterm("--amps.publish-store.type=memory");
		assertThat(figures.refusal).contains("refused: AMPS client '").contains("is shutting down; the message was not sent");
	}

	@Test
	void sigtermWhilePublishingFlatOutWithoutAStoreReportsEveryPublishNotDelivered() throws Exception {
		Figures figures = publishFlatOutAndSigterm();
		assertThat(figures.refusal).contains("is shutting down; the message was not sent");
	}

	@Test
	void sigtermAfterTheServerWentAwayWithoutAStoreCountsThePublishesAmpsNeverConfirmed() throws Exception {
		try (ChildJvm child = ChildJvm.start(ShutdownApp.class, List.of("-Xmx256m"), "publish",
				"--amps.uri=" + this.server.uri(), "--amps.shutdown.flush-timeout=" + FLUSH_TIMEOUT.toMillis() + "ms",
				"--amps.reconnect.strategy=fixed", "--amps.reconnect.initial-delay=100ms")) {
			child.awaitLine((line) -> line.startsWith("publishing"), WAIT);
			this.server.stopAccepting();
			this.server.dropConnections();
			child.awaitLine((line) -> line.contains("lost its connection"), WAIT);
			child.sigterm();
			child.awaitExit(CLIENT_SHUTDOWN_BOUND);
			long returned = figure(child, "returned=");
			long reported = reported(child);
			System.out.println("server gone, no store: returned " + returned + ", reported not acknowledged " + reported);
			assertThat(child.output()).anyMatch((line) -> line.contains("is not logged on at shutdown"));
			assertThat(reported).as("reported").isPositive().isEqualTo(returned);
		}
	}

	@Test
	void sigtermWithAWedgedReaderExitsWithinTheShutdownBound() throws Exception {
		try (ChildJvm child = ChildJvm.start(ShutdownApp.class, List.of("-Xmx256m"), "wedge",
				"--amps.uri=" + this.server.uri(), "--amps.clients.other.uri=" + this.server.uri(),
				"--amps.shutdown.flush-timeout=" + FLUSH_TIMEOUT.toMillis() + "ms",
				"--amps.clients.other.shutdown.flush-timeout=" + FLUSH_TIMEOUT.toMillis() + "ms")) {
			child.awaitLine((line) -> line.startsWith("started"), WAIT);
			List<ServerConnection> connections = this.server.connections();
			assertThat(connections).hasSize(2);
			byte[] header = "{c:p}".getBytes(StandardCharsets.UTF_8);
			for (ServerConnection connection : connections) {
				connection.sendRaw(concat(intBytes(header.length), header));
			}
			// each client reports the bad frame to its exception listener, then its reader thread spins
			await().atMost(WAIT)
				.until(() -> child.output().stream().filter((line) -> line.contains("stream corruption")).count() == 2);
			long sigterm = System.nanoTime();
			child.sigterm();
			// the clients shut down one after the other, each within its bound
			child.awaitExit(CLIENT_SHUTDOWN_BOUND.multipliedBy(2));
			Duration took = Duration.ofNanos(System.nanoTime() - sigterm);
			System.out.println("wedged reader: exited " + took.toMillis() + " ms after SIGTERM");
			assertThat(child.output()).filteredOn((line) -> line.contains("is not closed: its disconnect did not return"))
				.hasSize(2);
		}
	}

	private Figures publishFlatOutAndSigterm(String... properties) throws Exception {
		BitSet seen = new BitSet();
		AtomicLong deliveries = new AtomicLong();
		try (Client subscriber = new Client("shutdown-subscriber")) {
			subscriber.connect(this.server.uri());
			subscriber.logon();
			subscriber.subscribe((message) -> {
				String data = message.getData();
				int seq = Integer.parseInt(data.substring(data.indexOf(':') + 1, data.indexOf('}')));
				synchronized (seen) {
					seen.set(seq);
				}
				deliveries.incrementAndGet();
			}, "load", 10_000);
			List<String> args = new ArrayList<>(List.of("publish", "--amps.uri=" + this.server.uri(),
					"--amps.shutdown.flush-timeout=" + FLUSH_TIMEOUT.toMillis() + "ms"));
			args.addAll(List.of(properties));
			try (ChildJvm child = ChildJvm.start(ShutdownApp.class, List.of("-Xmx256m"), args.toArray(String[]::new))) {
				child.awaitLine((line) -> line.startsWith("publishing"), WAIT);
				long sigterm = System.nanoTime();
				child.sigterm();
				child.awaitExit(CLIENT_SHUTDOWN_BOUND);
				Duration took = Duration.ofNanos(System.nanoTime() - sigterm);
				long returned = figure(child, "returned=");
				long reported = reported(child);
				String refusal = child.awaitLine((line) -> line.startsWith("refusal="), WAIT);
				// deliveries already sent may still be on their way to the subscriber
				await().atMost(WAIT).untilAsserted(() -> {
					synchronized (seen) {
						assertThat(seen.cardinality() + reported).as("delivered + reported").isGreaterThanOrEqualTo(returned);
					}
				});
				int delivered;
				synchronized (seen) {
					delivered = seen.cardinality();
				}
				System.out.println("SIGTERM while publishing " + List.of(properties) + ": returned " + returned
						+ ", delivered " + delivered + " (" + deliveries.get() + " deliveries), reported not acknowledged "
						+ reported + ", exited " + took.toMillis() + " ms after SIGTERM");
				return new Figures(returned, delivered, reported, refusal);
			}
		}
	}

	private static long figure(ChildJvm child, String prefix) throws InterruptedException {
		return Long.parseLong(child.awaitLine((line) -> line.startsWith(prefix), WAIT).substring(prefix.length()));
	}

	private static long reported(ChildJvm child) throws InterruptedException {
		Matcher matcher = REPORT.matcher(child.awaitLine((line) -> REPORT.matcher(line).find(), WAIT));
		assertThat(matcher.find()).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	private static byte[] intBytes(int value) {
		return new byte[] { (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value };
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = new byte[a.length + b.length];
		System.arraycopy(a, 0, both, 0, a.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

	private record Figures(long returned, long delivered, long reported, String refusal) {
	}

	/**
	 * The application: {@code publish} publishes {@code {"seq":n}} to {@code load} flat out from one thread until a
	 * publish fails, and prints at the end of shutdown how many returned and the failure; {@code wedge} only
	 * listens, on the single client and on a named one.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class })
	public static class ShutdownApp {

		static final AtomicLong returned = new AtomicLong();

		static final AtomicReference<String> refusal = new AtomicReference<>("none");

		static final AtomicReference<Thread> publisher = new AtomicReference<>();

		public static void main(String[] args) {
			String mode = args[0];
			String[] properties = List.of(args).subList(1, args.length).toArray(String[]::new);
			ConfigurableApplicationContext context = new SpringApplicationBuilder(ShutdownApp.class)
				.web(WebApplicationType.NONE)
				.profiles(mode)
				.run(properties);
			if (mode.equals("publish")) {
				AmpsTemplate template = context.getBean(AmpsTemplate.class);
				Thread thread = new Thread(() -> publish(template), "publisher");
				publisher.set(thread);
				thread.start();
			}
			else {
				System.out.println("started");
			}
		}

		private static void publish(AmpsTemplate template) {
			AtomicInteger seq = new AtomicInteger();
			try {
				while (true) {
					int next = seq.getAndIncrement();
					template.publish("load", "{\"seq\":" + next + "}");
					if (returned.incrementAndGet() == 200_000) {
						System.out.println("publishing");
					}
				}
			}
			catch (RuntimeException ex) {
				refusal.set(ex.getMessage());
			}
		}

		/** Destroyed after every lifecycle stopped, the client's included. */
		@Bean
		DisposableBean loadReport() {
			return () -> {
				Thread thread = publisher.get();
				if (thread != null) {
					thread.join(5_000);
					System.out.println("returned=" + returned.get());
					System.out.println("refusal=" + refusal.get());
				}
			};
		}

		@Bean
		@Profile("wedge")
		WedgeListeners wedgeListeners() {
			return new WedgeListeners();
		}

	}

	static class WedgeListeners {

		@AmpsListener(topic = "wedge")
		void onSingle(String message) {
		}

		@AmpsListener(topic = "wedge", client = "other")
		void onNamed(String message) {
		}

	}

}
