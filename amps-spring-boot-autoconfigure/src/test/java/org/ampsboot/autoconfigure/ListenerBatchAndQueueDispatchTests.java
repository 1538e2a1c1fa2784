package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

import org.ampsboot.AmpsAcknowledgement;
import org.ampsboot.AmpsHeader;
import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsListener.Dispatch;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.listener.AmpsListenerContainer;
import org.ampsboot.listener.AmpsListenerRegistry;
import org.ampsboot.test.AmpsTestServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Queue acknowledgement with the listener off the receive thread, and batch listeners
 * ({@code List<T>}), with the real client against the test server's queues.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerBatchAndQueueDispatchTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@RegisterExtension
	final AmpsTestServerExtension amps = new AmpsTestServerExtension();

	record Job(int id) {
	}

	private ApplicationContextRunner contextRunner() {
		this.amps.server().queue("jobs", Duration.ofSeconds(60));
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + this.amps.server().uri());
	}

	static class AutoAckWorker {

		final List<String> done = new CopyOnWriteArrayList<>();

		final List<Integer> attempts = new CopyOnWriteArrayList<>();

		@AmpsListener(topic = "jobs", maxBacklog = 5, dispatch = Dispatch.UNORDERED, concurrency = "2")
		void work(Job job) {
			this.attempts.add(job.id());
			if (job.id() == 2 && this.attempts.stream().filter((id) -> id == 2).count() == 1) {
				throw new IllegalStateException("job 2 fails the first time");
			}
			this.done.add(job.id() + " " + Thread.currentThread().getName());
		}

	}

	@Test
	void autoAckOffTheReceiveThreadAcknowledgesEachJobAndAFailedOneReturnsToTheQueue() {
		contextRunner().withBean(AutoAckWorker.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			for (int id = 1; id <= 6; id++) {
				template.publish("jobs", new Job(id));
			}
			AutoAckWorker worker = context.getBean(AutoAckWorker.class);
			await().atMost(WAIT).until(() -> worker.done.size() == 6);
			assertThat(worker.done).allMatch((line) -> line.contains(" amps-listener-"));
			assertThat(worker.attempts.stream().filter((id) -> id == 2).count()).as("job 2 was redelivered").isEqualTo(2);
			await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("jobs")).isEmpty());
		});
	}

	static class ManualWorker {

		final BlockingQueue<AmpsAcknowledgement> received = new LinkedBlockingQueue<>();

		@AmpsListener(topic = "jobs", maxBacklog = 5, ackMode = AmpsListener.AckMode.MANUAL,
				dispatch = Dispatch.UNORDERED)
		void work(Job job, AmpsAcknowledgement acknowledgement) {
			this.received.add(acknowledgement);
		}

	}

	@Test
	void manualAckOffTheReceiveThreadLeavesEachJobLeasedUntilAcknowledged() {
		contextRunner().withBean(ManualWorker.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			ManualWorker worker = context.getBean(ManualWorker.class);
			template.publish("jobs", new Job(1));
			template.publish("jobs", new Job(2));
			AmpsAcknowledgement first = worker.received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			AmpsAcknowledgement second = worker.received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(first).isNotNull();
			assertThat(second).isNotNull();
			assertThat(this.amps.server().queueContents("jobs")).hasSize(2);
			first.acknowledge();
			await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("jobs")).hasSize(1));
			second.acknowledge();
			await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("jobs")).isEmpty());
		});
	}

	static class BlockedQueueWorker {

		final CountDownLatch release = new CountDownLatch(1);

		final List<Integer> started = new CopyOnWriteArrayList<>();

		@AmpsListener(id = "blocked-jobs", topic = "jobs", maxBacklog = 5, dispatch = Dispatch.PER_TOPIC)
		void work(Job job) throws InterruptedException {
			this.started.add(job.id());
			this.release.await(60, TimeUnit.SECONDS);
		}

	}

	@Test
	void queueMessagesLeftUndoneOnStopAreNotAcknowledgedAndComeAgain(CapturedOutput output) {
		contextRunner().withPropertyValues("amps.shutdown.flush-timeout=1s")
			.withBean(BlockedQueueWorker.class)
			.run((context) -> {
				AmpsTemplate template = context.getBean(AmpsTemplate.class);
				BlockedQueueWorker worker = context.getBean(BlockedQueueWorker.class);
				AmpsListenerContainer container = context.getBean(AmpsListenerRegistry.class)
					.getListenerContainer("blocked-jobs");
				for (int id = 1; id <= 3; id++) {
					template.publish("jobs", new Job(id));
				}
				await().atMost(WAIT).until(() -> worker.started.size() == 1);
				await().atMost(WAIT).until(() -> this.amps.server().queueContents("jobs").size() == 3);
				container.stop();
				assertThat(output).contains("Listener container 'blocked-jobs' (stop): 3 message(s) left undone within "
						+ "PT1S (amps.shutdown.flush-timeout): 2 not started (dropped), 1 still in the listener")
					.contains("They are not acknowledged: AMPS returns the messages it leased to a subscription to the queue");
				assertThat(this.amps.server().queueContents("jobs")).as("nothing acknowledged").hasSize(3);
				worker.release.countDown();
				container.start();
				await().atMost(WAIT).untilAsserted(() -> assertThat(worker.started).contains(2, 3));
				await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("jobs")).isEmpty());
			});
	}

	@Test
	void pauseOfAQueueListenerProcessesAndAcknowledgesWhatIsInFlightBeforeItUnsubscribes(CapturedOutput output) {
		contextRunner().withBean(BlockedQueueWorker.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			BlockedQueueWorker worker = context.getBean(BlockedQueueWorker.class);
			AmpsListenerContainer container = context.getBean(AmpsListenerRegistry.class)
				.getListenerContainer("blocked-jobs");
			for (int id = 1; id <= 3; id++) {
				template.publish("jobs", new Job(id));
			}
			await().atMost(WAIT).until(() -> worker.started.size() == 1);
			Thread pauser = new Thread(container::pause, "test-pauser");
			pauser.start();
			await("pause waits for the messages in flight").atMost(WAIT).until(() -> java.util.Arrays
				.stream(pauser.getStackTrace())
				.anyMatch((frame) -> frame.getClassName().endsWith(".HandOff") && frame.getMethodName().equals("drain")));
			worker.release.countDown();
			pauser.join(WAIT.toMillis());
			assertThat(pauser.isAlive()).isFalse();
			assertThat(worker.started).containsExactly(1, 2, 3);
			assertThat(output).contains("Listener container 'blocked-jobs' (pause): 3 message(s) in flight processed in");
			await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("jobs"))
				.as("acknowledged before the unsubscribe").isEmpty());
			assertThat(container.isPaused()).isTrue();
			template.publish("jobs", new Job(4));
			container.resume();
			await().atMost(WAIT).untilAsserted(() -> assertThat(worker.started).containsExactly(1, 2, 3, 4));
		});
	}

	static class SelfStopping {

		final CountDownLatch queued = new CountDownLatch(1);

		final CountDownLatch stopped = new CountDownLatch(1);

		final List<Integer> started = new CopyOnWriteArrayList<>();

		AmpsListenerRegistry registry;

		@AmpsListener(id = "self-stop", topic = "jobs", maxBacklog = 10, dispatch = Dispatch.PER_TOPIC)
		void work(Job job) throws InterruptedException {
			this.started.add(job.id());
			if (job.id() == 1) {
				this.queued.await(60, TimeUnit.SECONDS);
				this.registry.getListenerContainer("self-stop").stop();
				this.stopped.countDown();
			}
		}

	}

	@Test
	void aListenerThatStopsItsOwnContainerDoesNotWaitForWhatIsQueuedBehindIt(CapturedOutput output) {
		contextRunner().withPropertyValues("amps.shutdown.flush-timeout=120s")
			.withBean(SelfStopping.class)
			.run((context) -> {
				SelfStopping worker = context.getBean(SelfStopping.class);
				worker.registry = context.getBean(AmpsListenerRegistry.class);
				AmpsTemplate template = context.getBean(AmpsTemplate.class);
				for (int id = 1; id <= 4; id++) {
					template.publish("jobs", new Job(id));
				}
				await().atMost(WAIT).until(() -> this.amps.server().queueContents("jobs").size() == 4);
				await().atMost(WAIT).until(() -> worker.started.size() == 1);
				worker.queued.countDown();
				assertThat(worker.stopped.await(WAIT.toSeconds(), TimeUnit.SECONDS))
					.as("stop() from the listener returned before the 120 s bound").isTrue();
				assertThat(output).contains("Listener container 'self-stop' (stop): 3 message(s) left undone")
					.contains("3 not started (dropped), 0 still in the listener");
				assertThat(worker.started).containsExactly(1);
			});
	}

	static class Headers {

		final CountDownLatch release = new CountDownLatch(1);

		final List<String> seen = new CopyOnWriteArrayList<>();

		@AmpsListener(topic = "headed", dispatch = Dispatch.UNORDERED, concurrency = "1")
		void work(Job job, @AmpsHeader(AmpsHeader.Field.TOPIC) String topic,
				@AmpsHeader(AmpsHeader.Field.BOOKMARK) String bookmark,
				@AmpsHeader(AmpsHeader.Field.COMMAND) String command) throws InterruptedException {
			this.release.await(60, TimeUnit.SECONDS);
			this.seen.add(job.id() + " " + topic + " " + command + " " + bookmark);
		}

	}

	@Test
	void eachHandedOffMessageKeepsItsOwnPayloadAndHeadersWhileTheClientReusesItsMessage() {
		this.amps.server().transactionLog("headed");
		contextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					AmpsMetricsAutoConfiguration.class))
			.withBean(Headers.class)
			.run((context) -> {
				AmpsTemplate template = context.getBean(AmpsTemplate.class);
				Headers listener = context.getBean(Headers.class);
				for (int id = 1; id <= 20; id++) {
					template.publish("headed", new Job(id));
				}
				// all 20 are copied and in flight before the first is processed
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(WAIT).until(() -> meters.get("amps.listener.in.flight").gauge().value() == 20);
				listener.release.countDown();
				await().atMost(WAIT).until(() -> listener.seen.size() == 20);
				assertThat(listener.seen.stream().map((line) -> line.split(" ")[0]).toList())
					.containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 20)
						.mapToObj(String::valueOf).toList());
				assertThat(listener.seen).allMatch((line) -> line.contains(" headed publish "));
				assertThat(listener.seen.stream().map((line) -> line.split(" ")[3]).distinct().count())
					.as("each its own bookmark").isEqualTo(20);
			});
	}

	static class BatchWorker {

		final List<List<Job>> batches = new CopyOnWriteArrayList<>();

		@AmpsListener(id = "batches", topic = "jobs", maxBacklog = 50, batchMaxMessages = "10",
				batchMaxWait = "200ms")
		void work(List<Job> jobs) {
			this.batches.add(List.copyOf(jobs));
		}

	}

	@Test
	void aBatchListenerReceivesUpToTheBatchSizeInOrderAndTheBatchIsAcknowledged() {
		contextRunner().withBean(BatchWorker.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			BatchWorker worker = context.getBean(BatchWorker.class);
			for (int id = 1; id <= 25; id++) {
				template.publish("jobs", new Job(id));
			}
			await().atMost(WAIT).until(() -> worker.batches.stream().mapToInt(List::size).sum() == 25);
			assertThat(worker.batches).allMatch((batch) -> !batch.isEmpty() && batch.size() <= 10);
			assertThat(worker.batches.stream().flatMap(List::stream).map(Job::id).toList())
				.as("in arrival order").isEqualTo(java.util.stream.IntStream.rangeClosed(1, 25).boxed().toList());
			await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("jobs")).isEmpty());
			int before = worker.batches.size();
			template.publish("jobs", new Job(26));
			template.publish("jobs", new Job(27));
			await("a batch that does not fill goes out after the wait").atMost(WAIT)
				.until(() -> worker.batches.stream().mapToInt(List::size).sum() == 27);
			assertThat(worker.batches.subList(before, worker.batches.size()).stream().flatMap(List::stream)
				.map(Job::id)).containsExactly(26, 27);
		});
	}

	static class ManualBatchWorker {

		final BlockingQueue<Object[]> batches = new LinkedBlockingQueue<>();

		@AmpsListener(topic = "jobs", maxBacklog = 50, ackMode = AmpsListener.AckMode.MANUAL,
				batchMaxMessages = "5", batchMaxWait = "500ms", dispatch = Dispatch.UNORDERED, concurrency = "1")
		void work(List<Message> messages, AmpsAcknowledgement acknowledgement) {
			this.batches.add(new Object[] { messages.stream().map(Message::getData).toList(), acknowledgement });
		}

	}

	@Test
	void aManualAcknowledgementOfABatchCoversEveryMessageOfIt() {
		contextRunner().withBean(ManualBatchWorker.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			ManualBatchWorker worker = context.getBean(ManualBatchWorker.class);
			for (int id = 1; id <= 3; id++) {
				template.publish("jobs", new Job(id));
			}
			int received = 0;
			List<AmpsAcknowledgement> acknowledgements = new CopyOnWriteArrayList<>();
			while (received < 3) {
				Object[] batch = worker.batches.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
				assertThat(batch).as("a batch").isNotNull();
				received += ((List<?>) batch[0]).size();
				acknowledgements.add((AmpsAcknowledgement) batch[1]);
			}
			assertThat(this.amps.server().queueContents("jobs")).as("leased, not acknowledged").hasSize(3);
			acknowledgements.forEach(AmpsAcknowledgement::acknowledge);
			await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("jobs")).isEmpty());
		});
	}

	static class ReceiveThreadBatch {

		@AmpsListener(topic = "t", dispatch = Dispatch.RECEIVE_THREAD)
		void work(List<String> payloads) {
		}

	}

	@Test
	void aBatchListenerOnTheReceiveThreadFailsStartupNamingTheMethod() {
		contextRunner().withBean(ReceiveThreadBatch.class)
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("ReceiveThreadBatch.work(List)")
				.hasMessageContaining("takes a List (a batch listener) but has dispatch = RECEIVE_THREAD"));
	}

}
