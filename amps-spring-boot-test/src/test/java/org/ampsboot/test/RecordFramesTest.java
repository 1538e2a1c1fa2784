package org.ampsboot.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.crankuptheamps.client.Client;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** {@link AmpsTestServer#recordFrames(int)}: a bounded record of received frames for long runs. */
class RecordFramesTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void keepsOnlyTheMostRecentFramesForReceivedFramesAndTakeFrame() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().recordFrames(3).start();
				RawAmpsClient raw = new RawAmpsClient(server)) {
			raw.logon("bounded");
			for (int i = 1; i <= 5; i++) {
				publishAndWait(raw, i);
			}
			assertThat(payloads(server.receivedFrames())).containsExactly("{\"n\":3}", "{\"n\":4}", "{\"n\":5}");
			assertThat(server.takeFrame("p", TIMEOUT).payload()).isEqualTo("{\"n\":3}");

			publishAndWait(raw, 6); // 3 is forgotten though taken; 4 is forgotten untaken
			publishAndWait(raw, 7);
			assertThat(payloads(server.receivedFrames())).containsExactly("{\"n\":5}", "{\"n\":6}", "{\"n\":7}");
			assertThat(server.takeFrame(TIMEOUT).payload()).isEqualTo("{\"n\":5}");
			assertThat(server.takeFrame(TIMEOUT).payload()).isEqualTo("{\"n\":6}");

			server.recordFrames(1); // a smaller bound forgets at once
			assertThat(payloads(server.receivedFrames())).containsExactly("{\"n\":7}");
			assertThat(server.takeFrame(TIMEOUT).payload()).isEqualTo("{\"n\":7}");
			assertThat(server.takeFrame(Duration.ZERO)).isNull();

			server.recordFrames(Integer.MAX_VALUE); // unbounded again from here on
			for (int i = 8; i <= 10; i++) {
				publishAndWait(raw, i);
			}
			assertThat(payloads(server.receivedFrames())).containsExactly("{\"n\":7}", "{\"n\":8}", "{\"n\":9}",
					"{\"n\":10}");
		}
	}

	@Test
	void recordingNothingLeavesTheServerWorking() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start();
				Client subscriber = Clients.connected(server, "subscriber");
				Client publisher = Clients.connected(server, "publisher")) {
			assertThat(server.receivedFrames()).isNotEmpty(); // the logons, until now
			server.recordFrames(0);
			assertThat(server.receivedFrames()).isEmpty();
			List<String> received = new CopyOnWriteArrayList<>();
			subscriber.subscribe((m) -> received.add(m.getData()), "orders", 5000);
			for (int i = 0; i < 100; i++) {
				publisher.publish("orders", "{\"n\":" + i + "}");
			}
			publisher.publishFlush(5000);
			await().atMost(TIMEOUT).until(() -> received.size() == 100);
			assertThat(server.receivedFrames()).isEmpty();
			assertThat(server.takeFrame(Duration.ofMillis(10))).isNull();
			assertThatIllegalArgumentException().isThrownBy(() -> server.recordFrames(-1));
		}
	}

	private static void publishAndWait(RawAmpsClient raw, int n) throws Exception {
		raw.send("{\"c\":\"p\",\"t\":\"orders\",\"cid\":\"" + n + "\",\"a\":\"processed\"}", "{\"n\":" + n + "}");
		assertThat(raw.read().get("cid")).isEqualTo(Integer.toString(n)); // recorded before it is acknowledged
	}

	private static List<String> payloads(List<ReceivedFrame> frames) {
		return frames.stream().filter((f) -> f.command().equals("p")).map(ReceivedFrame::payload).toList();
	}

}
