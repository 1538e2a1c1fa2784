package org.ampsboot.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.ConnectionStateListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HeartbeatTest {

	@Test
	void clientWithOneSecondHeartbeatStaysConnectedAndHeartbeatsAreNotRecorded() throws Exception {
		try (LogCapture logs = new LogCapture();
				AmpsTestServer server = new AmpsTestServer().start();
				Client client = new Client("beating")) {
			List<Integer> states = new CopyOnWriteArrayList<>();
			client.addConnectionStateListener(states::add);
			client.setHeartbeat(1);
			client.connect(server.uri());
			client.logon(5000);
			ServerConnection connection = server.awaitLogon(Duration.ofSeconds(5));
			// Quiet for longer than twice the interval: only heartbeats keep both sides from closing.
			await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(connection::isOpen);
			assertThat(states).doesNotContain(ConnectionStateListener.Disconnected);
			assertThat(server.receivedFrames()).extracting(ReceivedFrame::command).containsExactly("logon");
			assertThat(logs.warnings()).isEmpty();
			client.publish("still", "{\"alive\":true}");
			assertThat(server.takeFrame("p", Duration.ofSeconds(5)).payload()).isEqualTo("{\"alive\":true}");
		}
	}

	@Test
	void serverSendsHeartbeatsAndClosesASilentClientAfterTwoIntervals() throws Exception {
		try (LogCapture logs = new LogCapture();
				AmpsTestServer server = new AmpsTestServer().start();
				RawAmpsClient raw = new RawAmpsClient(server)) {
			raw.logon("silent");
			long start = System.nanoTime();
			raw.send("{\"c\":\"heartbeat\",\"opts\":\"start,1\"}", "");
			assertThat(raw.read().get("c")).isEqualTo("heartbeat");
			assertThat(raw.awaitClosedByServer(Duration.ofSeconds(4))).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
			assertThat(logs.warnings()).anySatisfy((line) -> assertThat(line).contains("'silent'")
				.contains("heartbeat interval of 1 s"));
			assertThat(server.receivedFrames()).extracting(ReceivedFrame::command).containsExactly("logon");
		}
	}

}
