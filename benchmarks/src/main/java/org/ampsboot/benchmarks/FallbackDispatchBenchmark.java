package org.ampsboot.benchmarks;

import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
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
import org.springframework.core.annotation.Order;

import org.ampsboot.AmpsUnexpectedMessage;
import org.ampsboot.LastChanceMessageHandler;
import org.ampsboot.test.AmpsTestServer;

/**
 * Fallback dispatch: an unexpected message enters the client where its transport hands it over (see
 * {@link ClientEntry}), and the client routes it to its last-chance handler.
 * <ul>
 * <li>{@code raw}: a raw {@code MessageHandler} set with {@code setLastChanceMessageHandler} on a raw
 * {@code HAClient} (the baseline);</li>
 * <li>{@code raw5}: the same, fanning out by hand to five handlers (the baseline a five-fallback application
 * would write without the starter);</li>
 * <li>{@code bean}: the starter's client with one {@link LastChanceMessageHandler} bean;</li>
 * <li>{@code annotated}: the starter's client with one {@link AmpsUnexpectedMessage @AmpsUnexpectedMessage}
 * method {@code (Message)};</li>
 * <li>{@code mixed5}: the starter's client with three beans and two methods ({@code (Message)} and
 * {@code (Message, Client)}).</li>
 * </ul>
 * Every client is logged on to an {@link AmpsTestServer}; the starter's through its auto-configuration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FallbackDispatchBenchmark {

	@Param({ "raw", "raw5", "bean", "annotated", "mixed5" })
	public String fallback;

	/**
	 * The unexpected message: {@code failureAck}, the failure ack of a publish AMPS could not parse (no command
	 * id); {@code orphanPublish}, a publish for a subscription the client no longer has.
	 */
	@Param({ "failureAck", "orphanPublish" })
	public String message;

	private AmpsTestServer server;

	private ConfigurableApplicationContext context;

	private HAClient rawClient;

	private MessageHandler entry;

	private Message unexpected;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.server = new AmpsTestServer().start();
		Client client;
		int handlers = 1;
		switch (this.fallback) {
			case "raw", "raw5" -> {
				this.context = BenchApp.start(null, "amps.enabled=false");
				this.rawClient = ClientEntry.rawClient(this.server.uri(), "bench-raw-fallback");
				if (this.fallback.equals("raw")) {
					this.rawClient.setLastChanceMessageHandler((message) -> Work.consume(message));
				}
				else {
					this.rawClient.setLastChanceMessageHandler(new FanOut(
							(message) -> Work.consume(message), (message) -> Work.consume(message),
							(message) -> Work.consume(message), (message) -> Work.consume(message),
							(message) -> Work.consume(message)));
					handlers = 5;
				}
				client = this.rawClient;
			}
			case "bean", "annotated", "mixed5" -> {
				Class<?> variant = switch (this.fallback) {
					case "bean" -> OneBean.class;
					case "annotated" -> OneMethod.class;
					default -> FiveMixed.class;
				};
				handlers = this.fallback.equals("mixed5") ? 5 : 1;
				this.context = BenchApp.start(variant, "amps.uri=" + this.server.uri());
				client = this.context.getBean(HAClient.class);
			}
			default -> throw new IllegalArgumentException(this.fallback);
		}
		this.entry = ClientEntry.of(client);
		this.unexpected = this.message.equals("failureAck") ? ClientEntry.unexpectedFailureAck(client)
				: ClientEntry.delivery(client, "orders", "gone-subscription", org.ampsboot.benchmarks.Order.JSON);
		ClientEntry.check(this.entry, this.unexpected, handlers, "fallback " + this.fallback + ", " + this.message);
	}

	@Benchmark
	public void dispatch() {
		this.entry.invoke(this.unexpected);
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

	/** A hand-written fan-out to several raw handlers. */
	static final class FanOut implements MessageHandler {

		private final MessageHandler[] handlers;

		FanOut(MessageHandler... handlers) {
			this.handlers = handlers;
		}

		@Override
		public void invoke(Message message) {
			for (MessageHandler handler : this.handlers) {
				handler.invoke(message);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OneBean {

		@Bean
		LastChanceMessageHandler benchFallback() {
			return (message) -> Work.consume(message);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OneMethod {

		@Bean
		AnnotatedFallback annotatedFallback() {
			return new AnnotatedFallback();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FiveMixed {

		@Bean
		@Order(1)
		LastChanceMessageHandler firstFallback() {
			return (message) -> Work.consume(message);
		}

		@Bean
		@Order(2)
		LastChanceMessageHandler secondFallback() {
			return (message) -> Work.consume(message);
		}

		@Bean
		@Order(3)
		LastChanceMessageHandler thirdFallback() {
			return (message) -> Work.consume(message);
		}

		@Bean
		AnnotatedFallback annotatedFallback() {
			return new AnnotatedFallback();
		}

		@Bean
		AnnotatedFallbackWithClient annotatedFallbackWithClient() {
			return new AnnotatedFallbackWithClient();
		}

	}

	public static class AnnotatedFallback {

		@AmpsUnexpectedMessage
		public void onUnexpected(Message message) {
			Work.consume(message);
		}

	}

	public static class AnnotatedFallbackWithClient {

		@AmpsUnexpectedMessage
		public void onUnexpected(Message message, Client client) {
			Work.consume(message);
		}

	}

}
