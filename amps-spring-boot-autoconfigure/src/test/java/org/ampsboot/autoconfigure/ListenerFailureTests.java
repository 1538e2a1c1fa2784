package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.ampsboot.AmpsAcknowledgement;
import org.ampsboot.AmpsHeader;
import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsListenerErrorHandler;
import org.ampsboot.AmpsPublish;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.listener.AmpsDeadLetter;
import org.ampsboot.listener.AmpsListenerContainer;
import org.ampsboot.listener.AmpsListenerEvent;
import org.ampsboot.listener.AmpsListenerFailure;
import org.ampsboot.listener.AmpsListenerRecoverer;
import org.ampsboot.listener.AmpsListenerRegistry;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.AmpsTestServerExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What happens when a listener throws: retries with a back-off, then the recoverer (log and skip,
 * dead-letter topic, stop the container), queue acknowledgement under retries, throttled failure
 * logging, and the beans that replace the defaults; with the real client against the test server.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerFailureTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	/** Retries that take no noticeable time: the back-off itself is not what these tests are about. */
	private static final String[] QUICK_RETRIES = { "amps.listener.retry.enabled=true",
			"amps.listener.retry.max-retries=3", "amps.listener.retry.initial-interval=5ms",
			"amps.listener.retry.max-interval=20ms", "amps.listener.retry.max-elapsed-time=30s" };

	@RegisterExtension
	final AmpsTestServerExtension amps = new AmpsTestServerExtension();

	record Order(int id, int price) {
	}

	private ApplicationContextRunner contextRunner() {
		this.amps.server().queue("failing-jobs", Duration.ofSeconds(30));
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + this.amps.server().uri());
	}

	/** Fails each order until it has been called {@code price} times (0: always). */
	static class Flaky {

		final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();

		final BlockingQueue<Integer> done = new LinkedBlockingQueue<>();

		@AmpsListener(id = "flaky", topic = "failing-orders")
		void onOrder(Order order) {
			int attempt = this.attempts.computeIfAbsent(order.id(), (id) -> new AtomicInteger()).incrementAndGet();
			if (order.price() == 0 || attempt < order.price()) {
				throw new IllegalStateException("price check failed for order " + order.id() + " (attempt " + attempt
						+ ")");
			}
			this.done.add(order.id());
		}

		int attemptsOf(int id) {
			AtomicInteger attempts = this.attempts.get(id);
			return (attempts != null) ? attempts.get() : 0;
		}

		Integer next() throws InterruptedException {
			Integer next = this.done.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(next).as("an order processed within %s", WAIT).isNotNull();
			return next;
		}

	}

	@Test
	void aListenerThatFailsTwiceIsRetriedAndSucceedsOnTheThirdAttemptWithoutReachingTheRecoverer(
			CapturedOutput output) {
		contextRunner().withPropertyValues(QUICK_RETRIES).withBean(Flaky.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			Flaky flaky = context.getBean(Flaky.class);
			template.publish("failing-orders", new Order(1, 3));
			assertThat(flaky.next()).isEqualTo(1);
			assertThat(flaky.attemptsOf(1)).isEqualTo(3);
			template.publish("failing-orders", new Order(2, 1));
			assertThat(flaky.next()).isEqualTo(2);
			assertThat(output).doesNotContain("failed on a message");
		});
	}

	@Test
	void retriesExhaustedLogTheFailureWithItsAttemptsAndTheSubscriptionGoesOn(CapturedOutput output) {
		contextRunner().withPropertyValues(QUICK_RETRIES).withBean(Flaky.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			Flaky flaky = context.getBean(Flaky.class);
			template.publish("failing-orders", new Order(1, 0));
			template.publish("failing-orders", new Order(2, 1));
			assertThat(flaky.next()).isEqualTo(2);
			assertThat(flaky.attemptsOf(1)).as("the first attempt and 3 retries").isEqualTo(4);
			assertThat(output).contains("AMPS listener " + Flaky.class.getName()
					+ ".onOrder(ListenerFailureTests.Order) failed on a message (topic=failing-orders, bookmark=")
				.contains("attempts=4)")
				.contains("price check failed for order 1 (attempt 4)");
		});
	}

	@Test
	void theRetriesStopAtTheirTimeBoundEvenWhenTheBackOffWouldGoOn() {
		contextRunner()
			.withPropertyValues("amps.listener.retry.enabled=true", "amps.listener.retry.max-retries=1000",
					"amps.listener.retry.initial-interval=50ms", "amps.listener.retry.multiplier=1",
					"amps.listener.retry.max-elapsed-time=0ms")
			.withBean(Flaky.class)
			.run((context) -> {
				AmpsTemplate template = context.getBean(AmpsTemplate.class);
				Flaky flaky = context.getBean(Flaky.class);
				template.publish("failing-orders", new Order(1, 0));
				template.publish("failing-orders", new Order(2, 1));
				assertThat(flaky.next()).isEqualTo(2);
				assertThat(flaky.attemptsOf(1)).as("no retry starts after the bound").isEqualTo(1);
			});
	}

	/** A payload that does not read as an Order. */
	private static final String NOT_AN_ORDER = "{\"id\":\"not a number\",\"price\":1}";

	@Test
	void aPayloadThatDoesNotConvertIsNotRetried() {
		List<Integer> attempts = new CopyOnWriteArrayList<>();
		contextRunner().withPropertyValues(QUICK_RETRIES)
			.withBean(Flaky.class)
			.withBean(AmpsListenerRecoverer.class, () -> (failure) -> attempts.add(failure.getAttempts()))
			.run((context) -> {
				AmpsTemplate template = context.getBean(AmpsTemplate.class);
				template.publish("failing-orders", NOT_AN_ORDER);
				template.publish("failing-orders", new Order(2, 1));
				assertThat(context.getBean(Flaky.class).next()).isEqualTo(2);
				assertThat(attempts).containsExactly(1);
			});
	}

	/** Receives what lands on the dead-letter topic of {@code failing-orders}. */
	static class DeadLetters {

		final BlockingQueue<Object[]> received = new LinkedBlockingQueue<>();

		@AmpsListener(topic = "failing-orders.DLT")
		void onDeadLetter(String payload, Message message,
				@AmpsHeader(AmpsHeader.Field.CORRELATION_ID) String correlationId) {
			this.received.add(new Object[] { payload, AmpsDeadLetter.from(message), AmpsDeadLetter.parse(correlationId) });
		}

		Object[] next() throws InterruptedException {
			Object[] next = this.received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(next).as("a dead letter within %s", WAIT).isNotNull();
			return next;
		}

	}

	@Test
	void exhaustedRetriesRepublishTheOriginalPayloadToTheDeadLetterTopicWithTheReasonReadableByItsListener() {
		contextRunner().withPropertyValues(QUICK_RETRIES)
			.withPropertyValues("amps.listener.recoverer=dead-letter", "amps.listener.retry.max-retries=1")
			.withBean(Flaky.class)
			.withBean(DeadLetters.class)
			.run((context) -> {
				AmpsTemplate template = context.getBean(AmpsTemplate.class);
				String payload = "{\"id\":7,\"price\":0,\"note\":\"caf\u00e9 \\n line\"}";
				template.publish(AmpsPublish.to("failing-orders").correlationId("b3JkZXItNw=="), payload);
				Object[] deadLetter = context.getBean(DeadLetters.class).next();
				assertThat(deadLetter[0]).as("the payload, unchanged").isEqualTo(payload);
				AmpsDeadLetter reason = (AmpsDeadLetter) deadLetter[1];
				assertThat(reason).isNotNull().isEqualTo(deadLetter[2]);
				assertThat(reason.topic()).isEqualTo("failing-orders");
				assertThat(reason.correlationId()).as("the original correlation id").isEqualTo("b3JkZXItNw==");
				assertThat(reason.bookmark()).as("a topic outside the transaction log has no bookmarks").isNull();
				assertThat(reason.listener()).isEqualTo(Flaky.class.getName() + ".onOrder(ListenerFailureTests.Order)");
				assertThat(reason.exception()).isEqualTo(IllegalStateException.class.getName());
				assertThat(reason.attempts()).isEqualTo(2);
				assertThat(reason.reason()).isEqualTo("price check failed for order 7 (attempt 2)");
				template.publish("failing-orders", new Order(8, 1));
				assertThat(context.getBean(Flaky.class).next()).as("the subscription goes on").isEqualTo(8);
			});
	}

	/** Every container event, as {@code "Stopped:flaky"}. */
	static class Events implements ApplicationListener<AmpsListenerEvent> {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(AmpsListenerEvent event) {
			this.events.add(event.getClass().getSimpleName() + ":" + event.getId());
		}

	}

	@Test
	void retriesExhaustedTheStopContainerRecovererStopsTheListenersContainerWhichPublishesStopped(
			CapturedOutput output) {
		contextRunner().withPropertyValues(QUICK_RETRIES)
			.withPropertyValues("amps.listener.recoverer=stop-container", "amps.listener.retry.max-retries=1")
			.withBean(Flaky.class)
			.withBean(Events.class)
			.run((context) -> {
				AmpsTemplate template = context.getBean(AmpsTemplate.class);
				Flaky flaky = context.getBean(Flaky.class);
				AmpsListenerContainer container = context.getBean(AmpsListenerRegistry.class)
					.getListenerContainer("flaky");
				template.publish("failing-orders", new Order(1, 1));
				assertThat(flaky.next()).isEqualTo(1);
				template.publish("failing-orders", new Order(2, 0));
				await().atMost(WAIT).untilAsserted(() -> assertThat(container.isRunning()).isFalse());
				assertThat(container.isSubscribed()).isFalse();
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(context.getBean(Events.class).events).contains("Stopped:flaky"));
				assertThat(output).contains("Stopping listener container 'flaky' after 2 attempt(s)")
					.contains("failed on a message (topic=failing-orders, bookmark=null) and the error handler did not handle it");
				assertThat(flaky.attemptsOf(2)).isEqualTo(2);
				container.start();
				template.publish("failing-orders", new Order(3, 1));
				assertThat(flaky.next()).as("restarted, it receives again").isEqualTo(3);
			});
	}

	/** A queue worker: each job fails until it has been called {@code price} times. */
	static class QueueWorker {

		final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();

		final BlockingQueue<Integer> done = new LinkedBlockingQueue<>();

		@AmpsListener(id = "jobs-worker", topic = "failing-jobs", maxBacklog = 5)
		void work(Order job) {
			int attempt = this.attempts.computeIfAbsent(job.id(), (id) -> new AtomicInteger()).incrementAndGet();
			if (attempt < job.price()) {
				throw new IllegalStateException("job " + job.id() + " failed (attempt " + attempt + ")");
			}
			this.done.add(job.id());
		}

	}

	@Test
	void aQueueMessageWithAutomaticAcknowledgementIsAcknowledgedOnceARetrySucceeds() {
		contextRunner().withPropertyValues(QUICK_RETRIES).withBean(QueueWorker.class).run((context) -> {
			QueueWorker worker = context.getBean(QueueWorker.class);
			context.getBean(AmpsTemplate.class).publish("failing-jobs", new Order(1, 3));
			assertThat(worker.done.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1);
			await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("failing-jobs")).isEmpty());
			assertThat(worker.attempts.get(1).get()).as("three attempts, one delivery").isEqualTo(3);
		});
	}

	@Test
	void aQueueMessageWhoseRetriesAreExhaustedReturnsToTheQueueAndIsDeliveredAgain() {
		contextRunner().withPropertyValues(QUICK_RETRIES)
			.withPropertyValues("amps.listener.retry.max-retries=2")
			.withBean(QueueWorker.class)
			.run((context) -> {
				QueueWorker worker = context.getBean(QueueWorker.class);
				// three attempts on the first delivery fail; the fourth, on the redelivery, succeeds
				context.getBean(AmpsTemplate.class).publish("failing-jobs", new Order(1, 4));
				assertThat(worker.done.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1);
				assertThat(worker.attempts.get(1).get()).isEqualTo(4);
				await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("failing-jobs")).isEmpty());
			});
	}

	@Test
	void aQueueMessageWhoseListenerStoppedItsContainerIsNotHandledAndComesAgainAfterARestart() {
		contextRunner().withPropertyValues("amps.listener.recoverer=stop-container")
			.withBean(QueueWorker.class)
			.run((context) -> {
				QueueWorker worker = context.getBean(QueueWorker.class);
				AmpsListenerContainer container = context.getBean(AmpsListenerRegistry.class)
					.getListenerContainer("jobs-worker");
				context.getBean(AmpsTemplate.class).publish("failing-jobs", new Order(1, 2));
				await().atMost(WAIT).untilAsserted(() -> assertThat(container.isRunning()).isFalse());
				assertThat(worker.done).isEmpty();
				assertThat(this.amps.server().queueContents("failing-jobs")).as("still in the queue").hasSize(1);
				container.start();
				assertThat(worker.done.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1);
				assertThat(worker.attempts.get(1).get()).isEqualTo(2);
				await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("failing-jobs")).isEmpty());
			});
	}

	@Test
	void aQueueMessageMovedToTheDeadLetterTopicIsAcknowledged() {
		contextRunner().withPropertyValues("amps.listener.recoverer=dead-letter", "amps.listener.dead-letter-topic=dlt-{topic}")
			.withBean(QueueWorker.class)
			.withBean(JobDeadLetters.class)
			.run((context) -> {
				context.getBean(AmpsTemplate.class).publish("failing-jobs", new Order(1, 1000));
				String correlationId = context.getBean(JobDeadLetters.class).received.poll(WAIT.toMillis(),
						TimeUnit.MILLISECONDS);
				assertThat(correlationId).isNotNull();
				assertThat(AmpsDeadLetter.parse(correlationId).reason()).isEqualTo("job 1 failed (attempt 1)");
				await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("failing-jobs")).isEmpty());
				assertThat(context.getBean(QueueWorker.class).attempts.get(1).get()).as("not redelivered").isEqualTo(1);
			});
	}

	static class JobDeadLetters {

		final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		@AmpsListener(topic = "dlt-failing-jobs")
		void onDeadLetter(@AmpsHeader(AmpsHeader.Field.CORRELATION_ID) String correlationId) {
			this.received.add(correlationId);
		}

	}

	/** Fails on every order with a negative id: the 10,000 bad payloads. */
	static class Strict {

		final BlockingQueue<Integer> done = new LinkedBlockingQueue<>();

		@AmpsListener(topic = "strict-orders")
		void onOrder(Order order) {
			this.done.add(order.id());
		}

	}

	@Test
	void tenThousandFailingMessagesWriteElevenErrorEntriesThatCountTheSuppressedOnes(CapturedOutput output) {
		contextRunner().withBean(Strict.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			for (int i = 0; i < 10_000; i++) {
				template.publish("strict-orders", NOT_AN_ORDER);
			}
			template.publish("strict-orders", new Order(1, 1));
			assertThat(context.getBean(Strict.class).done.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
				.as("the good order after the bad ones").isEqualTo(1);
			String listener = "AMPS listener " + Strict.class.getName() + ".onOrder(ListenerFailureTests.Order)";
			List<String> entries = output.toString().lines().filter((line) -> line.contains(listener)).toList();
			assertThat(entries).hasSize(11).allMatch((line) -> line.contains("ERROR"));
			assertThat(entries.get(0)).contains("failed on a message (topic=strict-orders");
			assertThat(entries.get(1)).contains("has failed 1000 times (999 not logged since the previous entry)");
			assertThat(entries.get(10)).contains("has failed 10000 times (999 not logged since the previous entry)")
				.contains("the latest: tools.jackson");
			long stackTraces = output.toString().lines().filter((line) -> line.contains("InvalidFormatException:")).count();
			assertThat(stackTraces).as("one stack trace, on the first entry, and the exception on the others")
				.isEqualTo(11);
		});
	}

	@Test
	void anAmpsListenerRecovererBeanReplacesThePropertysRecovererAndKeepsTheRetries() {
		List<String> recovered = new CopyOnWriteArrayList<>();
		contextRunner().withPropertyValues(QUICK_RETRIES)
			.withPropertyValues("amps.listener.recoverer=stop-container")
			.withBean(Flaky.class)
			.withBean(AmpsListenerRecoverer.class, () -> (failure) -> recovered
				.add(failure.getContainer().getId() + " after " + failure.getAttempts() + ": " + failure.getError().getMessage()))
			.run((context) -> {
				AmpsTemplate template = context.getBean(AmpsTemplate.class);
				template.publish("failing-orders", new Order(1, 0));
				template.publish("failing-orders", new Order(2, 1));
				assertThat(context.getBean(Flaky.class).next()).isEqualTo(2);
				assertThat(recovered).containsExactly("flaky after 4: price check failed for order 1 (attempt 4)");
				assertThat(context.getBean(AmpsListenerRegistry.class).getListenerContainer("flaky").isRunning()).isTrue();
			});
	}

	@Test
	void anErrorHandlerBeanReplacesTheDefaultAndMayRetryThroughTheFailure() {
		List<String> seen = new CopyOnWriteArrayList<>();
		AmpsListenerErrorHandler retryOnce = new AmpsListenerErrorHandler() {

			@Override
			public void handleError(Message message, AmpsAcknowledgement acknowledgement, String listener,
					Throwable error) {
				throw new AssertionError("the starter calls handleError(AmpsListenerFailure)");
			}

			@Override
			public void handleError(AmpsListenerFailure failure) {
				seen.add(failure.getContainer().getId() + " attempt " + failure.getAttempts());
				try {
					failure.retry();
				}
				catch (Throwable ex) {
					seen.add("retry failed: " + ex.getMessage() + ", attempts " + failure.getAttempts());
				}
			}

		};
		contextRunner().withPropertyValues(QUICK_RETRIES)
			.withBean(Flaky.class)
			.withBean(AmpsListenerErrorHandler.class, () -> retryOnce)
			.run((context) -> {
				AmpsTemplate template = context.getBean(AmpsTemplate.class);
				Flaky flaky = context.getBean(Flaky.class);
				template.publish("failing-orders", new Order(1, 2));
				assertThat(flaky.next()).isEqualTo(1);
				template.publish("failing-orders", new Order(2, 0));
				template.publish("failing-orders", new Order(3, 1));
				assertThat(flaky.next()).isEqualTo(3);
				assertThat(seen).containsExactly("flaky attempt 1", "flaky attempt 1",
						"retry failed: price check failed for order 2 (attempt 2), attempts 2");
			});
	}

	/** A listener of the named client "market" that fails, and one on its dead-letter topic. */
	static class MarketListeners {

		final BlockingQueue<String> deadLetters = new LinkedBlockingQueue<>();

		@AmpsListener(topic = "quotes", client = "market")
		void onQuote(Order quote) {
			throw new IllegalArgumentException("stale quote " + quote.id());
		}

		@AmpsListener(topic = "quotes.DLT", client = "market")
		void onDeadLetter(String payload, Message message) {
			this.deadLetters.add(payload + " | " + AmpsDeadLetter.from(message).reason());
		}

	}

	@Test
	void aNamedClientsListenerIsDeadLetteredThroughThatClientsTemplateAndServer() {
		try (AmpsTestServer market = new AmpsTestServer().start()) {
			contextRunner().withPropertyValues("amps.clients.market.uri=" + market.uri(),
					"amps.listener.recoverer=dead-letter")
				.withBean(MarketListeners.class)
				.run((context) -> {
					AmpsTemplate marketTemplate = context.getBean("amps.market.template", AmpsTemplate.class);
					marketTemplate.publish("quotes", new Order(5, 10));
					String deadLetter = context.getBean(MarketListeners.class).deadLetters.poll(WAIT.toMillis(),
							TimeUnit.MILLISECONDS);
					assertThat(deadLetter).isEqualTo("{\"id\":5,\"price\":10} | stale quote 5");
					assertThat(this.amps.server().receivedFrames()).noneMatch((frame) -> "quotes.DLT".equals(frame.topic()));
				});
		}
	}

	@Test
	void invalidRetrySettingsFailStartupNamingTheProperty() {
		contextRunner().withPropertyValues("amps.listener.retry.enabled=true", "amps.listener.retry.multiplier=0.5")
			.withBean(Flaky.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("amps.listener.retry.multiplier is 0.5, but it must be 1 or more"));
	}

}
