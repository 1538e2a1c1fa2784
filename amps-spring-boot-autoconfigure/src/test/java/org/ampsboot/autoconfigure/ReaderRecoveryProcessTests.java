package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.HAClient;
import org.junit.jupiter.api.Test;

import org.ampsboot.autoconfigure.client.AmpsReaderMonitor;
import org.ampsboot.autoconfigure.health.AmpsHealthContributorAutoConfiguration;
import org.ampsboot.autoconfigure.process.ChildJvm;
import org.ampsboot.health.AmpsHealthIndicator;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.ServerConnection;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frame announcing 1 GB to an application with a 128 MB heap, in a separate JVM: without a
 * bound the client allocates the announced length (its receive thread then spins, publishes are
 * never acknowledged and health stays UP); with {@code amps.max-frame-size} (64 MB by default)
 * the frame is refused before it is allocated, health goes DOWN with the cause, the client
 * reconnects and later messages arrive.
 */
class ReaderRecoveryProcessTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void aFrameAnnouncingOneGigabyteInASmallHeapIsRefusedAndTheClientRecovers() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start();
				ChildJvm child = ChildJvm.start(Subscriber.class, List.of("-Xmx128m"), server.uri())) {
			child.awaitLine("subscribed"::equals, WAIT);
			ServerConnection connection = server.awaitLogon(WAIT);

			connection.sendRaw(ReaderMonitorTests.frameAnnouncing(1 << 30, 1 << 20));

			assertThat(child.awaitLine((line) -> line.startsWith("health DOWN"), WAIT))
				.contains("refused a frame announcing 1073741824 bytes, more than amps.max-frame-size (67108864 bytes)");
			child.awaitLine("health UP, 1 recovery"::equals, WAIT);
			Client publisher = new Client("publisher");
			try {
				publisher.connect(server.uri());
				publisher.logon(5000);
				for (int i = 0; i < 100; i++) {
					publisher.publish("orders", "{\"n\":" + i + "}");
				}
				publisher.publishFlush(5000);
			}
			finally {
				publisher.close();
			}
			child.awaitLine("received 100"::equals, WAIT);
			assertThat(child.output()).noneMatch((line) -> line.contains("OutOfMemoryError"));
		}
	}

	/** An application with the starter; prints its health and what it received, line by line. */
	@SpringBootConfiguration
	@ImportAutoConfiguration({ ApplicationAvailabilityAutoConfiguration.class, AmpsAutoConfiguration.class,
			AmpsHealthContributorAutoConfiguration.class })
	public static class Subscriber {

		public static void main(String[] args) throws Exception {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(Subscriber.class)
				.web(WebApplicationType.NONE)
				.run("--amps.uri=" + args[0], "--amps.reconnect.strategy=fixed", "--amps.reconnect.initial-delay=50ms");
			AtomicInteger received = new AtomicInteger();
			context.getBean(HAClient.class).subscribe((message) -> {
				System.out.println("received " + received.incrementAndGet());
			}, "orders", 5000);
			System.out.println("subscribed");
			AmpsHealthIndicator indicator = context.getBean(AmpsHealthIndicator.class);
			String last = "";
			CountDownLatch never = new CountDownLatch(1);
			while (!never.await(5, java.util.concurrent.TimeUnit.MILLISECONDS)) {
				Health health = indicator.health(true);
				Object reader = health.getDetails().get("reader");
				long recoveries = AmpsReaderMonitor.of(context.getBean(HAClient.class)).recoveries();
				String line = "health " + health.getStatus() + ((reader != null) ? " " + reader : "")
						+ ((recoveries > 0) ? ", " + recoveries + " recovery" : "");
				if (!line.equals(last)) {
					System.out.println(line);
					last = line;
				}
			}
		}

	}

}
