package org.ampsboot.test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Garbage on one connection closes that connection only; a real client on another keeps working. */
class MalformedFrameTest {

	private AmpsTestServer server;

	private Client client;

	private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

	private LogCapture logs;

	@BeforeEach
	void start() throws Exception {
		this.logs = new LogCapture();
		this.server = new AmpsTestServer().maxFrameLength(1024).start();
		this.client = Clients.connected(this.server, "bystander");
		this.client.subscribe((m) -> this.received.add(m.copy()), "orders", 5000);
		this.server.awaitLogon(Duration.ofSeconds(5));
	}

	@AfterEach
	void stop() throws Exception {
		this.client.close();
		this.server.close();
		this.logs.close();
	}

	static Object[][] malformedFrames() {
		return new Object[][] { { "zero length", RawAmpsClient.intBytes(0), "invalid frame length 0" },
				{ "negative length", RawAmpsClient.intBytes(-5), "invalid frame length -5" },
				{ "length above the maximum", RawAmpsClient.intBytes(4096), "more than the maximum of 1024" },
				{ "truncated body", concat(RawAmpsClient.intBytes(100), bytes("{\"c\":\"p\"")), "truncated frame" },
				{ "truncated length prefix", new byte[] { 0, 0 }, "truncated frame" },
				{ "header is not JSON", frame("hello world"), "not a JSON object" },
				{ "header is a JSON array", frame("[1,2,3]{}"), "not a JSON object" },
				{ "header is unterminated", frame("{\"c\":\"p\""), "not a JSON object" },
				{ "header has bad JSON syntax", frame("{c:p}"), "not a JSON object" } };
	}

	static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cases() {
		return java.util.Arrays.stream(malformedFrames()).map((c) -> arguments(c[0], c[1], c[2]));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void malformedFrameClosesOnlyItsConnection(String name, byte[] bytes, String problem) throws Exception {
		String remote;
		try (RawAmpsClient raw = new RawAmpsClient(this.server)) {
			raw.logon("raw");
			remote = this.server.connections()
				.stream()
				.filter((c) -> "raw".equals(c.clientName()))
				.map(Object::toString)
				.findFirst()
				.orElseThrow();
			raw.sendBytes(bytes);
			raw.shutdownOutput();
			assertThat(raw.awaitClosedByServer(Duration.ofSeconds(5))).isTrue();
		}
		assertThat(this.logs.warnings()).singleElement()
			.satisfies((line) -> assertThat(line).contains(problem)
				.contains("closing that connection")
				.contains(remote.substring(remote.indexOf("remote=") + 7, remote.length() - 1)));
		this.client.publish("orders", "{\"still\":\"working\"}");
		Message message = this.received.poll(5, TimeUnit.SECONDS);
		assertThat(message).isNotNull();
		assertThat(message.getData()).isEqualTo("{\"still\":\"working\"}");
		assertThat(this.server.connections()).extracting(ServerConnection::clientName).containsExactly("bystander");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] frame(String body) {
		byte[] content = bytes(body);
		return concat(RawAmpsClient.intBytes(content.length), content);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(a);
		out.writeBytes(b);
		return out.toByteArray();
	}

}
