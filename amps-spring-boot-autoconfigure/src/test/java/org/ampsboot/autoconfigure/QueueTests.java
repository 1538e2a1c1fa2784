package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.ampsboot.AmpsAcknowledgement;
import org.ampsboot.AmpsHeader;
import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.test.AmpsTestServerExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Queue listeners: automatic acknowledgement, return to the queue on failure, manual
 * acknowledgement, with the real client against the test server's queues.
 */
class QueueTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final AmpsTestServerExtension amps = new AmpsTestServerExtension();

	record Job(int id) {
	}

	private ApplicationContextRunner contextRunner() {
		this.amps.server().queue("jobs", Duration.ofSeconds(30));
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + this.amps.server().uri());
	}

	static class AutoAckWorker {

		final List<Integer> done = new CopyOnWriteArrayList<>();

		final List<Integer> attempts = new CopyOnWriteArrayList<>();

		@AmpsListener(topic = "jobs", maxBacklog = 5)
		void work(Job job) {
			this.attempts.add(job.id());
			if (job.id() == 2 && this.attempts.stream().filter((id) -> id == 2).count() == 1) {
				throw new IllegalStateException("job 2 fails the first time");
			}
			this.done.add(job.id());
		}

	}

	@Test
	void autoAckAcknowledgesEachProcessedJobAndAFailedOneReturnsToTheQueueAndIsRedelivered() {
		contextRunner().withBean(AutoAckWorker.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			for (int id = 1; id <= 3; id++) {
				template.publish("jobs", new Job(id));
			}
			AutoAckWorker worker = context.getBean(AutoAckWorker.class);
			await().atMost(WAIT).untilAsserted(() -> assertThat(worker.done).containsExactlyInAnyOrder(1, 2, 3));
			assertThat(worker.attempts.stream().filter((id) -> id == 2).count()).as("job 2 was redelivered").isEqualTo(2);
			await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("jobs")).isEmpty());
		});
	}

	static class ManualWorker {

		final BlockingQueue<Object[]> received = new LinkedBlockingQueue<>();

		@AmpsListener(topic = "jobs", maxBacklog = 5, ackMode = AmpsListener.AckMode.MANUAL)
		void work(Job job, AmpsAcknowledgement acknowledgement, @AmpsHeader(AmpsHeader.Field.BOOKMARK) String bookmark) {
			this.received.add(new Object[] { job, acknowledgement, bookmark });
		}

		Object[] next() throws InterruptedException {
			Object[] next = this.received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(next).as("a delivery").isNotNull();
			return next;
		}

	}

	@Test
	void manualAckLeavesEachJobLeasedUntilTheListenerAcknowledgesOrReturnsIt() {
		contextRunner().withBean(ManualWorker.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			ManualWorker worker = context.getBean(ManualWorker.class);
			template.publish("jobs", new Job(1));
			template.publish("jobs", new Job(2));
			Object[] first = worker.next();
			Object[] second = worker.next();
			assertThat(this.amps.server().queueContents("jobs")).hasSize(2);
			((AmpsAcknowledgement) first[1]).acknowledge();
			await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("jobs")).hasSize(1));
			((AmpsAcknowledgement) second[1]).returnToQueue();
			Object[] again = worker.next();
			assertThat(again[0]).isEqualTo(second[0]);
			((AmpsAcknowledgement) again[1]).acknowledge();
			await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("jobs")).isEmpty());
		});
	}

}
