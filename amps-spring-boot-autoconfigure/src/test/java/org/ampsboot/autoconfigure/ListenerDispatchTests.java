package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.crankuptheamps.client.ConnectionStateListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsListener.Dispatch;
import org.ampsboot.AmpsListenerErrorHandler;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.listener.AmpsListenerContainer;
import org.ampsboot.listener.AmpsListenerEndpoint;
import org.ampsboot.listener.AmpsListenerRegistry;
import org.ampsboot.test.AmpsTestServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listener dispatch off the client's receive thread (issue 15), with the real client against the
 * test server: heartbeats while a listener blocks, order per SOW key with concurrency, the bound
 * on what is in flight, the error handler on the worker, the executor, and the drain on stop.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerDispatchTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@RegisterExtension
	final AmpsTestServerExtension amps = new AmpsTestServerExtension();

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class,
					AmpsMetricsAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + this.amps.server().uri());
	}

	/** Every connection state of the client, in order. */
	static class States implements ConnectionStateListener {

		final List<Integer> seen = new CopyOnWriteArrayList<>();

		final CountDownLatch disconnected = new CountDownLatch(1);

		@Override
		public void connectionStateChanged(int state) {
			this.seen.add(state);
			if (state == ConnectionStateListener.Disconnected) {
				this.disconnected.countDown();
			}
		}

	}

	static class SlowHandedOff {

		final CountDownLatch returned = new CountDownLatch(1);

		final List<String> received = new CopyOnWriteArrayList<>();

		@AmpsListener(id = "slow", topic = "slow", dispatch = Dispatch.UNORDERED, concurrency = "2")
		void onMessage(String payload) throws InterruptedException {
			this.received.add(payload);
			if (payload.contains("block")) {
				// the scenario: a listener that blocks for five times the heartbeat timeout (2 s)
				new CountDownLatch(1).await(10, TimeUnit.SECONDS);
				this.returned.countDown();
			}
		}

	}

	@Test
	void heartbeatsKeepTheConnectionWhileAHandedOffListenerBlocksForFiveTimesTheHeartbeatTimeout() {
		contextRunner().withPropertyValues("amps.heartbeat.interval=1s", "amps.heartbeat.read-timeout=2s")
			.withBean(States.class)
			.withBean(SlowHandedOff.class)
			.run((context) -> {
				AmpsTemplate template = context.getBean(AmpsTemplate.class);
				SlowHandedOff listener = context.getBean(SlowHandedOff.class);
				States states = context.getBean(States.class);
				int before = states.seen.size();
				template.publish("slow", "{\"block\":true}");
				await().atMost(WAIT).until(() -> listener.received.size() == 1);
				template.publish("slow", "{\"meanwhile\":1}");
				await("the receive thread delivers while the first listener call blocks").atMost(WAIT)
					.until(() -> listener.received.size() == 2);
				assertThat(listener.returned.getCount()).as("still blocked").isEqualTo(1);
				assertThat(listener.returned.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				template.publish("slow", "{\"after\":1}");
				await().atMost(WAIT).until(() -> listener.received.size() == 3);
				assertThat(states.seen.subList(before, states.seen.size()))
					.as("no disconnect while the listener blocked").doesNotContain(ConnectionStateListener.Disconnected);
				assertThat(this.amps.server().connections()).hasSize(1);
			});
	}

	static class SlowOnReceiveThread {

		final CountDownLatch entered = new CountDownLatch(1);

		States states;

		@AmpsListener(topic = "slow")
		void onMessage(String payload) throws InterruptedException {
			this.entered.countDown();
			// blocks the receive thread until the client reports the connection lost (at most 30 s)
			this.states.disconnected.await(30, TimeUnit.SECONDS);
		}

	}

	@Test
	void theSameBlockOnTheReceiveThreadLosesTheConnection() {
		contextRunner().withPropertyValues("amps.heartbeat.interval=1s", "amps.heartbeat.read-timeout=2s")
			.withBean(States.class)
			.withBean(SlowOnReceiveThread.class)
			.run((context) -> {
				SlowOnReceiveThread listener = context.getBean(SlowOnReceiveThread.class);
				listener.states = context.getBean(States.class);
				context.getBean(AmpsTemplate.class).publish("slow", "{\"block\":true}");
				assertThat(listener.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				assertThat(listener.states.disconnected.await(WAIT.toSeconds(), TimeUnit.SECONDS))
					.as("the connection is closed while the receive thread does not read heartbeats").isTrue();
			});
	}

	record Update(String id, int seq) {
	}

	static class PerKey {

		final Map<String, List<Integer>> byKey = new ConcurrentHashMap<>();

		final Map<String, Boolean> threads = new ConcurrentHashMap<>();

		final AtomicInteger now = new AtomicInteger();

		final AtomicInteger most = new AtomicInteger();

		final AtomicInteger count = new AtomicInteger();

		@AmpsListener(id = "prices", topic = "prices", dispatch = Dispatch.PER_KEY, concurrency = "4")
		void onUpdate(Update update) throws InterruptedException {
			int running = this.now.incrementAndGet();
			this.most.accumulateAndGet(running, Math::max);
			this.threads.put(Thread.currentThread().getName(), true);
			this.byKey.computeIfAbsent(update.id(), (key) -> new CopyOnWriteArrayList<>()).add(update.seq());
			// some blocking work, so that keys overlap in time
			new CountDownLatch(1).await(2, TimeUnit.MILLISECONDS);
			this.now.decrementAndGet();
			this.count.incrementAndGet();
		}

	}

	@Test
	void perKeyDispatchKeepsEachRecordsOrderAndProcessesRecordsInParallelUpToTheConcurrency() {
		this.amps.server().sowTopic("prices", "/id");
		contextRunner().withBean(PerKey.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			PerKey listener = context.getBean(PerKey.class);
			int keys = 16;
			int updates = 25;
			for (int seq = 0; seq < updates; seq++) {
				for (int key = 0; key < keys; key++) {
					template.publish("prices", new Update("k" + key, seq));
				}
			}
			await().atMost(WAIT).until(() -> listener.count.get() == keys * updates);
			List<Integer> expected = new ArrayList<>();
			for (int seq = 0; seq < updates; seq++) {
				expected.add(seq);
			}
			assertThat(listener.byKey).hasSize(keys);
			listener.byKey.forEach((key, seqs) -> assertThat(seqs).as("updates of " + key).isEqualTo(expected));
			assertThat(listener.most.get()).as("records in parallel, at most the concurrency").isBetween(2, 4);
			assertThat(listener.threads.keySet()).allMatch((name) -> name.startsWith("amps-listener-prices-"));
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("amps.listener.messages").tag("outcome", "success").timer().count())
				.as("the listener timer counts on the workers").isEqualTo(keys * updates);
			assertThat(meters.get("amps.listener.in.flight").tag("container", "prices").gauge().value()).isZero();
		});
	}

	static class Blocked {

		final CountDownLatch release = new CountDownLatch(1);

		final List<Integer> received = new CopyOnWriteArrayList<>();

		@AmpsListener(id = "bounded", topic = "bounded", dispatch = Dispatch.PER_TOPIC, concurrency = "1",
				maxInFlight = "3")
		void onMessage(Update update) throws InterruptedException {
			this.release.await(60, TimeUnit.SECONDS);
			this.received.add(update.seq());
		}

	}

	@Test
	void atTheBoundTheReceiveThreadWaitsAndNothingIsLost() {
		contextRunner().withBean(Blocked.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			Blocked listener = context.getBean(Blocked.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			for (int seq = 0; seq < 10; seq++) {
				template.publish("bounded", new Update("x", seq));
			}
			await("the receive thread waits for room").atMost(WAIT)
				.until(ListenerDispatchTests::receiveThreadWaitsForRoom);
			assertThat(meters.get("amps.listener.in.flight").tag("container", "bounded").gauge().value())
				.as("in flight: the bound").isEqualTo(3);
			listener.release.countDown();
			await().atMost(WAIT).until(() -> listener.received.size() == 10);
			assertThat(listener.received).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		});
	}

	private static boolean receiveThreadWaitsForRoom() {
		return Thread.getAllStackTraces().values().stream().anyMatch((stack) -> Arrays.stream(stack)
			.anyMatch((frame) -> frame.getClassName().endsWith(".HandOff") && frame.getMethodName().equals("awaitRoom")));
	}

	static class Failing {

		@AmpsListener(topic = "failing", dispatch = Dispatch.UNORDERED)
		void onMessage(String payload) {
			throw new IllegalStateException("listener failed on " + payload);
		}

	}

	static class RecordingErrorHandler implements AmpsListenerErrorHandler {

		final List<String> threads = new CopyOnWriteArrayList<>();

		@Override
		public void handleError(com.crankuptheamps.client.Message message, org.ampsboot.AmpsAcknowledgement ack,
				String listener, Throwable error) {
			this.threads.add(Thread.currentThread().getName() + " " + message.getData() + " " + error.getMessage());
		}

	}

	@Test
	void theErrorHandlerIsCalledOnTheWorkerWithTheCopyOfTheMessage() {
		contextRunner().withBean(Failing.class).withBean(RecordingErrorHandler.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			RecordingErrorHandler handler = context.getBean(RecordingErrorHandler.class);
			template.publish("failing", "{\"n\":1}");
			template.publish("failing", "{\"n\":2}");
			await().atMost(WAIT).until(() -> handler.threads.size() == 2);
			assertThat(handler.threads).allMatch((line) -> line.startsWith("amps-listener-"))
				.anyMatch((line) -> line.endsWith("{\"n\":1} listener failed on {\"n\":1}"))
				.anyMatch((line) -> line.endsWith("{\"n\":2} listener failed on {\"n\":2}"));
		});
	}

	@Test
	void anEndpointHandsOffToTheExecutorBeanItNames() {
		contextRunner().withBean("jobsExecutor", Executor.class, () -> new SimpleAsyncTaskExecutor("my-jobs-"))
			.run((context) -> {
				List<String> threads = new CopyOnWriteArrayList<>();
				context.getBean(AmpsListenerRegistry.class)
					.register(AmpsListenerEndpoint.builder("jobs-endpoint", "endpoint-topic")
						.dispatch(Dispatch.UNORDERED)
						.executor("jobsExecutor")
						.payload(String.class, (payload) -> threads.add(Thread.currentThread().getName()))
						.build());
				await().atMost(WAIT)
					.until(() -> context.getBean(AmpsListenerRegistry.class).getListenerContainer("jobs-endpoint").isSubscribed());
				context.getBean(AmpsTemplate.class).publish("endpoint-topic", "{}");
				await().atMost(WAIT).until(() -> threads.size() == 1);
				assertThat(threads.get(0)).startsWith("my-jobs-");
			});
	}

	@Test
	void stopDrainsWhatIsInFlightAndSaysSo(CapturedOutput output) {
		contextRunner().withBean(Blocked.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			Blocked listener = context.getBean(Blocked.class);
			AmpsListenerContainer container = context.getBean(AmpsListenerRegistry.class).getListenerContainer("bounded");
			for (int seq = 0; seq < 3; seq++) {
				template.publish("bounded", new Update("x", seq));
			}
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(WAIT)
				.until(() -> meters.get("amps.listener.in.flight").tag("container", "bounded").gauge().value() == 3);
			Thread stopper = new Thread(container::stop, "test-stopper");
			stopper.start();
			await("stop waits for the messages in flight").atMost(WAIT).until(() -> inDrain(stopper));
			listener.release.countDown();
			stopper.join(WAIT.toMillis());
			assertThat(stopper.isAlive()).isFalse();
			assertThat(listener.received).containsExactly(0, 1, 2);
			assertThat(output).contains("Listener container 'bounded' (stop): 3 message(s) in flight processed in")
				.contains("0 left undone");
		});
	}

	@Test
	void stopLeavesUndoneWhatTheShutdownBoundDoesNotAllowAndCountsIt(CapturedOutput output) {
		contextRunner().withPropertyValues("amps.shutdown.flush-timeout=1s").withBean(Blocked.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			Blocked listener = context.getBean(Blocked.class);
			AmpsListenerContainer container = context.getBean(AmpsListenerRegistry.class).getListenerContainer("bounded");
			for (int seq = 0; seq < 3; seq++) {
				template.publish("bounded", new Update("x", seq));
			}
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(WAIT)
				.until(() -> meters.get("amps.listener.in.flight").tag("container", "bounded").gauge().value() == 3);
			container.stop();
			assertThat(output).contains("Listener container 'bounded' (stop): 3 message(s) left undone within PT1S "
					+ "(amps.shutdown.flush-timeout): 2 not started (dropped), 1 still in the listener");
			listener.release.countDown();
			await().atMost(WAIT).until(() -> listener.received.size() == 1);
			assertThat(meters.get("amps.listener.in.flight").tag("container", "bounded").gauge().value()).isZero();
		});
	}

	@Test
	void applicationShutdownDrainsWithinTheShutdownBoundBeforeTheClientDisconnects(CapturedOutput output) {
		contextRunner().withPropertyValues("amps.shutdown.flush-timeout=1s").withBean(Blocked.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			for (int seq = 0; seq < 3; seq++) {
				template.publish("bounded", new Update("x", seq));
			}
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			Blocked listener = context.getBean(Blocked.class);
			await().atMost(WAIT)
				.until(() -> meters.get("amps.listener.in.flight").tag("container", "bounded").gauge().value() == 3);
			context.close();
			String log = output.toString();
			int drained = log.indexOf("Listener container 'bounded' (stop): 3 message(s) left undone within PT1S");
			assertThat(drained).as("the drain's report").isPositive();
			assertThat(log.indexOf("Disconnected AMPS client", drained)).as("then the client disconnects").isPositive();
			listener.release.countDown();
		});
	}

	private static boolean inDrain(Thread thread) {
		return Arrays.stream(thread.getStackTrace())
			.anyMatch((frame) -> frame.getClassName().endsWith(".HandOff") && frame.getMethodName().equals("drain"));
	}

	static class OnVirtualThreads {

		final List<Boolean> virtual = new CopyOnWriteArrayList<>();

		@AmpsListener(topic = "virtual", dispatch = Dispatch.UNORDERED)
		void onMessage(String payload) throws ReflectiveOperationException {
			this.virtual.add((Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
		}

	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void withVirtualThreadsEnabledAHandedOffListenerRunsOnAVirtualThread() {
		contextRunner().withPropertyValues("spring.threads.virtual.enabled=true")
			.withBean(OnVirtualThreads.class)
			.run((context) -> {
				OnVirtualThreads listener = context.getBean(OnVirtualThreads.class);
				context.getBean(AmpsTemplate.class).publish("virtual", "{}");
				await().atMost(WAIT).until(() -> listener.virtual.size() == 1);
				assertThat(listener.virtual).containsExactly(true);
			});
	}

	static class BadConcurrency {

		@AmpsListener(topic = "t", dispatch = Dispatch.UNORDERED, concurrency = "zero")
		void onMessage(String payload) {
		}

	}

	static class UnknownExecutor {

		@AmpsListener(topic = "t", dispatch = Dispatch.PER_TOPIC, executor = "noSuchExecutor")
		void onMessage(String payload) {
		}

	}

	@Test
	void badValuesFailStartupNamingTheMethodOrTheProperty() {
		contextRunner().withBean(BadConcurrency.class)
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("BadConcurrency.onMessage(String)")
				.hasMessageContaining("concurrency = \"zero\", which is not a positive number"));
		contextRunner().withBean(UnknownExecutor.class)
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("UnknownExecutor.onMessage(String)")
				.hasMessageContaining("executor 'noSuchExecutor', but there is no bean of that name"));
		contextRunner().withPropertyValues("amps.listener.dispatch.max-in-flight=0")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("amps.listener.dispatch.max-in-flight is 0, but it must be a positive number"));
	}

}
