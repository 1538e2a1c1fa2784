package org.ampsboot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ampsboot.autoconfigure.process.ChildJvm;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, item 6, across processes: a second process whose client would share a store file
 * with a running one fails startup naming the property, the file and the holder; once the holder
 * is killed ({@code kill -9}), the same start-up succeeds.
 */
class StoreFileLockProcessTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String URI = "tcp://amps-a.example.test:9007/amps/json";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class))
		.withPropertyValues("amps.auto-startup=false", "amps.uri=" + URI);

	@Test
	void aStoreFileInUseByAnotherProcessFailsStartupUntilThatProcessIsKilled(@TempDir Path files) throws Exception {
		String publishes = files.resolve("orders.store").toString();
		String bookmarks = files.resolve("orders.bookmarks").toString();
		try (ChildJvm holder = ChildJvm.start(HoldingApp.class, List.of(), "--amps.uri=" + URI,
				"--amps.auto-startup=false", "--amps.client-name=orders-1", "--amps.publish-store.type=file",
				"--amps.publish-store.path=" + publishes, "--amps.bookmark-store.type=file",
				"--amps.bookmark-store.path=" + bookmarks)) {
			String ready = holder.awaitLine((line) -> line.startsWith("holding as pid "), WAIT);
			String pid = ready.substring("holding as pid ".length()).trim();
			this.runner
				.withPropertyValues("amps.client-name=orders-2", "amps.publish-store.type=file",
						"amps.publish-store.path=" + publishes)
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(AmpsAutoConfigurationTests.findCause(context.getStartupFailure()))
						.hasMessageContaining("amps.publish-store.path: the store file " + Path.of(publishes))
						.hasMessageContaining("in use by another process (pid " + pid + ", client 'orders-1')");
				});
			this.runner
				.withPropertyValues("amps.client-name=orders-2", "amps.bookmark-store.type=file",
						"amps.bookmark-store.path=" + bookmarks)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("amps.bookmark-store.path: the store file " + Path.of(bookmarks)));
			holder.kill9();
			holder.awaitExit(WAIT);
		}
		// the operating system released the locks of the killed process: a restart is not refused
		this.runner
			.withPropertyValues("amps.client-name=orders-1", "amps.publish-store.type=file",
					"amps.publish-store.path=" + publishes, "amps.bookmark-store.type=file",
					"amps.bookmark-store.path=" + bookmarks)
			.run((context) -> assertThat(context).hasNotFailed());
		// and a context that closed released them for the next one in the same JVM
		this.runner
			.withPropertyValues("amps.client-name=orders-1", "amps.publish-store.type=file",
					"amps.publish-store.path=" + publishes)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	/** Creates the client (with its stores) and holds it until killed. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AmpsAutoConfiguration.class)
	public static class HoldingApp {

		public static void main(String[] args) throws InterruptedException {
			new SpringApplicationBuilder(HoldingApp.class).web(WebApplicationType.NONE).run(args);
			System.out.println("holding as pid " + ProcessHandle.current().pid());
			new CountDownLatch(1).await();
		}

	}

}
