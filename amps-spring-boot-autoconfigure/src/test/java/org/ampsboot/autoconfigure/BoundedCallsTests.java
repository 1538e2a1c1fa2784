package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.crankuptheamps.client.ConnectionStateListener;
import com.crankuptheamps.client.HAClient;
import org.junit.jupiter.api.Test;

import org.ampsboot.AmpsOperationException;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.test.AmpsTestServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13, items 1 and 5: no template call blocks without a bound while the client reconnects,
 * and a bounded publish store pushes back on publishers instead of growing until the heap runs out.
 */
class BoundedCallsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class));

	@Test
	void everyTemplateCallFailsWithinItsBoundWhileTheClientReconnects() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().sowTopic("orders", "/id").start()) {
			this.runner
				.withPropertyValues("amps.uri=" + server.uri(), "amps.client-name=bounded-reconnect",
						"amps.reconnect.strategy=fixed", "amps.reconnect.initial-delay=50ms",
						"amps.template.timeout=1s", "amps.template.publish-timeout=500ms")
				.run((context) -> {
					AmpsTemplate template = context.getBean(AmpsTemplate.class);
					template.publish("orders", "{\"id\":1}");
					CountDownLatch disconnected = new CountDownLatch(1);
					context.getBean(HAClient.class).addConnectionStateListener((state) -> {
						if (state == ConnectionStateListener.Disconnected) {
							disconnected.countDown();
						}
					});
					server.stopAccepting();
					server.dropConnections();
					assertThat(disconnected.await(10, TimeUnit.SECONDS)).as("the client noticed the drop").isTrue();
					failsWithin(Duration.ofMillis(500), Duration.ofSeconds(3),
							() -> template.publish("orders", "{\"id\":2}"));
					failsWithin(Duration.ofSeconds(1), Duration.ofSeconds(4),
							() -> template.sow("orders", null, String.class));
					failsWithin(Duration.ofSeconds(1), Duration.ofSeconds(4),
							() -> template.sowDelete("orders", "/id = 1"));
					failsWithin(Duration.ofSeconds(1), Duration.ofSeconds(4),
							() -> template.flush(Duration.ofSeconds(1)));
				});
		}
	}

	@Test
	void aFullMemoryPublishStoreMakesPublishWaitThenFailAndDrainsWhenAcknowledgementsResume() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start()) {
			this.runner
				.withPropertyValues("amps.uri=" + server.uri(), "amps.client-name=bounded-store",
						"amps.publish-store.type=memory", "amps.publish-store.initial-capacity=10",
						"amps.publish-store.max-bytes=20KB",
						"amps.reconnect.strategy=fixed", "amps.reconnect.initial-delay=10ms",
						"amps.template.publish-timeout=1s")
				.run((context) -> {
					AmpsTemplate template = context.getBean(AmpsTemplate.class);
					HAClient client = context.getBean(HAClient.class);
					server.silenceConnections();
					int stored = 0;
					while (stored < 1000 && client.getPublishStore().unpersistedCount() == stored) {
						try {
							template.publish("orders", "{\"id\":" + stored + "}");
						}
						catch (AmpsOperationException ex) {
							break;
						}
						stored++;
					}
					assertThat(stored).as("publishes the 20KB store took").isBetween(1, 999);
					int full = stored;
					failsWithin(Duration.ofSeconds(1), Duration.ofSeconds(4),
							() -> template.publish("orders", "{\"id\":\"refused\"}"), (ex) -> assertThat(ex)
								.hasMessageContaining("publish store")
								.hasMessageContaining("max-bytes=20480")
								.hasMessageContaining("not published"));
					assertThat(client.getPublishStore().unpersistedCount()).as("the refused message was not stored")
						.isEqualTo(full);
					server.dropConnections();
					await().atMost(Duration.ofSeconds(10))
						.until(() -> client.getPublishStore().unpersistedCount() == 0);
					template.publish("orders", "{\"id\":51}");
					template.flush(Duration.ofSeconds(5));
					assertThat(client.getPublishStore().unpersistedCount()).isZero();
				});
		}
	}

	private static void failsWithin(Duration atLeast, Duration atMost, Runnable call) {
		failsWithin(atLeast, atMost, call, (ex) -> assertThat(ex).hasMessageContaining("not logged on"));
	}

	private static void failsWithin(Duration atLeast, Duration atMost, Runnable call,
			Consumer<AmpsOperationException> check) {
		long start = System.nanoTime();
		CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
			try {
				call.run();
				return null;
			}
			catch (Throwable ex) {
				return ex;
			}
		}, (task) -> {
			Thread thread = new Thread(task, "bounded-call");
			thread.setDaemon(true);
			thread.start();
		});
		await().atMost(atMost).until(outcome::isDone);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		Throwable failure = outcome.join();
		assertThat(failure).isInstanceOf(AmpsOperationException.class);
		check.accept((AmpsOperationException) failure);
		assertThat(took).as("waited up to its bound first").isGreaterThanOrEqualTo(atLeast.minusMillis(50));
	}

}
