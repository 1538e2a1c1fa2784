package org.ampsboot.benchmarks;

import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.ampsboot.test.AmpsTestServer;

/**
 * End to end: a raw publishing {@code HAClient} and a raw subscribing {@code HAClient}, both the official
 * client, logged on to
 * <ul>
 * <li>{@code sink}: a {@link FrameSink} that only reads frames (the baseline); a message counts when the
 * sink has read it;</li>
 * <li>{@code testServer}: an {@link AmpsTestServer} as it comes (it records every frame it receives); a message
 * counts when the subscriber's handler got it;</li>
 * <li>{@code testServerUnrecorded}: the same with {@code recordFrames(0)}, as its Javadoc advises for heavy runs
 * (a diagnostic: how much of the difference is the recording).</li>
 * </ul>
 * One operation publishes {@value #BATCH} messages and then waits until all but the last {@value #WINDOW}
 * published so far have arrived, so the pipeline stays full; the score is messages per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EndToEndBenchmark {

	static final int BATCH = 1000;

	static final int WINDOW = 1000;

	static final String TOPIC = "bench-e2e";

	@Param({ "sink", "testServer", "testServerUnrecorded" })
	public String server;

	private AutoCloseable serverInstance;

	private HAClient publisher;

	private HAClient subscriber;

	private final Arrivals arrivals = new Arrivals();

	private long published;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		String uri;
		if (this.server.equals("sink")) {
			FrameSink sink = new FrameSink(this.arrivals);
			this.serverInstance = sink;
			uri = sink.uri();
		}
		else {
			AmpsTestServer testServer = new AmpsTestServer();
			if (this.server.equals("testServerUnrecorded")) {
				testServer.recordFrames(0);
			}
			testServer.start();
			this.serverInstance = testServer;
			uri = testServer.uri();
		}
		this.subscriber = ClientEntry.rawClient(uri, "bench-e2e-subscriber");
		boolean countAtSubscriber = !this.server.equals("sink");
		this.subscriber.executeAsync(new Command("subscribe").setTopic(TOPIC), (message) -> {
			if (message.getCommand() == Message.Command.Publish && countAtSubscriber) {
				this.arrivals.arrived();
			}
		});
		this.publisher = ClientEntry.rawClient(uri, "bench-e2e-publisher");
		publishBatch();
		this.arrivals.awaitAtLeast(this.published, 10_000);
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void publishAndDeliver() throws Exception {
		publishBatch();
		this.arrivals.awaitAtLeast(this.published - WINDOW, 60_000);
	}

	private void publishBatch() throws Exception {
		for (int i = 0; i < BATCH; i++) {
			this.publisher.publish(TOPIC, Order.JSON);
		}
		this.published += BATCH;
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.arrivals.awaitAtLeast(this.published, 60_000);
		this.publisher.close();
		this.subscriber.close();
		this.serverInstance.close();
	}

}
