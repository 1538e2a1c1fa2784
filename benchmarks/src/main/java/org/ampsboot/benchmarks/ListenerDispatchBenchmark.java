package org.ampsboot.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.ampsboot.AmpsListener;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.ReceivedFrame;

/**
 * Listener dispatch: a publish for one subscription enters the client where its transport hands it over, and
 * the client routes it to the handler of that subscription.
 * <ul>
 * <li>{@code raw}: a raw {@code HAClient} subscribed with {@code executeAsync} and a raw
 * {@code MessageHandler} that takes the payload as a {@code String} (the baseline);</li>
 * <li>{@code rawObject}: the same raw handler converting the payload with the application's Jackson
 * {@code JsonMapper} from the {@code String} {@code getData()} returns (what {@code object} does, written
 * by hand the usual way);</li>
 * <li>{@code string}: the starter's client with an {@link AmpsListener @AmpsListener} method taking a
 * {@code String} payload;</li>
 * <li>{@code object}: the same with an {@link Order} converted from JSON, which the starter reads from the
 * message's bytes ({@code getDataRaw()}) with the same mapper, without an intermediate {@code String}
 * (issue 15's target: at most 0.8x {@code rawObject}).</li>
 * </ul>
 * Subscriptions are placed on an {@link AmpsTestServer} (the starter's by its listener container); the sub id
 * in the injected message is the one the server received.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ListenerDispatchBenchmark {

	static final String TOPIC = "bench-listener";

	@Param({ "raw", "rawObject", "string", "object" })
	public String listener;

	private AmpsTestServer server;

	private ConfigurableApplicationContext context;

	private HAClient rawClient;

	private MessageHandler entry;

	private Message message;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.server = new AmpsTestServer().start();
		Client client;
		switch (this.listener) {
			case "raw", "rawObject" -> {
				this.context = BenchApp.start(null, "amps.enabled=false");
				this.rawClient = ClientEntry.rawClient(this.server.uri(), "bench-raw-listener");
				MessageHandler handler;
				if (this.listener.equals("raw")) {
					handler = (message) -> {
						if (message.getCommand() == Message.Command.Publish) {
							Work.consume(message.getData());
						}
					};
				}
				else {
					JsonMapper mapper = this.context.getBean(JsonMapper.class);
					handler = (message) -> {
						if (message.getCommand() == Message.Command.Publish) {
							Work.consume(mapper.readValue(message.getData(), Order.class));
						}
					};
				}
				this.rawClient.executeAsync(new Command("subscribe").setTopic(TOPIC), handler);
				client = this.rawClient;
			}
			case "string", "object" -> {
				this.context = BenchApp.start(this.listener.equals("string") ? StringListener.class
						: ObjectListener.class, "amps.uri=" + this.server.uri());
				client = this.context.getBean(HAClient.class);
			}
			default -> throw new IllegalArgumentException(this.listener);
		}
		ReceivedFrame subscribe = this.server.takeFrame("subscribe", Duration.ofSeconds(10));
		if (subscribe == null || !TOPIC.equals(subscribe.topic())) {
			throw new IllegalStateException("No subscription to " + TOPIC + " reached the test server: " + subscribe);
		}
		this.entry = ClientEntry.of(client);
		this.message = ClientEntry.delivery(client, TOPIC, subscribe.header("sub_id"), Order.JSON);
		ClientEntry.check(this.entry, this.message, 1, "listener " + this.listener);
		Object received = Work.last();
		boolean expectedType = this.listener.toLowerCase().contains("object") ? received instanceof Order
				: Order.JSON.equals(received);
		if (!expectedType) {
			throw new IllegalStateException("listener " + this.listener + " received " + received);
		}
	}

	@Benchmark
	public void dispatch() {
		this.entry.invoke(this.message);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if (this.rawClient != null) {
			this.rawClient.close();
		}
		if (this.context != null) {
			this.context.close();
		}
		this.server.close();
	}

	@Configuration(proxyBeanMethods = false)
	static class StringListener {

		@Bean
		TextListener textListener() {
			return new TextListener();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ObjectListener {

		@Bean
		OrderListener orderListener() {
			return new OrderListener();
		}

	}

	public static class TextListener {

		@AmpsListener(topic = TOPIC)
		public void onText(String json) {
			Work.consume(json);
		}

	}

	public static class OrderListener {

		@AmpsListener(topic = TOPIC)
		public void onOrder(Order order) {
			Work.consume(order);
		}

	}

}
