package org.ampsboot.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.ampsboot.test.AmpsTestServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What an operator reads in the log when connections drop: one WARN per drop, one per reconnection. */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionLoggingTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private AmpsTestServer primary;

	private AmpsTestServer secondary;

	@BeforeEach
	void startServers() {
		this.primary = new AmpsTestServer().start();
		this.secondary = new AmpsTestServer().start();
	}

	@AfterEach
	void stopServers() {
		this.primary.close();
		this.secondary.close();
	}

	@Test
	void eachDroppedConnectionLogsOneWarningEvenWhenReconnectAttemptsFail(CapturedOutput output) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + this.primary.uri() + "," + this.secondary.uri(),
					"amps.reconnect.strategy=fixed", "amps.reconnect.initial-delay=50ms")
			.run((context) -> {
				// the client fails over to the secondary: its first attempt, on the primary, is refused
				this.primary.stopAccepting();
				this.primary.dropConnections();
				await().atMost(WAIT).until(() -> occurrences(output.getOut(), "reconnected and logged on to") == 1);
				// dropped again: the refused attempt on the primary comes first again
				this.secondary.dropConnections();
				await().atMost(WAIT).until(() -> occurrences(output.getOut(), "reconnected and logged on to") == 2);
				assertThat(occurrences(output.getOut(), "lost its connection to")).as("'lost its connection' WARNs")
					.isEqualTo(2);
			});
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
			count++;
		}
		return count;
	}

}
