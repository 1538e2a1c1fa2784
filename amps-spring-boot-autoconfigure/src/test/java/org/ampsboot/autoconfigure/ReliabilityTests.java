package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.HAClient;
import org.junit.jupiter.api.Test;

import org.ampsboot.AmpsTemplate;
import org.ampsboot.LastChanceMessageHandler;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.ServerConnection;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a trading desk needs to believe before production, on loopback and bounded in time:
 * nothing published with a publish store is lost or duplicated when the connection drops
 * under load.
 */
class ReliabilityTests {

	private static final int MESSAGES = 100_000;

	private static final int DROPS = 20;

	@Test
	void everyPublishArrivesExactlyOnceThoughTheConnectionDropsTwentyTimesUnderLoad() throws Exception {
		Random random = new Random(20261125);
		TreeSet<Integer> dropPoints = new TreeSet<>();
		while (dropPoints.size() < DROPS) {
			dropPoints.add(1 + random.nextInt(MESSAGES - 1));
		}
		try (AmpsTestServer server = new AmpsTestServer().recordFrames(Integer.MAX_VALUE).start();
				Client subscriber = new Client("reliability-sub")) {
			subscriber.connect(server.uri());
			subscriber.logon();
			BitSet seen = new BitSet(MESSAGES);
			AtomicInteger deliveries = new AtomicInteger();
			AtomicInteger duplicates = new AtomicInteger();
			subscriber.subscribe((message) -> {
				String data = message.getData();
				int seq = Integer.parseInt(data.substring(data.indexOf(':') + 1, data.length() - 1));
				synchronized (seen) {
					if (seen.get(seq)) {
						duplicates.incrementAndGet();
					}
					seen.set(seq);
				}
				deliveries.incrementAndGet();
			}, "reliability", 10_000);
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
				.withPropertyValues("amps.uri=" + server.uri(), "amps.client-name=reliability-pub",
						"amps.publish-store.type=memory", "amps.reconnect.strategy=fixed",
						"amps.reconnect.initial-delay=10ms", "amps.shutdown.flush-timeout=60s")
				.run((context) -> {
					AmpsTemplate template = context.getBean(AmpsTemplate.class);
					String name = context.getBean(HAClient.class).getName();
					for (int seq = 0; seq < MESSAGES; seq++) {
						if (dropPoints.contains(seq)) {
							dropPublisher(server, name);
						}
						template.publish("reliability", "{\"seq\":" + seq + "}");
					}
					template.flush(Duration.ofSeconds(60));
					assertThat(context.getBean(HAClient.class).getPublishStore().unpersistedCount()).isZero();
				});
			await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.get() >= MESSAGES);
			synchronized (seen) {
				assertThat(seen.cardinality()).as("distinct messages received").isEqualTo(MESSAGES);
			}
			assertThat(duplicates.get()).as("duplicates").isZero();
			assertThat(deliveries.get()).isEqualTo(MESSAGES);
			long logons = server.receivedFrames()
				.stream()
				.filter((frame) -> "logon".equals(frame.command()) && "reliability-pub".equals(frame.clientName()))
				.count();
			assertThat(logons).as("the publisher logged on again after each drop").isEqualTo(DROPS + 1);
		}
	}

	@Test
	void everyPublishArrivesExactlyOnceAcrossDropsAndAFailoverBetweenTwoReplicatedServers() throws Exception {
		try (AmpsTestServer primary = new AmpsTestServer().start();
				AmpsTestServer secondary = new AmpsTestServer().recordFrames(Integer.MAX_VALUE).start();
				Client onPrimary = new Client("reliability-sub-a");
				Client onSecondary = new Client("reliability-sub-b")) {
			primary.replicatePublishesWith(secondary);
			BitSet seen = new BitSet(MESSAGES);
			AtomicInteger deliveries = new AtomicInteger();
			AtomicInteger duplicates = new AtomicInteger();
			for (Client subscriber : new Client[] { onPrimary, onSecondary }) {
				subscriber.connect((subscriber == onPrimary) ? primary.uri() : secondary.uri());
				subscriber.logon();
				subscriber.subscribe((message) -> {
					String data = message.getData();
					int seq = Integer.parseInt(data.substring(data.indexOf(':') + 1, data.length() - 1));
					synchronized (seen) {
						if (seen.get(seq)) {
							duplicates.incrementAndGet();
						}
						seen.set(seq);
					}
					deliveries.incrementAndGet();
				}, "reliability", 10_000);
			}
			Random random = new Random(42);
			TreeSet<Integer> dropPoints = new TreeSet<>();
			while (dropPoints.size() < DROPS) {
				dropPoints.add(1 + random.nextInt(MESSAGES - 1));
			}
			int failoverAt = dropPoints.stream().skip(DROPS / 2).findFirst().orElseThrow();
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
				.withPropertyValues("amps.uri=" + primary.uri() + "," + secondary.uri(),
						"amps.client-name=reliability-ha-pub", "amps.publish-store.type=memory",
						"amps.reconnect.strategy=fixed", "amps.reconnect.initial-delay=10ms",
						"amps.shutdown.flush-timeout=60s")
				.run((context) -> {
					AmpsTemplate template = context.getBean(AmpsTemplate.class);
					String name = context.getBean(HAClient.class).getName();
					for (int seq = 0; seq < MESSAGES; seq++) {
						if (seq == failoverAt) {
							dropPublisher(primary, name);
							primary.stopAccepting();
							primary.dropConnections();
						}
						else if (dropPoints.contains(seq)) {
							dropPublisher((seq < failoverAt) ? primary : secondary, name);
						}
						template.publish("reliability", "{\"seq\":" + seq + "}");
					}
					template.flush(Duration.ofSeconds(60));
				});
			await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.get() >= MESSAGES);
			synchronized (seen) {
				assertThat(seen.cardinality()).as("distinct messages received on both servers").isEqualTo(MESSAGES);
			}
			assertThat(duplicates.get()).as("duplicates").isZero();
			assertThat(secondary.receivedFrames()
				.stream()
				.anyMatch((frame) -> "logon".equals(frame.command()) && "reliability-ha-pub".equals(frame.clientName())))
				.as("the publisher failed over to the secondary")
				.isTrue();
		}
	}

	@Test
	void malformedFramesFromTheServerAreReportedAndTheApplicationKeepsRunning() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start()) {
			java.util.List<Exception> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
				.withPropertyValues("amps.uri=" + server.uri(), "amps.client-name=hostile-target",
						"amps.reconnect.strategy=fixed", "amps.reconnect.initial-delay=10ms")
				.withBean(java.beans.ExceptionListener.class, () -> reported::add)
				.run((context) -> {
					HAClient client = context.getBean(HAClient.class);
					AtomicInteger received = new AtomicInteger();
					client.subscribe((message) -> received.incrementAndGet(), "hostile", 10_000);
					ServerConnection connection = server.awaitLogon(Duration.ofSeconds(10));
					connection.sendRaw(frame("{\"c\":\"p\""));
					await().atMost(Duration.ofSeconds(10)).until(() -> !reported.isEmpty());
					client.publish("hostile", "{\"after\":\"a truncated header\"}");
					await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == 1);

					// more than amps.max-frame-size: refused before it is allocated, and the client
					// reconnects by itself (before the bound, it waited for the 2 GB until the
					// connection dropped)
					connection.sendRaw(new byte[] { 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff });
					await().atMost(Duration.ofSeconds(10)).until(() -> !connection.isOpen());
					assertThat(server.awaitLogon(Duration.ofSeconds(10)).clientName()).isEqualTo("hostile-target");
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(server.receivedFrames()
							.stream()
							.filter((frame) -> "subscribe".equals(frame.command()))
							.count()).isEqualTo(2));
					client.publish("hostile", "{\"after\":\"a 2 GB length\"}");
					await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == 2);
				});
		}
	}

	private static byte[] frame(String header) {
		byte[] bytes = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		return java.nio.ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
	}

	@Test
	void aFallbackThatThrowsOnEveryMessageNeverCostsTheClientItsReceiveThread() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start()) {
			AtomicInteger calls = new AtomicInteger();
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class))
				.withPropertyValues("amps.uri=" + server.uri())
				.withBean(LastChanceMessageHandler.class, () -> (message) -> {
					calls.incrementAndGet();
					throw new IllegalStateException("always fails");
				})
				.run((context) -> {
					HAClient client = context.getBean(HAClient.class);
					client.setExceptionListener((ex) -> {
					});
					AtomicInteger received = new AtomicInteger();
					client.subscribe((message) -> received.incrementAndGet(), "contained", 10_000);
					for (int i = 0; i < 1000; i++) {
						client.publish("contained", "{\"bad\":");
						client.publish("contained", "{\"good\":" + i + "}");
					}
					await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() == 1000 && received.get() == 1000);
				});
		}
	}

	@Test
	void aBlockingFallbackStallsDeliveryForTheClientUntilItReturnsAndNothingIsLost() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch blocked = new CountDownLatch(1);
		try (AmpsTestServer server = new AmpsTestServer().start()) {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class))
				.withPropertyValues("amps.uri=" + server.uri())
				.withBean(LastChanceMessageHandler.class, () -> (message) -> {
					blocked.countDown();
					try {
						release.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				})
				.run((context) -> {
					HAClient client = context.getBean(HAClient.class);
					AtomicInteger received = new AtomicInteger();
					client.subscribe((message) -> received.incrementAndGet(), "stalled", 10_000);
					client.publish("stalled", "{\"bad\":");
					assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
					for (int i = 0; i < 100; i++) {
						client.publish("stalled", "{\"good\":" + i + "}");
					}
					assertThat(server.takeFrame("p", Duration.ofSeconds(5))).isNotNull();
					await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> received.get() == 0);
					release.countDown();
					await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == 100);
				});
		}
	}

	/**
	 * Drops the publisher's connection, once it has logged on again after the previous drop.
	 */
	private static void dropPublisher(AmpsTestServer server, String name) {
		List<ServerConnection> connections = await().atMost(Duration.ofSeconds(30))
			.until(() -> server.connections()
				.stream()
				.filter((connection) -> name.equals(connection.clientName()) && connection.isOpen())
				.toList(), (open) -> !open.isEmpty());
		connections.forEach(ServerConnection::drop);
	}

}
