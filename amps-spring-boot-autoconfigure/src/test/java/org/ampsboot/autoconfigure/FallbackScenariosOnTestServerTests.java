package org.ampsboot.autoconfigure;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.AmpsTestServerExtension;
import org.ampsboot.test.Fault;
import org.ampsboot.test.ReceivedFrame;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link FallbackScenarios} against the in-process test server, plus the scenarios that need a
 * server we can script: frames pushed by the server, refused credentials, no server at all.
 */
@ExtendWith(OutputCaptureExtension.class)
class FallbackScenariosOnTestServerTests extends FallbackScenarios {

	@RegisterExtension
	static final AmpsTestServerExtension amps = new AmpsTestServerExtension();

	@Override
	String uri() {
		return amps.server().uri();
	}

	@Test
	void aPublishForAnUnknownSubscriptionReachesEveryFallback() {
		contextRunner().withUserConfiguration(RecordingFallbacks.class).run((context) -> {
			assertThat(context).hasNotFailed();
			String name = context.getBean(HAClient.class).getName();
			connectionOf(name).send("{\"c\":\"p\",\"t\":\"orders\",\"sids\":\"no-such-sub\",\"bm\":\"7|1|\"}",
					"{\"id\":7}");
			List<Seen> seen = context.getBean(Recorder.class).take(3);
			assertThat(seen).extracting(Seen::who).containsExactly("first-bean", "second-bean", "annotated");
			assertThat(seen).allSatisfy((one) -> {
				assertThat(one.command()).isEqualTo(Message.Command.Publish);
				assertThat(one.topic()).isEqualTo("orders");
			});
		});
	}

	@Test
	void aFrameThatTheServerPushesRightAfterTheLogonAckIsNotLost() {
		amps.server()
			.enqueue(Fault.pushAfterLogon(
					"{\"c\":\"ack\",\"a\":\"processed\",\"status\":\"failure\",\"reason\":\"pushed at logon\"}", ""));
		contextRunner().withUserConfiguration(RecordingFallbacks.class).run((context) -> {
			assertThat(context).hasNotFailed();
			List<Seen> seen = context.getBean(Recorder.class).take(3);
			assertThat(seen).extracting(Seen::reason).containsOnly("pushed at logon");
		});
	}

	@Test
	void withNoFallbackDeclaredUnexpectedMessagesAreLoggedAtWarnWithoutThePayload(CapturedOutput output) {
		contextRunner().run((context) -> {
			assertThat(context).hasNotFailed();
			String topic = topic();
			context.getBean(HAClient.class).publish(topic, "{\"secret-payload\":");
			await().atMost(WAIT).untilAsserted(() -> assertThat(output).contains("Unexpected AMPS message nobody handled"));
			assertThat(output).contains("command=ack")
				.contains("topic=" + topic)
				.contains("status=failure")
				.contains("reason=parse error")
				.doesNotContain("secret-payload");
		});
	}

	@Test
	void refusedCredentialsFailStartupAtOnceAndThePasswordAppearsNowhere(CapturedOutput output) throws Exception {
		try (AmpsTestServer secured = new AmpsTestServer().requireCredentials("bob", "right-password").start()) {
			String uri = secured.uri("bob", "wrong-Pa55word");
			new org.springframework.boot.test.context.runner.ApplicationContextRunner()
				.withConfiguration(
						org.springframework.boot.autoconfigure.AutoConfigurations.of(AmpsAutoConfiguration.class))
				.withPropertyValues("amps.uri=" + uri, "amps.first-connect-timeout=60s")
				.run((context) -> {
					assertThat(context).hasFailed();
					AmpsStartupException failure = AmpsAutoConfigurationTests.findCause(context.getStartupFailure());
					assertThat(failure.getMessage()).startsWith("AMPS authentication failed at tcp://bob:******@")
						.doesNotContain("wrong-Pa55word");
					assertThat(failure.getAction()).contains("user name and password");
				});
			List<ReceivedFrame> logons = secured.receivedFrames()
				.stream()
				.filter((frame) -> "logon".equals(frame.command()))
				.toList();
			assertThat(logons).as("logon attempts: the refusal must not be retried").hasSize(1);
			assertThat(logons.get(0).toString()).doesNotContain("wrong-Pa55word");
		}
		assertThat(output).doesNotContain("wrong-Pa55word");
	}

	@Test
	void anUnreachableServerFailsStartupAfterTheTimeoutNamingEachServerAndItsLastError() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		String unreachable = "tcp://bob:hidden-pw@127.0.0.1:" + closedPort + "/amps/json";
		new org.springframework.boot.test.context.runner.ApplicationContextRunner()
			.withConfiguration(org.springframework.boot.autoconfigure.AutoConfigurations.of(AmpsAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + unreachable, "amps.first-connect-timeout=1500ms")
			.run((context) -> {
				assertThat(context).hasFailed();
				AmpsStartupException failure = AmpsAutoConfigurationTests.findCause(context.getStartupFailure());
				assertThat(failure.getMessage()).startsWith("Could not connect and log on to AMPS within 1500 ms")
					.contains("tcp://bob:******@127.0.0.1:" + closedPort + "/amps/json: ")
					.doesNotContain("hidden-pw");
				assertThat(failure.getAction()).contains("amps.first-connect-timeout");
			});
	}

	@Test
	void closingTheContextDisconnectsTheClient() {
		String[] name = new String[1];
		contextRunner().run((context) -> {
			name[0] = context.getBean(HAClient.class).getName();
			assertThat(connectionOf(name[0]).isOpen()).isTrue();
		});
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(amps.server().connections())
				.noneMatch((connection) -> name[0].equals(connection.clientName())));
	}

	private static org.ampsboot.test.ServerConnection connectionOf(String clientName) {
		return await().atMost(Duration.ofSeconds(5))
			.until(() -> amps.server()
				.connections()
				.stream()
				.filter((connection) -> clientName.equals(connection.clientName()))
				.findFirst()
				.orElse(null), java.util.Objects::nonNull);
	}

}
