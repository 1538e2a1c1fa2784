package org.ampsboot.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.MemoryPublishStore;
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
 * The cost of a publish whose acknowledgement the caller can observe
 * ({@code AmpsTemplate.publishConfirmed}) against the fire-and-forget publish, each with a memory publish store
 * (where the future completes on AMPS's persisted acknowledgement), against the test server:
 * <ul>
 * <li>{@code raw}: {@code client.publish} on a raw {@code HAClient} with a {@code MemoryPublishStore} (the
 * baseline);</li>
 * <li>{@code template}: {@code AmpsTemplate.publish} with {@code amps.publish-store.type=memory};</li>
 * <li>{@code confirmed}: {@code AmpsTemplate.publishConfirmed}, same store; every 1,000th operation waits for its
 * future, so the futures outstanding stay bounded and the acknowledgements are part of what is measured.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ConfirmedPublishBenchmark {

	static final String TOPIC = "bench-confirmed";

	@Param({ "raw", "template", "confirmed" })
	public String publisher;

	private AmpsTestServer server;

	private ConfigurableApplicationContext context;

	private HAClient rawClient;

	private AmpsTemplate template;

	private long count;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.server = new AmpsTestServer().recordFrames(0).start();
		if (this.publisher.equals("raw")) {
			this.context = BenchApp.start(null, "amps.enabled=false");
			this.rawClient = new HAClient("bench-raw-confirmed");
			DefaultServerChooser chooser = new DefaultServerChooser();
			chooser.add(this.server.uri());
			this.rawClient.setServerChooser(chooser);
			this.rawClient.setPublishStore(new MemoryPublishStore(10000));
			this.rawClient.connectAndLogon();
		}
		else {
			this.context = BenchApp.start(null, "amps.uri=" + this.server.uri(), "amps.client-name=bench-confirmed",
					"amps.publish-store.type=memory");
			this.template = this.context.getBean(AmpsTemplate.class);
		}
	}

	@Benchmark
	public long publish() throws Exception {
		switch (this.publisher) {
			case "raw" -> {
				return this.rawClient.publish(TOPIC, Order.JSON);
			}
			case "template" -> {
				this.template.publish(TOPIC, Order.JSON);
				return 0;
			}
			default -> {
				CompletableFuture<Void> future = this.template.publishConfirmed(TOPIC, Order.JSON);
				if (++this.count % 1000 == 0) {
					future.get(30, TimeUnit.SECONDS);
				}
				return 0;
			}
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		if (this.rawClient != null) {
			this.rawClient.close();
		}
		if (this.context != null) {
			this.context.close();
		}
		this.server.close();
	}

}
