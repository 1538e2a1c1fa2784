package org.ampsboot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.ampsboot.AmpsHeader;
import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsOperationException;
import org.ampsboot.AmpsPublish;
import org.ampsboot.AmpsSowQuery;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.ReceivedFrame;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The template's queries with order, page, batch size and point in time, publishes with a
 * correlation id and an explicit SOW key, and publishes whose acknowledgement the caller can
 * observe, with the real client against the test server.
 */
@ExtendWith(OutputCaptureExtension.class)
class TemplatePartsTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private AmpsTestServer server;

	@BeforeEach
	void startServer() {
		this.server = new AmpsTestServer().sowTopic("orders", "/id").sowTopicWithPublisherKeys("prices").start();
		for (int id = 1; id <= 30; id++) {
			this.server.seed("orders", "{\"id\":" + id + ",\"price\":" + (id * 7 % 31) + ",\"open\":" + (id % 2 == 0)
					+ "}");
		}
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, AmpsAutoConfiguration.class,
					AmpsMessagingAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + this.server.uri(), "amps.client-name=parts",
					"amps.template.timeout=5s");
	}

	@Test
	void aQueryReturnsThePageOfTheOrderedFilteredRecords() {
		contextRunner().run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			List<Map<String, Object>> all = records(template.sow(AmpsSowQuery.of("orders").filter("/open = true"),
					Map.class));
			List<Integer> expected = all.stream()
				.sorted((a, b) -> Integer.compare((Integer) b.get("price"), (Integer) a.get("price")))
				.map((record) -> (Integer) record.get("id"))
				.skip(3)
				.limit(4)
				.toList();
			List<Map<String, Object>> page = records(template.sow(AmpsSowQuery.of("orders")
				.filter("/open = true")
				.orderBy("/price DESC")
				.topN(4)
				.skipN(3), Map.class));
			assertThat(all).hasSize(15);
			assertThat(page).extracting((record) -> record.get("id")).containsExactlyElementsOf(expected);
			ReceivedFrame frame = this.server.takeFrame("sow", WAIT);
			assertThat(frame).isNotNull();
		});
	}

	@Test
	void aQueryInBatchesReadsEveryRecordAndSendsTheBatchSize() {
		contextRunner().run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			List<String> records = template.sow(AmpsSowQuery.of("orders").batchSize(7), String.class);
			assertThat(records).hasSize(30);
			assertThat(sowFrames()).anySatisfy((header) -> assertThat(header).contains("\"batch_size\":7"));
		});
	}

	@Test
	void aPageWithoutTopNIsRefusedBeforeAnythingIsSent() {
		contextRunner().run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> template.sow(AmpsSowQuery.of("orders").skipN(10), String.class))
				.withMessageContaining("skipN(10) needs topN");
			assertThatIllegalArgumentException().isThrownBy(() -> AmpsSowQuery.of("orders").topN(0))
				.withMessageContaining("topN must be at least 1");
			assertThat(sowFrames()).isEmpty();
		});
	}

	@Test
	void aHistoricalQueryReturnsTheRecordsAsTheyWereAtABookmark() {
		this.server.sowTopic("quotes", "/sym").sowHistory("quotes").transactionLog("quotes");
		contextRunner().run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			template.publishConfirmed("quotes", "{\"sym\":\"IBM\",\"px\":1}").join();
			String then = lastBookmark(context);
			template.publishConfirmed("quotes", "{\"sym\":\"IBM\",\"px\":2}").join();
			assertThat(template.sow(AmpsSowQuery.of("quotes"), String.class)).containsExactly("{\"sym\":\"IBM\",\"px\":2}");
			assertThat(template.sow(AmpsSowQuery.of("quotes").asOf(then), String.class))
				.containsExactly("{\"sym\":\"IBM\",\"px\":1}");
			assertThat(this.server.receivedFrames()).anySatisfy((frame) -> {
				assertThat(frame.command()).isEqualTo("sow");
				assertThat(frame.header("bookmark")).isEqualTo(then);
			});
			// a topic that keeps no history: the test server says so
			assertThatThrownBy(() -> template.sow(AmpsSowQuery.of("orders").asOf("20261201T120000"), String.class))
				.isInstanceOf(AmpsOperationException.class)
				.hasMessageContaining("not supported by the AMPS test server: a historical query")
				.hasMessageContaining("keeps no history");
		});
	}

	/** The bookmark of the current IBM quote, read from a query of the raw client. */
	private static String lastBookmark(org.springframework.context.ApplicationContext context) throws Exception {
		com.crankuptheamps.client.Client client = context.getBean(com.crankuptheamps.client.Client.class);
		try (com.crankuptheamps.client.MessageStream stream = client.sow("quotes", null)) {
			for (com.crankuptheamps.client.Message message : stream) {
				if (message.getCommand() == com.crankuptheamps.client.Message.Command.SOW) {
					return message.getBookmark();
				}
			}
		}
		throw new AssertionError("no quote");
	}

	@Test
	void aCorrelationIdReachesTheListener() {
		contextRunner().withUserConfiguration(CorrelationListener.class).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			CorrelationListener listener = context.getBean(CorrelationListener.class);
			await().atMost(WAIT).untilAsserted(() -> {
				template.publish(AmpsPublish.to("events").correlationId("batch42"), Map.of("n", 1));
				assertThat(listener.received).isNotEmpty();
			});
			assertThat(listener.received.get(0)).isEqualTo("batch42|{\"n\":1}");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> template.publish(AmpsPublish.to("events").correlationId("trace-1"), "x"))
				.withMessageContaining("correlationId 'trace-1' has the character '-' at 5");
		});
	}

	@Test
	void anExplicitSowKeyKeysTheRecord() {
		contextRunner().run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			template.publishConfirmed(AmpsPublish.to("prices").sowKey("IBM"), "{\"px\":1}").join();
			template.publishConfirmed(AmpsPublish.to("prices").sowKey("IBM"), "{\"px\":2}").join();
			template.publishConfirmed(AmpsPublish.to("prices").sowKey("MSFT"), "{\"px\":3}").join();
			assertThat(template.sow("prices", null, String.class)).containsExactlyInAnyOrder("{\"px\":2}",
					"{\"px\":3}");
			assertThat(template.sowDeleteByKeys("prices", "IBM")).isEqualTo(1);
			assertThat(template.sow("prices", null, String.class)).containsExactly("{\"px\":3}");
			// a topic whose keys AMPS derives: the future fails with the test server's reason
			CompletableFuture<Void> refused = template.publishConfirmed(AmpsPublish.to("orders").sowKey("K1"),
					"{\"id\":99}");
			assertThatThrownBy(refused::join).isInstanceOf(CompletionException.class)
				.cause()
				.isInstanceOf(AmpsOperationException.class)
				.hasMessageContaining("whose SowKeys AMPS derives from its key fields");
		});
	}

	@Test
	void withoutAStoreTheConfirmationIsTheProcessedAck() {
		contextRunner().run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			CompletableFuture<Void> done = template.publishConfirmed("orders", "{\"id\":100,\"price\":1}");
			assertThat(done).isCompletedWithValue(null);
			CompletableFuture<Void> refused = template.publishConfirmed("orders", "{\"price\":1}");
			assertThat(refused).isCompletedExceptionally();
			assertThatThrownBy(refused::join).cause()
				.isInstanceOf(AmpsOperationException.class)
				.hasMessageContaining("bad sow key");
			assertThat(this.server.sowRecords("orders")).hasSize(31);
		});
	}

	@Test
	void withAMemoryStoreTheConfirmationIsThePersistedAck() {
		contextRunner().withPropertyValues("amps.publish-store.type=memory").run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			List<CompletableFuture<Void>> futures = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				futures.add(template.publishConfirmed("events", "{\"n\":" + i + "}"));
			}
			CompletableFuture<Void> refused = template.publishConfirmed("orders", "{\"price\":1}");
			futures.add(template.publishConfirmed("events", "{\"n\":200}"));
			await().atMost(WAIT).until(() -> futures.stream().allMatch(CompletableFuture::isDone) && refused.isDone());
			assertThat(futures).allSatisfy((future) -> assertThat(future).isCompletedWithValue(null));
			// the client reports the refusal of a stored publish by its reason code
			assertThatThrownBy(refused::join).cause()
				.isInstanceOf(AmpsOperationException.class)
				.hasMessageContaining("AMPS refused the publish to 'orders'")
				.hasMessageContaining("BadSowKey");
		});
	}

	@Test
	void withAFileStoreTheConfirmationIsThePersistedAck(@TempDir Path files) {
		contextRunner()
			.withPropertyValues("amps.publish-store.type=file", "amps.publish-store.path=" + files.resolve("p.store"))
			.run((context) -> {
				AmpsTemplate template = context.getBean(AmpsTemplate.class);
				CompletableFuture<Void> done = template.publishConfirmed("events", Map.of("n", 1));
				await().atMost(WAIT).until(done::isDone);
				assertThat(done).isCompletedWithValue(null);
			});
	}

	@Test
	void futuresStillWaitingAtShutdownFailAndAreCounted(CapturedOutput output) {
		List<CompletableFuture<Void>> futures = new ArrayList<>();
		contextRunner().withPropertyValues("amps.publish-store.type=memory", "amps.shutdown.flush-timeout=200ms")
			.run((context) -> {
				AmpsTemplate template = context.getBean(AmpsTemplate.class);
				template.publishConfirmed("events", "{\"n\":0}").join();
				this.server.silenceConnections();
				for (int i = 1; i <= 3; i++) {
					futures.add(template.publishConfirmed("events", "{\"n\":" + i + "}"));
				}
				assertThat(futures).noneMatch(CompletableFuture::isDone);
			});
		assertThat(futures).allSatisfy((future) -> assertThatThrownBy(future::join).cause()
			.isInstanceOf(AmpsOperationException.class)
			.hasMessageContaining("disconnected at shutdown"));
		assertThat(output).contains("3 AmpsTemplate.publishConfirmed future(s) failed");
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static List<Map<String, Object>> records(List<Map> records) {
		return (List) records;
	}

	private List<String> sowFrames() {
		List<String> headers = new ArrayList<>();
		for (ReceivedFrame frame : this.server.receivedFrames()) {
			if ("sow".equals(frame.command())) {
				headers.add(frame.toString());
			}
		}
		return headers;
	}

	@Configuration(proxyBeanMethods = false)
	static class CorrelationListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@AmpsListener(topic = "events")
		void onEvent(String data, @AmpsHeader(AmpsHeader.Field.CORRELATION_ID) String correlationId) {
			this.received.add(correlationId + "|" + data);
		}

	}

}
