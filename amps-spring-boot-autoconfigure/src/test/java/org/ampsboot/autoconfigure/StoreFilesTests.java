package org.ampsboot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.FixedDelayStrategy;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.PublishStore;
import org.ampsboot.autoconfigure.client.ClientInternals;
import org.ampsboot.test.AmpsTestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Store files and client names: a durable publish store needs a fixed client name, no two
 * clients of an application share a name or a store file, and a damaged publish store file
 * fails startup naming the property and the file (a truncated one starts with a WARN giving
 * what was recovered). The damaged files are real files the AMPS client wrote, then garbled.
 */
@ExtendWith(OutputCaptureExtension.class)
class StoreFilesTests {

	private static final String URI = "tcp://amps-a.example.test:9007/amps/json";

	private static final int UNACKNOWLEDGED = 100;

	@TempDir
	static Path directory;

	private static byte[] written;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class))
		.withPropertyValues("amps.auto-startup=false", "amps.uri=" + URI);

	/** A store file the client wrote: one acknowledged publish, then 100 the server never acknowledged. */
	@BeforeAll
	static void writeStoreFile() throws Exception {
		Path file = directory.resolve("written.store");
		try (AmpsTestServer server = new AmpsTestServer().start()) {
			HAClient client = new HAClient("store-writer");
			PublishStore store = new PublishStore(file.toString());
			client.setPublishStore(store);
			DefaultServerChooser chooser = new DefaultServerChooser();
			chooser.add(server.uri());
			client.setServerChooser(chooser);
			client.setReconnectDelayStrategy(new FixedDelayStrategy(50, 500));
			client.connectAndLogon();
			client.publish("orders", "{\"n\":0}");
			client.publishFlush(5000);
			server.silenceConnections();
			for (int i = 1; i <= UNACKNOWLEDGED; i++) {
				client.publish("orders", "{\"n\":" + i + "}");
			}
			assertThat(store.unpersistedCount()).isEqualTo(UNACKNOWLEDGED);
			server.close();
			assertTimeoutPreemptively(Duration.ofSeconds(10), client::close);
		}
		written = Files.readAllBytes(file);
	}

	@Test
	void aFilePublishStoreWithoutAClientNameFailsStartup(@TempDir Path files) {
		this.contextRunner
			.withPropertyValues("amps.publish-store.type=file", "amps.publish-store.path=" + files.resolve("p.store"))
			.run((context) -> {
				assertThat(context).hasFailed();
				AmpsStartupException failure = AmpsAutoConfigurationTests.findCause(context.getStartupFailure());
				assertThat(failure.getMessage())
					.contains("amps.publish-store.type is file but amps.client-name is not set");
				assertThat(failure.getAction()).contains("amps.client-name").contains("duplicates");
			});
	}

	@Test
	void aFileBookmarkStoreWithoutAClientNameStarts(@TempDir Path files) {
		this.contextRunner
			.withPropertyValues("amps.bookmark-store.type=file", "amps.bookmark-store.path=" + files.resolve("b.store"))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void twoClientsWithOneClientNameFailStartupNamingBothProperties() {
		this.contextRunner
			.withPropertyValues("amps.client-name=orders", "amps.clients.market.uri=" + URI,
					"amps.clients.market.auto-startup=false", "amps.clients.market.client-name=orders")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(AmpsAutoConfigurationTests.findCause(context.getStartupFailure()))
					.hasMessageContaining("amps.client-name and amps.clients.market.client-name are both 'orders'");
			});
	}

	@Test
	void twoClientsWithOneStoreFileFailStartupNamingBothProperties(@TempDir Path files) {
		String path = files.resolve("shared.store").toString();
		this.contextRunner
			.withPropertyValues("amps.clients.a.uri=" + URI, "amps.clients.a.auto-startup=false",
					"amps.clients.a.client-name=a", "amps.clients.a.publish-store.type=file",
					"amps.clients.a.publish-store.path=" + path, "amps.clients.b.uri=" + URI,
					"amps.clients.b.auto-startup=false", "amps.clients.b.client-name=b",
					"amps.clients.b.bookmark-store.type=file", "amps.clients.b.bookmark-store.path=" + path)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(AmpsAutoConfigurationTests.findCause(context.getStartupFailure())).hasMessageContaining(
						"amps.clients.a.publish-store.path and amps.clients.b.bookmark-store.path are both the file");
			});
	}

	@Test
	void anIntactStoreFileStartsWithEveryUnacknowledgedPublish(CapturedOutput output) throws IOException {
		Path file = copy("intact.store", written);
		withStore(file).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(HAClient.class).getPublishStore().unpersistedCount()).isEqualTo(UNACKNOWLEDGED);
		});
		assertThat(output).doesNotContain("truncated");
	}

	@Test
	void aStoreFileWithGarbledRecordsFailsStartupNamingThePropertyAndTheFile() throws IOException {
		byte[] garbled = written.clone();
		byte[] noise = new byte[garbled.length - ClientInternals.PUBLISH_STORE_BLOCK_SIZE];
		new Random(7).nextBytes(noise);
		System.arraycopy(noise, 0, garbled, ClientInternals.PUBLISH_STORE_BLOCK_SIZE, noise.length);
		assertFailsNaming(copy("garbled.store", garbled), "is not a valid AMPS publish store");
	}

	@Test
	void aStoreFileOfNoiseFailsStartupNamingThePropertyAndTheFile() throws IOException {
		byte[] noise = new byte[written.length];
		new Random(11).nextBytes(noise);
		assertFailsNaming(copy("noise.store", noise), "block size");
		byte[] shortNoise = new byte[5000];
		new Random(13).nextBytes(shortNoise);
		System.arraycopy(written, 0, shortNoise, 0, 20);
		assertFailsNaming(copy("short-noise.store", shortNoise), "is not a valid AMPS publish store");
		assertFailsNaming(copy("tiny.store", Arrays.copyOf(written, 100)), "shorter than the store's header");
	}

	@Test
	void aNamedClientsDamagedStoreFileIsReportedUnderItsOwnProperty() throws IOException {
		byte[] noise = new byte[written.length];
		new Random(17).nextBytes(noise);
		Path file = copy("named-noise.store", noise);
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class))
			.withPropertyValues("amps.clients.market.uri=" + URI, "amps.clients.market.auto-startup=false",
					"amps.clients.market.client-name=market", "amps.clients.market.publish-store.type=file",
					"amps.clients.market.publish-store.path=" + file)
			.run((context) -> assertThat(AmpsAutoConfigurationTests.findCause(context.getStartupFailure()))
				.hasMessageContaining("amps.clients.market.publish-store.path is '" + file + "'"));
	}

	@Test
	void aStoreFileCutInsideABlockStartsWithAWarnGivingTheCountRecovered(CapturedOutput output) throws IOException {
		Path file = copy("cut.store", Arrays.copyOf(written, written.length - 1000));
		withStore(file).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(HAClient.class).getPublishStore().unpersistedCount()).isEqualTo(UNACKNOWLEDGED);
		});
		assertThat(output).contains("WARN").contains("AMPS publish store " + file + " (amps.publish-store.path) is truncated")
			.contains("recovered " + UNACKNOWLEDGED + " unacknowledged publishes");
	}

	@Test
	void aStoreFileMissingItsLastBlocksStartsWithAWarnGivingTheCountsRecoveredAndMissing(CapturedOutput output)
			throws IOException {
		Path file = copy("short.store",
				Arrays.copyOf(written, written.length - 50 * ClientInternals.PUBLISH_STORE_BLOCK_SIZE));
		withStore(file).run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("AMPS publish store " + file + " (amps.publish-store.path) is truncated")
			.contains("recovered 50 unacknowledged publishes")
			.contains("50 publishes after the last acknowledged one");
	}

	private ApplicationContextRunner withStore(Path file) {
		return this.contextRunner.withPropertyValues("amps.client-name=store-reader", "amps.publish-store.type=file",
				"amps.publish-store.path=" + file);
	}

	private void assertFailsNaming(Path file, String what) {
		withStore(file).run((context) -> {
			assertThat(context).hasFailed();
			AmpsStartupException failure = AmpsAutoConfigurationTests.findCause(context.getStartupFailure());
			assertThat(failure.getMessage()).startsWith("amps.publish-store.path is '" + file + "', but")
				.contains(what);
			assertThat(failure.getAction()).contains("amps.publish-store.path");
		});
	}

	private static Path copy(String name, byte[] content) throws IOException {
		return Files.write(directory.resolve(name), content);
	}

}
