package org.ampsboot.benchmarks;

import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.HAClient;
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

import org.ampsboot.AmpsTemplate;
import org.ampsboot.test.AmpsTestServer;

/**
 * Publish: {@code client.publish(topic, json)} on a raw {@code HAClient} ({@code raw}, the baseline) against
 * {@code AmpsTemplate.publish(topic, json)} of the auto-configured template ({@code template}), each logged
 * on to its own server:
 * <ul>
 * <li>{@code testServer}: an {@link AmpsTestServer}, which reads and handles every frame (no subscriber);</li>
 * <li>{@code sink}: a {@link FrameSink} that only reads frames, so that the publishing side is the bottleneck
 * and the template's own cost shows.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PublishBenchmark {

	static final String TOPIC = "bench-publish";

	@Param({ "raw", "template" })
	public String publisher;

	@Param({ "testServer", "sink" })
	public String server;

	private AutoCloseable serverInstance;

	private ConfigurableApplicationContext context;

	private HAClient rawClient;

	private AmpsTemplate template;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		String uri;
		if (this.server.equals("sink")) {
			FrameSink sink = new FrameSink(new Arrivals());
			this.serverInstance = sink;
			uri = sink.uri();
		}
		else {
			AmpsTestServer testServer = new AmpsTestServer().start();
			this.serverInstance = testServer;
			uri = testServer.uri();
		}
		if (this.publisher.equals("raw")) {
			this.context = BenchApp.start(null, "amps.enabled=false");
			this.rawClient = ClientEntry.rawClient(uri, "bench-raw-publisher");
		}
		else {
			this.context = BenchApp.start(null, "amps.uri=" + uri);
			this.template = this.context.getBean(AmpsTemplate.class);
		}
	}

	@Benchmark
	public long publish() throws Exception {
		if (this.template != null) {
			this.template.publish(TOPIC, Order.JSON);
			return 0;
		}
		return this.rawClient.publish(TOPIC, Order.JSON);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		if (this.rawClient != null) {
			this.rawClient.close();
		}
		if (this.context != null) {
			this.context.close();
		}
		this.serverInstance.close();
	}

}
