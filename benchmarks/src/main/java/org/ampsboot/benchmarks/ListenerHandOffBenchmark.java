package org.ampsboot.benchmarks;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.ampsboot.AmpsHeader;
import org.ampsboot.AmpsListener;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.ReceivedFrame;

/**
 * Listener dispatch on the receive thread against the hand-off to an executor (issue 15), through the
 * starter's client in both cases: a publish for the listener's subscription enters the client where its
 * transport hands it over (as in {@link ListenerDispatchBenchmark}); the benchmark thread plays the receive
 * thread. The score is messages per second through the listener: with a hand-off at most
 * {@code amps.listener.dispatch.max-in-flight} (256) are in flight, so the benchmark thread waits for the
 * workers and cannot run ahead of them by more than that.
 * <ul>
 * <li>{@code noopReceiveThread} / {@code noopHandOff}: a listener that does nothing (it counts the message),
 * on the receive thread, and handed off per topic to one worker (ordered; the copy of each message included);
 * the message is always the same;</li>
 * <li>{@code blockingReceiveThread} / {@code blockingPerKey8}: a listener that blocks for 1 ms per message,
 * on the receive thread, and handed off per SOW key with concurrency 8; each message carries one of 64 SOW keys
 * in turn and a sequence number per key, which the listener checks: a message out of order per key fails the
 * benchmark at the end of the iteration.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ListenerHandOffBenchmark {

	static final String TOPIC = "bench-handoff";

	static final int KEYS = 64;

	@Param({ "noopReceiveThread", "noopHandOff", "blockingReceiveThread", "blockingPerKey8" })
	public String variant;

	private AmpsTestServer server;

	private ConfigurableApplicationContext context;

	private MessageHandler entry;

	private Message message;

	private boolean blocking;

	private final String[] keys = new String[KEYS];

	private final long[] sequences = new long[KEYS];

	private int next;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.server = new AmpsTestServer().start();
		this.blocking = this.variant.startsWith("blocking");
		String[] dispatch = switch (this.variant) {
			case "noopReceiveThread", "blockingReceiveThread" -> new String[] { "amps.listener.dispatch.mode=receive-thread" };
			case "noopHandOff" -> new String[] { "amps.listener.dispatch.mode=per-topic",
					"amps.listener.dispatch.concurrency=1" };
			case "blockingPerKey8" -> new String[] { "amps.listener.dispatch.mode=per-key",
					"amps.listener.dispatch.concurrency=8" };
			default -> throw new IllegalArgumentException(this.variant);
		};
		String[] properties = new String[dispatch.length + 1];
		properties[0] = "amps.uri=" + this.server.uri();
		System.arraycopy(dispatch, 0, properties, 1, dispatch.length);
		this.context = BenchApp.start(this.blocking ? BlockingListener.class : NoopListener.class, properties);
		HAClient client = this.context.getBean(HAClient.class);
		ReceivedFrame subscribe = this.server.takeFrame("subscribe", Duration.ofSeconds(10));
		if (subscribe == null || !TOPIC.equals(subscribe.topic())) {
			throw new IllegalStateException("No subscription to " + TOPIC + " reached the test server: " + subscribe);
		}
		this.entry = ClientEntry.of(client);
		this.message = ClientEntry.delivery(client, TOPIC, subscribe.header("sub_id"), Order.JSON);
		for (int i = 0; i < KEYS; i++) {
			this.keys[i] = "key-" + i;
		}
		Counted.reset();
		dispatch();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (Counted.count() < 1 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		if (Counted.count() != 1) {
			throw new IllegalStateException(this.variant + ": the listener did not receive the message");
		}
	}

	@Benchmark
	public void dispatch() {
		Message message = this.message;
		if (this.blocking) {
			int key = this.next;
			this.next = (key + 1 == KEYS) ? 0 : key + 1;
			message.setSowKey(this.keys[key]);
			message.setCorrelationId(Long.toString(this.sequences[key]++));
		}
		this.entry.invoke(message);
	}

	@TearDown(Level.Iteration)
	public void checkOrder() {
		if (Counted.outOfOrder.get() != 0) {
			throw new IllegalStateException(this.variant + ": " + Counted.outOfOrder.get()
					+ " message(s) out of order per SOW key");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if (this.context != null) {
			this.context.close();
		}
		this.server.close();
	}

	/** What the listeners count, from any thread. */
	static final class Counted {

		static final AtomicLong received = new AtomicLong();

		static final AtomicLong outOfOrder = new AtomicLong();

		static final ConcurrentHashMap<String, Long> last = new ConcurrentHashMap<>();

		static void reset() {
			received.set(0);
			outOfOrder.set(0);
			last.clear();
		}

		static long count() {
			return received.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoopListener {

		@Bean
		Noop noop() {
			return new Noop();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BlockingListener {

		@Bean
		Blocking blocking() {
			return new Blocking();
		}

	}

	public static class Noop {

		@AmpsListener(topic = TOPIC)
		public void onMessage(String json) {
			Counted.received.incrementAndGet();
		}

	}

	public static class Blocking {

		@AmpsListener(topic = TOPIC)
		public void onMessage(@AmpsHeader(AmpsHeader.Field.SOW_KEY) String key,
				@AmpsHeader(AmpsHeader.Field.CORRELATION_ID) String sequence) {
			if (key != null && sequence != null) {
				long seq = Long.parseLong(sequence);
				Long previous = Counted.last.put(key, seq);
				if (previous != null && previous + 1 != seq) {
					Counted.outOfOrder.incrementAndGet();
				}
			}
			LockSupport.parkNanos(1_000_000);
			Counted.received.incrementAndGet();
		}

	}

}
