package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.ampsboot.AmpsTemplate;
import org.ampsboot.autoconfigure.process.ChildJvm;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.Fault;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A memory publish store whose acknowledgements never come, in a JVM of its own with a small heap: with the default
 * bound ({@code amps.publish-store.max-bytes}, 64 MB) the publisher is refused once the store is full and the JVM
 * lives on, where an unbounded store died of {@code OutOfMemoryError}.
 */
class PublishStoreBoundProcessTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private AmpsTestServer server;

	@BeforeEach
	void startServer() {
		this.server = new AmpsTestServer().recordFrames(0).start();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void aMemoryStoreWithoutAcknowledgementsRefusesPublishesAtItsBoundInsteadOfExhaustingTheHeap() throws Exception {
		// the server reads and discards everything from the first publish on: no persisted acks ever
		this.server.enqueue(Fault.silenceOnNext("p"));
		try (ChildJvm child = ChildJvm.start(FillingApp.class, List.of("-Xmx160m"), "--amps.uri=" + this.server.uri(),
				"--amps.publish-store.type=memory", "--amps.template.publish-timeout=1s",
				"--amps.shutdown.flush-timeout=1s")) {
			String refused = child.awaitLine((line) -> line.startsWith("refused after "), WAIT);
			assertThat(child.awaitExit(WAIT)).as("exit code").isZero();
			System.out.println("memory store without acks, -Xmx160m: " + refused);
			assertThat(refused).contains("publish store").contains("is full");
			long stored = Long.parseLong(refused.substring("refused after ".length(), refused.indexOf(' ', 14)));
			// 1 KB messages in 2 KB blocks: 64 MB hold about 32,000 of them
			assertThat(stored).isBetween(10_000L, 70_000L);
			assertThat(child.output()).noneMatch((line) -> line.contains("OutOfMemoryError"));
		}
	}

	/** Publishes 1 KB messages until a publish fails, prints how many returned and why, and closes the context. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class })
	public static class FillingApp {

		public static void main(String[] args) {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(FillingApp.class)
				.web(WebApplicationType.NONE)
				.run(args);
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			String payload = "{\"pad\":\"" + "x".repeat(1000) + "\"}";
			long returned = 0;
			try {
				while (true) {
					template.publish("fill", payload);
					returned++;
				}
			}
			catch (RuntimeException ex) {
				System.out.println("refused after " + returned + " publishes: " + ex.getMessage());
			}
			context.close();
		}

	}

}
