package org.ampsboot.test;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.ConnectionStateListener;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** A hung server: connections that read everything and send nothing. */
class SilenceTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void haClientHeartbeatDetectsAHungServerAndFailsOverToTheNextOne() throws Exception {
		try (AmpsTestServer primary = new AmpsTestServer().start();
				AmpsTestServer backup = new AmpsTestServer().start();
				HAClient client = HAClient.createMemoryBacked("failover")) {
			DefaultServerChooser chooser = new DefaultServerChooser();
			chooser.add(primary.uri());
			chooser.add(backup.uri());
			client.setServerChooser(chooser);
			client.setReconnectDelay(50);
			client.setHeartbeat(1, 2); // a beat every second; silence for 2 seconds means dead
			List<Integer> states = new CopyOnWriteArrayList<>();
			client.addConnectionStateListener(states::add);
			client.connectAndLogon();
			ServerConnection first = primary.awaitLogon(TIMEOUT);
			BlockingQueue<Message> received = new LinkedBlockingQueue<>();
			client.subscribe((m) -> received.add(m.copy()), "orders", 5000);

			primary.stopAccepting(); // so that the client cannot simply reconnect to it
			primary.silenceConnections();
			long silencedAt = System.nanoTime();
			assertThat(first.isSilent()).isTrue();
			assertThat(primary.isAccepting()).isFalse();
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> new Socket(primary.host(), primary.port()).close());

			ServerConnection second = backup.awaitLogon(Duration.ofSeconds(8));
			Duration detection = Duration.ofNanos(System.nanoTime() - silencedAt);
			assertThat(second.clientName()).isEqualTo("failover");
			// not at once: only the heartbeat read timeout could tell that the open connection was dead
			assertThat(detection).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
			await().atMost(TIMEOUT).until(() -> !first.isOpen()); // the client closed it
			await().atMost(TIMEOUT)
				.until(() -> states.contains(ConnectionStateListener.Disconnected)
						&& states.lastIndexOf(ConnectionStateListener.Resubscribed) > states
							.indexOf(ConnectionStateListener.Disconnected));
			client.publish("orders", "{\"on\":\"backup\"}");
			Message message = received.poll(5, TimeUnit.SECONDS);
			assertThat(message).isNotNull();
			assertThat(message.getData()).isEqualTo("{\"on\":\"backup\"}");
			assertThat(backup.takeFrame("subscribe", TIMEOUT).topic()).isEqualTo("orders");
		}
	}

	@Test
	void silenceOnNextSwallowsThatCommandAndEverythingAfterItAndKeepsTheSocketOpen() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start();
				Client publisher = Clients.connected(server, "publisher");
				RawAmpsClient raw = new RawAmpsClient(server)) {
			raw.logon("hung");
			raw.send("{\"c\":\"subscribe\",\"t\":\"orders\",\"cid\":\"s1\",\"sub_id\":\"s1\",\"a\":\"processed\"}", "");
			assertThat(raw.read().get("status")).isEqualTo("success");
			ServerConnection hung = server.connections()
				.stream()
				.filter((c) -> "hung".equals(c.clientName()))
				.findFirst()
				.orElseThrow();

			server.enqueue(Fault.silenceOnNext("flush"));
			raw.send("{\"c\":\"flush\",\"cid\":\"f1\",\"a\":\"processed\"}", "");
			await().atMost(TIMEOUT).until(hung::isSilent);
			raw.send("{\"c\":\"heartbeat\",\"opts\":\"start,1\"}", "");
			publisher.publish("orders", "{\"to\":\"nobody\"}");
			publisher.publishFlush(5000); // handled, and its delivery to the silent subscriber discarded
			hung.send("{\"c\":\"p\",\"t\":\"orders\",\"sids\":\"s1\",\"bm\":\"1|1|\"}", "{}"); // discarded too
			raw.send("{\"c\":\"flush\",\"cid\":\"f2\",\"a\":\"processed\"}", "");
			await().atMost(TIMEOUT)
				.until(() -> server.receivedFrames().stream().anyMatch((f) -> "f2".equals(f.commandId())));
			assertThat(hung.isOpen()).isTrue();
			assertThat(server.receivedFrames()).filteredOn((f) -> "hung".equals(f.clientName()))
				.extracting(ReceivedFrame::command)
				.containsExactly("logon", "subscribe", "flush", "flush");

			// a silent connection does not hold its client name
			try (RawAmpsClient again = new RawAmpsClient(server)) {
				assertThat(again.logon("hung").get("status")).isEqualTo("success");
			}

			// nothing at all was sent after the subscribe ack: the stream ends without another frame
			hung.drop();
			assertThatExceptionOfType(EOFException.class).isThrownBy(raw::read);
		}
	}

}
