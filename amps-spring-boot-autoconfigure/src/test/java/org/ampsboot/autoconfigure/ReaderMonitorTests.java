package org.ampsboot.autoconfigure;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.HAClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.ampsboot.autoconfigure.client.AmpsReaderMonitor;
import org.ampsboot.autoconfigure.health.AmpsHealthContributorAutoConfiguration;
import org.ampsboot.health.AmpsHealthIndicator;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.ServerConnection;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dead receive thread and an oversized frame, in this JVM: health DOWN with the cause,
 * readiness refused while it lasts, then the client is reconnected and later messages arrive.
 * (The 1 GB frame in a small heap is {@link ReaderRecoveryProcessTests}.)
 */
class ReaderMonitorTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final List<AvailabilityState> states = new CopyOnWriteArrayList<>();

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	/** The health at the moment readiness was refused (recovery can take less than 100 ms). */
	private final List<Health> healthWhenRefused = new CopyOnWriteArrayList<>();

	private final List<Long> eventNanos = new CopyOnWriteArrayList<>();

	private volatile AmpsHealthIndicator indicator;

	private AmpsTestServer server;

	@BeforeEach
	void start() {
		this.server = new AmpsTestServer().start();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
					AmpsAutoConfiguration.class, AmpsHealthContributorAutoConfiguration.class))
			.withBean("availabilityRecorder", ApplicationListener.class,
					() -> (ApplicationListener<AvailabilityChangeEvent<?>>) this::availabilityChanged)
			.withPropertyValues("amps.uri=" + this.server.uri(), "amps.reconnect.strategy=fixed",
					"amps.reconnect.initial-delay=50ms", "amps.publish-store.type=memory");
	}

	private void availabilityChanged(AvailabilityChangeEvent<?> event) {
		if (event.getState() == ReadinessState.REFUSING_TRAFFIC && this.indicator != null) {
			this.healthWhenRefused.add(this.indicator.health(true));
		}
		this.states.add(event.getState());
		this.eventNanos.add(System.nanoTime());
	}

	private long recoveryMillis() {
		int refused = this.states.indexOf(ReadinessState.REFUSING_TRAFFIC);
		return (this.eventNanos.get(refused + 1) - this.eventNanos.get(refused)) / 1_000_000;
	}

	@Test
	void aReceiveThreadKilledByAnErrorMakesHealthDownAndTheClientIsReconnected() {
		contextRunner().run((context) -> {
			HAClient client = context.getBean(HAClient.class);
			AmpsHealthIndicator indicator = context.getBean(AmpsHealthIndicator.class);
			this.indicator = indicator;
			client.subscribe((message) -> {
				if (message.getData().contains("boom")) {
					// what an Error thrown by a message handler does to the receive thread (the real
					// OutOfMemoryError is in ReaderRecoveryProcessTests: surefire ends its JVM on one)
					throw new StackOverflowError("a listener recursed too deep");
				}
				this.received.add(message.getData());
			}, "orders", 5000);
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);

			client.publish("orders", "{\"boom\":1}");

			await().dontCatchUncaughtExceptions().atMost(WAIT).untilAsserted(() -> assertThat(this.states).contains(ReadinessState.REFUSING_TRAFFIC));
			Health down = this.healthWhenRefused.get(0);
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) down.getDetails().get("reader")).contains("receive thread died")
				.contains("java.lang.StackOverflowError: a listener recursed too deep");
			await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> indicator.health(true).getStatus().equals(Status.UP));
			assertThat(this.states).endsWith(ReadinessState.REFUSING_TRAFFIC, ReadinessState.ACCEPTING_TRAFFIC)
				.doesNotContain(LivenessState.BROKEN);
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(AmpsReaderMonitor.of(client).recoveries()).isEqualTo(1);
			System.out.println("receive thread death: readiness refused for " + recoveryMillis() + " ms");

			for (int i = 0; i < 100; i++) {
				client.publish("orders", "{\"n\":" + i + "}");
			}
			await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> this.received.size() == 100);
		});
	}

	@Test
	void aFrameAnnouncingMoreThanTheMaximumIsRefusedAndTheClientReconnects() {
		contextRunner().withPropertyValues("amps.max-frame-size=1MB").run((context) -> {
			HAClient client = context.getBean(HAClient.class);
			AmpsHealthIndicator indicator = context.getBean(AmpsHealthIndicator.class);
			this.indicator = indicator;
			client.subscribe((message) -> this.received.add(message.getData()), "orders", 5000);
			ServerConnection connection = this.server.awaitLogon(WAIT);

			connection.sendRaw(frameAnnouncing(16 * 1024 * 1024, 256 * 1024));

			await().dontCatchUncaughtExceptions().atMost(WAIT).untilAsserted(() -> assertThat(this.states).contains(ReadinessState.REFUSING_TRAFFIC));
			assertThat(this.healthWhenRefused.get(0).getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) this.healthWhenRefused.get(0).getDetails().get("reader"))
				.contains("refused a frame announcing 16777216 bytes, more than amps.max-frame-size (1048576 bytes)");
			await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> indicator.health(true).getStatus().equals(Status.UP));
			assertThat(AmpsReaderMonitor.of(client).refusedFrames()).isEqualTo(1);
			System.out.println("refused frame: readiness refused for " + recoveryMillis() + " ms");
			assertThat(this.server.connections()).filteredOn(ServerConnection::isOpen).hasSize(1);

			client.publish("orders", "{\"after\":1}");
			assertThat(this.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("{\"after\":1}");
		});
	}

	@Test
	void withHeartbeatsAFrameThatNeverEndsIsDetectedAfterTheReadTimeoutAndTheClientReconnects() {
		contextRunner().withPropertyValues("amps.heartbeat.interval=1s", "amps.heartbeat.read-timeout=2s")
			.run((context) -> {
				HAClient client = context.getBean(HAClient.class);
				this.indicator = context.getBean(AmpsHealthIndicator.class);
				client.subscribe((message) -> this.received.add(message.getData()), "orders", 5000);
				ServerConnection connection = this.server.awaitLogon(WAIT);
				long start = System.nanoTime();

				// 1 MB announced, 8 bytes sent: the client waits for the rest, and the server's
				// heartbeats arrive as part of that frame, so its own heartbeat check never fires
				connection.sendRaw(frameAnnouncing(1024 * 1024, 8));

				await().dontCatchUncaughtExceptions()
					.atMost(WAIT)
					.untilAsserted(() -> assertThat(this.states).contains(ReadinessState.REFUSING_TRAFFIC));
				long detectedMillis = (System.nanoTime() - start) / 1_000_000;
				assertThat((String) this.healthWhenRefused.get(0).getDetails().get("reader"))
					.contains("no complete frame from AMPS for more than the heartbeat read timeout (2 s)");
				await().dontCatchUncaughtExceptions()
					.atMost(WAIT)
					.until(() -> this.indicator.health(true).getStatus().equals(Status.UP));
				System.out.println("stalled frame: detected after " + detectedMillis + " ms, readiness refused for "
						+ recoveryMillis() + " ms");
				client.publish("orders", "{\"after\":1}");
				assertThat(this.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("{\"after\":1}");
			});
	}

	@Test
	void framesUpToTheMaximumPassAcrossChunks() {
		contextRunner().withPropertyValues("amps.max-frame-size=64KB").run((context) -> {
			HAClient client = context.getBean(HAClient.class);
			client.subscribe((message) -> this.received.add(message.getData()), "orders", 5000);
			String big = "{\"text\":\"" + "x".repeat(60 * 1024) + "\"}";
			for (int i = 0; i < 20; i++) {
				client.publish("orders", big);
			}
			await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> this.received.size() == 20);
			assertThat(AmpsReaderMonitor.of(client).problem()).isNull();
			assertThat(AmpsReaderMonitor.of(client).refusedFrames()).isZero();
		});
	}

	/** A length prefix, then random bytes: what a corrupt or hostile peer sends. */
	static byte[] frameAnnouncing(int length, int sent) {
		byte[] bytes = new byte[4 + sent];
		new Random(1).nextBytes(bytes);
		ByteBuffer.wrap(bytes).putInt(length);
		return bytes;
	}

}
