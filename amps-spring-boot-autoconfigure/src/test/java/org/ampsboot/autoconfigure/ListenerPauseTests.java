package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.ampsboot.AmpsHeader;
import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.LastChanceMessageHandler;
import org.ampsboot.listener.AmpsListenerContainer;
import org.ampsboot.listener.AmpsListenerContainer.PauseBehavior;
import org.ampsboot.listener.AmpsListenerEvent;
import org.ampsboot.listener.AmpsListenerRegistry;
import org.ampsboot.test.AmpsTestServerExtension;
import org.ampsboot.test.ReceivedFrame;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * What {@code pause()} and {@code resume()} do, kind by kind (the README's table, the
 * {@link AmpsListenerContainer} Javadoc), with the real client against the test server.
 * "Nothing arrived while paused" is checked with a fence: a message on a plain topic published
 * after the others, received by another listener of the same client; the client dispatches in
 * the order the server sent, so once the fence arrived, anything sent before it has been
 * dispatched.
 */
class ListenerPauseTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final AmpsTestServerExtension amps = new AmpsTestServerExtension();

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + this.amps.server().uri())
			.withBean(Events.class)
			.withBean(Fence.class);
	}

	/** Every container event, as {@code "Paused:b"}. */
	static class Events implements ApplicationListener<AmpsListenerEvent> {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(AmpsListenerEvent event) {
			this.events.add(event.getClass().getSimpleName() + ":" + event.getId());
		}

		List<String> of(String id) {
			return this.events.stream().filter((event) -> event.endsWith(":" + id)).toList();
		}

	}

	/** A plain listener on its own topic: the fence. */
	static class Fence {

		private final AtomicInteger sent = new AtomicInteger();

		final List<String> received = new CopyOnWriteArrayList<>();

		@AmpsListener(id = "fence", topic = "pause-fence")
		void fence(String payload) {
			this.received.add(payload);
		}

		/** Returns once everything the server sent the client before the fence was dispatched. */
		void pass(AmpsTemplate template) {
			String fence = "{\"fence\":" + this.sent.incrementAndGet() + "}";
			template.flush(WAIT);
			template.publish("pause-fence", fence);
			await().atMost(WAIT).until(() -> this.received.contains(fence));
		}

	}

	private static List<String> orders(int from, int to) {
		return IntStream.rangeClosed(from, to).mapToObj((id) -> "{\"id\":" + id + "}").toList();
	}

	// ---- bookmark subscription: AMPS's pause and resume

	static class BookmarkListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@AmpsListener(id = "b", topic = "orders", bookmark = "0")
		void order(String payload) {
			this.received.add(payload);
		}

	}

	@Test
	void aPausedBookmarkSubscriptionGetsNothingAndOnResumeEverythingPublishedMeanwhileInOrderOnce() {
		this.amps.server().transactionLog("orders");
		contextRunner().withBean(BookmarkListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			BookmarkListener listener = context.getBean(BookmarkListener.class);
			Events events = context.getBean(Events.class);
			Fence fence = context.getBean(Fence.class);
			AmpsListenerContainer container = context.getBean(AmpsListenerRegistry.class).getListenerContainer("b");
			assertThat(container.getPauseBehavior()).isEqualTo(PauseBehavior.BOOKMARK_PAUSE);
			assertThat(events.of("b")).containsExactly("Started:b");

			orders(1, 3).forEach((order) -> template.publish("orders", order));
			await().atMost(WAIT).until(() -> listener.received.size() == 3);

			container.pause();
			assertThat(container.isPaused()).isTrue();
			assertThat(container.isRunning()).isTrue();
			assertThat(container.isSubscribed()).as("AMPS's pause keeps the subscription").isTrue();
			assertThat(events.of("b")).containsExactly("Started:b", "Paused:b");
			ReceivedFrame pause = takeSubscribe("b", "pause");
			assertThat(pause.topic()).as("a pause names the subscription only").isNull();

			int n = 50;
			orders(4, 3 + n).forEach((order) -> template.publish("orders", order));
			fence.pass(template);
			assertThat(listener.received).as("nothing while paused").containsExactlyElementsOf(orders(1, 3));

			container.resume();
			assertThat(container.isPaused()).isFalse();
			assertThat(container.isRunning()).isTrue();
			assertThat(events.of("b")).containsExactly("Started:b", "Paused:b", "Resumed:b");
			takeSubscribe("b", "resume");
			await().atMost(WAIT).until(() -> listener.received.size() >= 3 + n);

			template.publish("orders", "{\"id\":" + (4 + n) + "}");
			await().atMost(WAIT).until(() -> listener.received.size() >= 4 + n);
			fence.pass(template);
			assertThat(listener.received).as("all of them, in order, none twice, then live again")
				.containsExactlyElementsOf(orders(1, 4 + n));
		});
	}

	// ---- queue: unsubscribe on pause, the queue keeps what waits

	record Job(int id) {
	}

	static class QueueWorker {

		final List<Integer> attempts = new CopyOnWriteArrayList<>();

		final List<Integer> done = new CopyOnWriteArrayList<>();

		final CountDownLatch inFirstJob = new CountDownLatch(1);

		final CountDownLatch finishFirstJob = new CountDownLatch(1);

		@AmpsListener(id = "q", topic = "jobs", maxBacklog = 2)
		void work(Job job) throws InterruptedException {
			this.attempts.add(job.id());
			if (job.id() == 1 && this.attempts.size() == 1) {
				this.inFirstJob.countDown();
				assertThat(this.finishFirstJob.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			}
			this.done.add(job.id());
		}

	}

	@Test
	void aPausedQueueListenerLeavesTheQueueAloneAndOnResumeGetsEveryMessageOnceAndAcknowledgesIt() {
		this.amps.server().queue("jobs", Duration.ofSeconds(30));
		contextRunner().withBean(QueueWorker.class).withBean(LateQueueMessages.class).run((context) -> {
			assertThat(context).hasNotFailed();
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			QueueWorker worker = context.getBean(QueueWorker.class);
			Events events = context.getBean(Events.class);
			Fence fence = context.getBean(Fence.class);
			AmpsListenerContainer container = context.getBean(AmpsListenerRegistry.class).getListenerContainer("q");
			assertThat(container.getPauseBehavior()).isEqualTo(PauseBehavior.QUEUE_UNSUBSCRIBE);

			for (int id = 1; id <= 4; id++) {
				template.publish("jobs", new Job(id));
			}
			// job 1 is in the listener, job 2 leased to it (max_backlog 2), jobs 3 and 4 wait
			assertThat(worker.inFirstJob.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			CompletableFuture<Void> pausing = CompletableFuture.runAsync(container::pause);
			await().during(Duration.ofMillis(300)).atMost(WAIT)
				.until(() -> !pausing.isDone() && this.amps.server().takeFrame("unsubscribe", Duration.ZERO) == null);
			// pause() waits for the job in the listener, so that its acknowledgement goes before the unsubscribe
			worker.finishFirstJob.countDown();
			pausing.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(this.amps.server().takeFrame("unsubscribe", WAIT)).isNotNull();
			assertThat(container.isPaused()).isTrue();
			assertThat(container.isRunning()).isTrue();
			assertThat(container.isSubscribed()).isFalse();
			assertThat(events.of("q")).containsExactly("Started:q", "Paused:q");

			for (int id = 5; id <= 6; id++) {
				template.publish("jobs", new Job(id));
			}
			fence.pass(template);
			assertThat(worker.attempts).as("only job 1 reached the listener").containsExactly(1);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(this.amps.server().queueContents("jobs"))
					.as("job 1 acknowledged, job 2 back in the queue, the rest waiting there")
					.containsExactly(json(2), json(3), json(4), json(5), json(6)));

			container.resume();
			assertThat(events.of("q")).containsExactly("Started:q", "Paused:q", "Resumed:q");
			assertThat(container.isSubscribed()).isTrue();
			await().atMost(WAIT).until(() -> worker.done.size() >= 6);
			await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("jobs")).isEmpty());
			fence.pass(template);
			assertThat(worker.attempts).as("every job once").containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
			assertThat(worker.done).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
			assertThat(context.getBean(LateQueueMessages.class).seen).as("late deliveries in the fallback handlers")
				.isEmpty();
		});
	}

	/** Queue messages that reached the fallback handlers: late deliveries to an ended subscription must not. */
	static class LateQueueMessages implements LastChanceMessageHandler {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Override
		public void handle(Message message) {
			if ("jobs".equals(message.getTopic())) {
				this.seen.add(message.getCommand() + "/" + message.getSubId() + "/" + message.getData());
			}
		}

	}

	static class SelfPausingWorker {

		final List<Integer> attempts = new CopyOnWriteArrayList<>();

		volatile AmpsListenerContainer container;

		@AmpsListener(id = "q", topic = "jobs", maxBacklog = 2)
		void work(Job job) {
			this.attempts.add(job.id());
			if (job.id() == 2 && !this.container.isPaused() && this.attempts.size() == 2) {
				this.container.pause();
			}
		}

	}

	@Test
	void aQueueListenerThatPausesItselfAcknowledgesItsMessageBeforeTheRestGoesBackToTheQueue() {
		this.amps.server().queue("jobs", Duration.ofSeconds(30));
		contextRunner().withBean(SelfPausingWorker.class).withBean(LateQueueMessages.class).run((context) -> {
			assertThat(context).hasNotFailed();
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			SelfPausingWorker worker = context.getBean(SelfPausingWorker.class);
			Fence fence = context.getBean(Fence.class);
			AmpsListenerContainer container = context.getBean(AmpsListenerRegistry.class).getListenerContainer("q");
			worker.container = container;
			for (int id = 1; id <= 4; id++) {
				template.publish("jobs", new Job(id));
			}
			assertThat(this.amps.server().takeFrame("unsubscribe", WAIT)).as("the pause's unsubscribe").isNotNull();
			assertThat(container.isPaused()).isTrue();
			template.publish("jobs", new Job(5));
			fence.pass(template);
			assertThat(worker.attempts).containsExactly(1, 2);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(this.amps.server().queueContents("jobs"))
					.as("jobs 1 and 2 acknowledged, job 3 (leased) back in the queue")
					.containsExactly(json(3), json(4), json(5)));

			container.resume();
			await().atMost(WAIT).untilAsserted(() -> assertThat(this.amps.server().queueContents("jobs")).isEmpty());
			fence.pass(template);
			assertThat(worker.attempts).as("every job once").containsExactlyInAnyOrder(1, 2, 3, 4, 5);
			assertThat(context.getBean(LateQueueMessages.class).seen).as("late deliveries in the fallback handlers")
				.isEmpty();
		});
	}

	private static String json(int job) {
		return "{\"id\":" + job + "}";
	}

	// ---- sow_and_subscribe: resume queries the State of the World again

	static class SowListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@AmpsListener(id = "s", topic = "positions", kind = AmpsListener.Kind.SOW_AND_SUBSCRIBE)
		void position(String payload, @AmpsHeader(AmpsHeader.Field.COMMAND) String command) {
			this.received.add(command + " " + payload);
		}

		List<String> from(int index) {
			List<String> all = List.copyOf(this.received);
			return all.subList(index, all.size());
		}

	}

	@Test
	void aResumedSowSubscriptionReceivesTheCurrentStateOfTheWorldThenLiveUpdates() {
		this.amps.server().sowTopic("positions", "/id").seed("positions", "{\"id\":1,\"v\":1}", "{\"id\":2,\"v\":1}");
		contextRunner().withBean(SowListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			SowListener listener = context.getBean(SowListener.class);
			Events events = context.getBean(Events.class);
			Fence fence = context.getBean(Fence.class);
			AmpsListenerContainer container = context.getBean(AmpsListenerRegistry.class).getListenerContainer("s");
			assertThat(container.getPauseBehavior()).isEqualTo(PauseBehavior.REQUERY_ON_RESUME);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(listener.received).containsExactlyInAnyOrder("sow {\"id\":1,\"v\":1}",
						"sow {\"id\":2,\"v\":1}"));
			template.publish("positions", "{\"id\":1,\"v\":2}");
			await().atMost(WAIT).until(() -> listener.received.contains("publish {\"id\":1,\"v\":2}"));

			container.pause();
			assertThat(container.isPaused()).isTrue();
			assertThat(container.isRunning()).isTrue();
			assertThat(container.isSubscribed()).isFalse();
			assertThat(events.of("s")).containsExactly("Started:s", "Paused:s");
			int before = listener.received.size();
			template.publish("positions", "{\"id\":2,\"v\":2}");
			template.publish("positions", "{\"id\":1,\"v\":3}");
			template.publish("positions", "{\"id\":3,\"v\":1}");
			fence.pass(template);
			assertThat(listener.from(before)).as("nothing while paused").isEmpty();

			container.resume();
			assertThat(events.of("s")).containsExactly("Started:s", "Paused:s", "Resumed:s");
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(listener.from(before)).as("the current records, as SOW results")
					.containsExactlyInAnyOrder("sow {\"id\":1,\"v\":3}", "sow {\"id\":2,\"v\":2}",
							"sow {\"id\":3,\"v\":1}"));
			template.publish("positions", "{\"id\":4,\"v\":1}");
			await().atMost(WAIT).until(() -> listener.received.size() == before + 4);
			fence.pass(template);
			assertThat(listener.from(before + 3)).as("then live").containsExactly("publish {\"id\":4,\"v\":1}");
		});
	}

	// ---- plain subscribe: pause is refused

	static class PlainListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@AmpsListener(id = "p", topic = "ticks")
		void tick(String payload) {
			this.received.add(payload);
		}

	}

	@Test
	void pausingAPlainSubscriptionIsRefusedNamingTheAlternativesAndItGoesOnDelivering() {
		contextRunner().withBean(PlainListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			PlainListener listener = context.getBean(PlainListener.class);
			Events events = context.getBean(Events.class);
			AmpsListenerContainer container = context.getBean(AmpsListenerRegistry.class).getListenerContainer("p");
			assertThat(container.getPauseBehavior()).isEqualTo(PauseBehavior.NOT_SUPPORTED);
			template.publish("ticks", "{\"t\":1}");
			await().atMost(WAIT).until(() -> listener.received.size() == 1);

			assertThatIllegalStateException().isThrownBy(container::pause)
				.withMessageContaining("'p'")
				.withMessageContaining("bookmark subscription")
				.withMessageContaining("State of the World subscription")
				.withMessageContaining("stop()");
			assertThat(container.isPaused()).isFalse();
			assertThat(container.isRunning()).isTrue();
			assertThat(container.isSubscribed()).isTrue();
			assertThat(events.of("p")).containsExactly("Started:p");

			template.publish("ticks", "{\"t\":2}");
			context.getBean(Fence.class).pass(template);
			assertThat(listener.received).containsExactly("{\"t\":1}", "{\"t\":2}");
			assertThat(this.amps.server()
				.receivedFrames()
				.stream()
				.filter((frame) -> "subscribe".equals(frame.command()) && "ticks".equals(frame.topic())))
				.as("nothing sent for the refused pause")
				.hasSize(1);
			assertThat(this.amps.server().receivedFrames().stream().filter((f) -> "unsubscribe".equals(f.command())))
				.isEmpty();
		});
	}

	// ---- helpers

	private ReceivedFrame takeSubscribe(String subId, String option) {
		return await().atMost(WAIT).until(() -> this.amps.server()
			.receivedFrames()
			.stream()
			.filter((frame) -> "subscribe".equals(frame.command()) && subId.equals(frame.header("sub_id"))
					&& frame.header("opts") != null && frame.header("opts").contains(option))
			.findFirst()
			.orElse(null), (frame) -> frame != null);
	}


}
