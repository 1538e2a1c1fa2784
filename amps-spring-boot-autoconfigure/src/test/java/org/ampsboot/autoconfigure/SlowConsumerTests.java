package org.ampsboot.autoconfigure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.crankuptheamps.client.Client;
import org.junit.jupiter.api.Test;

import org.ampsboot.AmpsListener;
import org.ampsboot.test.AmpsTestServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener slower than the publisher, for two minutes (the {@code slowConsumer.duration}
 * system property shortens it for local runs), in a JVM with a 256 MB heap (its own surefire
 * execution). Memory stays bounded because nothing between publisher and listener buffers
 * without limit: the listener runs on the client's receive thread, the test server writes to a
 * slow subscriber with blocking writes, and TCP back-pressure finally slows the publisher.
 * Nothing is lost: every published message reaches the listener, in order.
 */
class SlowConsumerTests {

	private static final Duration DURATION = Duration.parse(System.getProperty("slowConsumer.duration", "PT2M"));

	/** The heap, after garbage collection, may not grow past this. */
	private static final long HEAP_LIMIT = 160L * 1024 * 1024;

	static class SlowListener {

		final AtomicInteger received = new AtomicInteger();

		final AtomicInteger outOfOrder = new AtomicInteger();

		@AmpsListener(topic = "firehose")
		void onMessage(String payload) {
			int sequence = Integer.parseInt(payload.substring(payload.indexOf(':') + 1, payload.length() - 1));
			if (sequence != this.received.get()) {
				this.outOfOrder.incrementAndGet();
			}
			this.received.incrementAndGet();
			// Simulated work: 50 microseconds a message, slower than the publisher.
			LockSupport.parkNanos(50_000);
		}

	}

	@Test
	void aListenerSlowerThanThePublisherKeepsMemoryBoundedAndLosesNothing() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().recordFrames(0).start()) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
				.withPropertyValues("amps.uri=" + server.uri())
				.withBean(SlowListener.class)
				.run((context) -> {
					SlowListener listener = context.getBean(SlowListener.class);
					AtomicLong peakHeapAfterGc = new AtomicLong();
					AtomicBoolean running = new AtomicBoolean(true);
					Thread sampler = new Thread(() -> {
						while (running.get()) {
							peakHeapAfterGc.accumulateAndGet(heapAfterLastGc(), Math::max);
							LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
						}
					}, "heap-sampler");
					sampler.start();
					int published = 0;
					try (Client publisher = new Client("slow-consumer-publisher")) {
						publisher.connect(server.uri());
						publisher.logon();
						long end = System.nanoTime() + DURATION.toNanos();
						while (System.nanoTime() < end) {
							publisher.publish("firehose", "{\"seq\":" + published + "}");
							published++;
						}
						int total = published;
						await().atMost(Duration.ofMinutes(2)).until(() -> listener.received.get() >= total);
					}
					finally {
						running.set(false);
						sampler.join();
					}
					assertThat(listener.received.get()).isEqualTo(published);
					assertThat(listener.outOfOrder.get()).isZero();
					assertThat(peakHeapAfterGc.get()).as("peak heap after GC, bytes").isLessThan(HEAP_LIMIT);
					System.out.printf("Slow consumer: %d messages in %s, peak heap after GC %d MB%n", published, DURATION,
							peakHeapAfterGc.get() / (1024 * 1024));
				});
		}
	}

	private static long heapAfterLastGc() {
		long used = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			MemoryUsage afterGc = pool.getCollectionUsage();
			if (pool.getType() == MemoryType.HEAP && afterGc != null) {
				used += afterGc.getUsed();
			}
		}
		return used;
	}

}
