package org.ampsboot.test;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dropping connections: what the server had already sent before the drop still reaches the client, as from a
 * broker whose process dies after writing to its sockets.
 */
class DroppedConnectionTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final int PUBLISHES = 50;

	@Test
	void aSubscriberDroppedWithTheServersConnectionsStillReceivesWhatWasDeliveredToItBefore() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().sowTopic("marker", "/id").start();
				RawAmpsClient subscriber = new RawAmpsClient(server);
				RawAmpsClient publisher = new RawAmpsClient(server)) {
			subscriber.logon("subscriber");
			subscriber.send("{\"c\":\"subscribe\",\"cid\":\"s1\",\"sub_id\":\"s1\",\"t\":\"orders\",\"a\":\"processed\"}",
					"");
			assertThat(subscriber.read().get("status")).isEqualTo("success");
			publisher.logon("publisher");
			// In one write: the publishes, a publish whose effect the test can see (a SOW record), and the first
			// bytes of a frame that never completes, so that the publisher's reader thread still has something to
			// read and does not flush what it wrote to the subscriber.
			ByteArrayOutputStream burst = new ByteArrayOutputStream();
			for (int i = 0; i < PUBLISHES; i++) {
				burst.write(frame("{\"c\":\"p\",\"t\":\"orders\"}", "{\"n\":" + i + "}"));
			}
			burst.write(frame("{\"c\":\"p\",\"t\":\"marker\"}", "{\"id\":1}"));
			burst.write(new byte[] { 0, 0 });
			publisher.sendBytes(burst.toByteArray());
			await().atMost(TIMEOUT).until(() -> server.sowRecords("marker").size() == 1);

			server.dropConnections();

			assertThat(deliveredUntilClosed(subscriber)).hasSize(PUBLISHES)
				.first()
				.isEqualTo("{\"n\":0}");
		}
	}

	@Test
	void aDroppedSubscriberStillReceivesWhatWasDeliveredToItBefore() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().sowTopic("marker", "/id").start();
				RawAmpsClient subscriber = new RawAmpsClient(server);
				RawAmpsClient publisher = new RawAmpsClient(server)) {
			subscriber.logon("subscriber");
			ServerConnection subscriberOnServer = server.awaitLogon(TIMEOUT);
			subscriber.send("{\"c\":\"subscribe\",\"cid\":\"s1\",\"sub_id\":\"s1\",\"t\":\"orders\",\"a\":\"processed\"}",
					"");
			assertThat(subscriber.read().get("status")).isEqualTo("success");
			publisher.logon("publisher");
			ByteArrayOutputStream burst = new ByteArrayOutputStream();
			for (int i = 0; i < PUBLISHES; i++) {
				burst.write(frame("{\"c\":\"p\",\"t\":\"orders\"}", "{\"n\":" + i + "}"));
			}
			burst.write(frame("{\"c\":\"p\",\"t\":\"marker\"}", "{\"id\":1}"));
			burst.write(new byte[] { 0, 0 });
			publisher.sendBytes(burst.toByteArray());
			await().atMost(TIMEOUT).until(() -> server.sowRecords("marker").size() == 1);

			subscriberOnServer.drop();

			assertThat(deliveredUntilClosed(subscriber)).hasSize(PUBLISHES);
			assertThat(subscriberOnServer.isOpen()).isFalse();
		}
	}

	private static List<String> deliveredUntilClosed(RawAmpsClient client) throws IOException {
		List<String> payloads = new ArrayList<>();
		while (true) {
			RawAmpsClient.Frame frame;
			try {
				frame = client.read();
			}
			catch (EOFException ex) {
				return payloads;
			}
			if ("p".equals(frame.get("c"))) {
				payloads.add(frame.payload());
			}
		}
	}

	private static byte[] frame(String header, String payload) {
		byte[] body = (header + payload).getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.writeBytes(RawAmpsClient.intBytes(body.length));
		frame.writeBytes(body);
		return frame.toByteArray();
	}

}
