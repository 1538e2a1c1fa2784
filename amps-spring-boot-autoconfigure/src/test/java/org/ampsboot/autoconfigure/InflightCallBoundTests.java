package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.ConnectionStateListener;
import com.crankuptheamps.client.HAClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.ampsboot.AmpsOperationException;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.Fault;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13, item 1: a template publish already inside the client when the connection drops
 * (the client then reconnects on the publishing thread, or on its receive thread while the
 * publish waits for it) returns or fails within its bound, and the client still recovers.
 */
class InflightCallBoundTests {

	/** The secondary drops this many logons: the reconnect lasts about 30 x 200 ms, far beyond the bound. */
	private static final int REFUSED_LOGONS = 30;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class));

	@ParameterizedTest(name = "publish store {0}")
	@ValueSource(strings = { "memory", "none" })
	void aPublishInsideTheClientWhenTheConnectionDropsEndsWithinItsBoundAndTheClientRecovers(String store)
			throws Exception {
		try (AmpsTestServer primary = new AmpsTestServer().start();
				AmpsTestServer secondary = new AmpsTestServer().start()) {
			this.runner
				.withPropertyValues("amps.uri=" + primary.uri() + "," + secondary.uri(),
						"amps.client-name=inflight-" + store, "amps.publish-store.type=" + store,
						"amps.reconnect.strategy=fixed", "amps.reconnect.initial-delay=200ms",
						"amps.template.publish-timeout=500ms")
				.run((context) -> {
					AmpsTemplate template = context.getBean(AmpsTemplate.class);
					HAClient client = context.getBean(HAClient.class);
					List<String> delivered = new CopyOnWriteArrayList<>();
					client.executeAsync(new Command("subscribe").setTopic("orders"),
							(message) -> delivered.add(message.getData()));
					for (int i = 0; i < REFUSED_LOGONS; i++) {
						secondary.enqueue(Fault.dropOnNext("logon"));
					}
					CountDownLatch resubscribed = new CountDownLatch(1);
					client.addConnectionStateListener((state) -> {
						if (state == ConnectionStateListener.Resubscribed) {
							resubscribed.countDown();
						}
					});
					Publisher publisher = new Publisher(template);
					publisher.start();
					await().atMost(Duration.ofSeconds(10)).until(() -> publisher.returned.get() > 1000);
					publisher.dropAt.set(System.nanoTime());
					primary.stopAccepting();
					primary.dropConnections();
					assertThat(resubscribed.await(30, TimeUnit.SECONDS)).as("resubscribed on the secondary").isTrue();
					publisher.stopPublishing();
					publisher.join(5000);
					// the calls stuck in the reconnect were released; later ones waited for the logon at most the bound
					assertThat(Duration.ofNanos(publisher.longestAfterDrop.get()))
						.as("the longest publish running at or after the drop (bound 500 ms)")
						.isLessThan(Duration.ofMillis(1500));
					System.out.println("Longest publish at or after the drop: "
							+ Duration.ofNanos(publisher.longestAfterDrop.get()).toMillis() + " ms, " + publisher.longestOutcome);
					template.publish("orders", "{\"id\":\"after\"}");
					template.flush(Duration.ofSeconds(5));
					await().atMost(Duration.ofSeconds(5)).until(() -> delivered.contains("{\"id\":\"after\"}"));
					if (client.getPublishStore() != null) {
						assertThat(client.getPublishStore().unpersistedCount())
							.as("every stored publish was replayed and acknowledged")
							.isZero();
					}
				});
		}
	}

	/** Publishes flat out and measures each call that was running at or after the drop. */
	private static final class Publisher extends Thread {

		private final AmpsTemplate template;

		private final AtomicLong returned = new AtomicLong();

		private final AtomicLong dropAt = new AtomicLong(Long.MAX_VALUE);

		private final AtomicLong callsAfterDrop = new AtomicLong();

		private final AtomicLong longestAfterDrop = new AtomicLong();

		private final AtomicBoolean stopped = new AtomicBoolean();

		private volatile String longestOutcome;

		Publisher(AmpsTemplate template) {
			super("inflight-publisher");
			setDaemon(true);
			this.template = template;
		}

		@Override
		public void run() {
			long n = 0;
			while (!this.stopped.get()) {
				long start = System.nanoTime();
				String outcome = "returned";
				try {
					this.template.publish("orders", "{\"id\":" + n++ + "}");
					this.returned.incrementAndGet();
				}
				catch (AmpsOperationException ex) {
					// not logged on within the bound, or released from the reconnect: both end the call
					outcome = ex.getMessage();
				}
				long end = System.nanoTime();
				long drop = this.dropAt.get();
				if (end - drop > 0) {
					long took = end - Math.max(start, drop);
					if (took > this.longestAfterDrop.get()) {
						this.longestAfterDrop.set(took);
						this.longestOutcome = outcome;
					}
					this.callsAfterDrop.incrementAndGet();
				}
			}
		}

		void stopPublishing() {
			this.stopped.set(true);
		}

	}

}
