package org.ampsboot.autoconfigure.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The separate-JVM support itself: output is read line by line, SIGTERM runs shutdown hooks, kill -9 does not. */
class ChildJvmTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** Prints "ready", then waits; its shutdown hook prints "hook ran". */
	public static final class Sleeper {

		public static void main(String[] args) throws InterruptedException {
			Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("hook ran")));
			System.out.println("ready");
			new CountDownLatch(1).await();
		}

	}

	@Test
	void sigtermRunsTheShutdownHooksAndKill9DoesNot() throws Exception {
		try (ChildJvm child = ChildJvm.start(Sleeper.class, List.of("-Xmx64m"))) {
			child.awaitLine("ready"::equals, WAIT);
			child.sigterm();
			assertThat(child.awaitExit(WAIT)).isEqualTo(143);
			assertThat(child.output()).contains("hook ran");
		}
		try (ChildJvm child = ChildJvm.start(Sleeper.class, List.of("-Xmx64m"))) {
			child.awaitLine("ready"::equals, WAIT);
			child.kill9();
			assertThat(child.awaitExit(WAIT)).isEqualTo(137);
			assertThat(child.output()).doesNotContain("hook ran");
		}
	}

}
