package org.ampsboot.test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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
				{ "header has bad JSON syntax", frame("{c:p}"), "not a JSON object" },
				{ "length of 2 GiB", RawAmpsClient.intBytes(Integer.MAX_VALUE),
						"invalid frame length 2147483647 (more than the maximum of 1024 bytes)" },
				{ "length 0x80000000", RawAmpsClient.intBytes(Integer.MIN_VALUE), "invalid frame length -2147483648" },
				{ "an HTTP request", bytes("GET /amps/json HTTP/1.1\r\nHost: localhost\r\n\r\n"),
						"invalid frame length 1195725856" },
				{ "header without a command", frame("{\"cid\":\"1\"}{}"), "frame header has no command (\"c\")" },
				{ "header with a null command", frame("{\"c\":null}"), "frame header has no command" } };
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

	/**
	 * Random bytes in four shapes (raw; behind a correct length prefix; the same starting with a brace; and a
	 * brace followed by random JSON punctuation, letters and digits), sent before or after a logon: whatever the
	 * server makes of them, it logs one line, closes that connection, and goes on serving the bystander.
	 */
	@ParameterizedTest(name = "seed {0}")
	@ValueSource(ints = { 0, 1, 2, 3, 4, 5, 6, 7, 59, 91, 95, 191 })
	void randomGarbageClosesOnlyItsConnectionWithOneLine(int seed) throws Exception {
		Random random = new Random(seed);
		byte[] body = new byte[1 + random.nextInt(300)];
		random.nextBytes(body);
		byte[] garbage = switch (seed % 4) {
			case 0 -> body;
			case 1 -> concat(RawAmpsClient.intBytes(body.length), body);
			case 2 -> {
				body[0] = '{';
				yield concat(RawAmpsClient.intBytes(body.length), body);
			}
			default -> {
				String alphabet = "{}[]\":,\\ abc123";
				StringBuilder json = new StringBuilder("{");
				for (int i = 0; i < body.length; i++) {
					json.append(alphabet.charAt(random.nextInt(alphabet.length())));
				}
				yield frame(json.toString());
			}
		};
		try (RawAmpsClient raw = new RawAmpsClient(this.server)) {
			if (seed % 8 >= 4) {
				raw.logon("raw");
			}
			raw.sendBytes(garbage);
			raw.shutdownOutput();
			assertThat(raw.awaitClosedByServer(Duration.ofSeconds(5))).isTrue();
		}
		assertThat(this.logs.events()).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
			.singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage()).startsWith("AMPS test server: ")
				.contains("from /127.0.0.1:")
				.endsWith("; closing that connection"));
		this.client.publish("orders", "{\"still\":\"working\"}");
		Message message = this.received.poll(5, TimeUnit.SECONDS);
		assertThat(message).isNotNull();
		assertThat(message.getData()).isEqualTo("{\"still\":\"working\"}");
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
