package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.Test;

import org.ampsboot.AmpsUnexpectedMessage;
import org.ampsboot.LastChanceMessageHandler;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end fallback scenarios that hold on any AMPS: the test server here, a real AMPS in
 * {@link FallbackScenariosOnRealAmpsTests}. The real AMPS client talks over the wire in each.
 */
abstract class FallbackScenarios {

	static final Duration WAIT = Duration.ofSeconds(10);

	/** The URI of the AMPS the scenarios run against. */
	abstract String uri();

	/** A topic unique to the run, so that scenarios never see each other's messages. */
	String topic() {
		return "amps-boot-test-" + Long.toHexString(System.nanoTime());
	}

	ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + uri(), "amps.first-connect-timeout=10s");
	}

	@Test
	void failureAckForAMalformedPublishReachesEveryFallbackOfBothStyles() {
		contextRunner().withUserConfiguration(RecordingFallbacks.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Recorder recorder = context.getBean(Recorder.class);
			context.getBean(HAClient.class).publish(topic(), "{\"id\":1,\"qty\":");
			List<Seen> seen = recorder.take(3);
			assertThat(seen).extracting(Seen::who).containsExactly("first-bean", "second-bean", "annotated");
			assertThat(seen).allSatisfy((one) -> {
				assertThat(one.command()).isEqualTo(Message.Command.Ack);
				assertThat(one.status()).isEqualTo(Message.Status.Failure);
				assertThat(one.reason()).isEqualTo("parse error");
			});
			assertThat(seen.get(2).client()).isSameAs(context.getBean(HAClient.class));
		});
	}

	@Test
	void aThrowingFallbackDoesNotStopTheOthersAndTheClientKeepsWorking() {
		contextRunner().withUserConfiguration(ThrowingFirstFallbacks.class).run((context) -> {
			assertThat(context).hasNotFailed();
			HAClient client = context.getBean(HAClient.class);
			BlockingQueue<Exception> reported = new LinkedBlockingQueue<>();
			client.setExceptionListener(reported::add);
			Recorder recorder = context.getBean(Recorder.class);
			String topic = topic();
			client.publish(topic, "not json at all");
			assertThat(recorder.take(1)).extracting(Seen::who).containsExactly("after-thrower");
			Exception exception = reported.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(exception).hasMessage("fallback failed on purpose");
			BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
			client.subscribe((message) -> delivered.add(message.getData()), topic, 10_000);
			client.publish(topic, "{\"still\":\"working\"}");
			assertThat(delivered.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("{\"still\":\"working\"}");
		});
	}

	record Seen(String who, int command, int status, String reason, String topic, Client client) {
	}

	static class Recorder {

		private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

		void record(String who, Message message, Client client) {
			this.seen.add(new Seen(who, message.getCommand(), message.getStatus(), message.getReasonText(),
					message.getTopic(), client));
		}

		List<Seen> take(int count) throws InterruptedException {
			List<Seen> taken = new java.util.ArrayList<>();
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (taken.size() < count) {
				Seen next = this.seen.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				assertThat(next).as("fallback call %d of %d (got %s)", taken.size() + 1, count, taken).isNotNull();
				taken.add(next);
			}
			return taken;
		}

		List<Seen> drain() {
			List<Seen> rest = new java.util.ArrayList<>();
			this.seen.drainTo(rest);
			return rest;
		}

	}

	static class AnnotatedFallback {

		private final Recorder recorder;

		AnnotatedFallback(Recorder recorder) {
			this.recorder = recorder;
		}

		@AmpsUnexpectedMessage
		void onUnexpected(Client client, Message message) {
			this.recorder.record("annotated", message, client);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingFallbacks {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		@Order(2)
		LastChanceMessageHandler secondBean(Recorder recorder) {
			return (message) -> recorder.record("second-bean", message, null);
		}

		@Bean
		@Order(1)
		LastChanceMessageHandler firstBean(Recorder recorder) {
			return (message) -> recorder.record("first-bean", message, null);
		}

		@Bean
		AnnotatedFallback annotatedFallback(Recorder recorder) {
			return new AnnotatedFallback(recorder);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ThrowingFirstFallbacks {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		@Order(1)
		LastChanceMessageHandler thrower() {
			return (message) -> {
				throw new IllegalStateException("fallback failed on purpose");
			};
		}

		@Bean
		@Order(2)
		LastChanceMessageHandler afterThrower(Recorder recorder) {
			return (message) -> recorder.record("after-thrower", message, null);
		}

	}

}
