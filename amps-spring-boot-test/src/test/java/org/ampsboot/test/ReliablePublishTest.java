package org.ampsboot.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.ConnectionStateListener;
import com.crankuptheamps.client.FailedWriteHandler;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Publish stores, persisted acks, duplicates and reconnects, with the real HAClient. */
class ReliablePublishTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static Message poll(BlockingQueue<Message> queue) throws InterruptedException {
		Message message = queue.poll(5, TimeUnit.SECONDS);
		assertThat(message).as("message within 5 s").isNotNull();
		return message;
	}

	@Test
	void persistedAcksEmptyTheClientsPublishStore() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start();
				HAClient client = Clients.memoryBacked(server, "reliable")) {
			client.connectAndLogon();
			for (int i = 0; i < 5; i++) {
				client.publish("orders", "{\"n\":" + i + "}");
			}
			await().atMost(TIMEOUT).until(() -> client.getPublishStore().unpersistedCount() == 0);
			ReceivedFrame first = server.takeFrame("p", TIMEOUT);
			assertThat(first.header("a")).isEqualTo("persisted");
			assertThat(first.headers().get("s")).isInstanceOf(Long.class);
			long previous = Long.parseLong(first.header("s"));
			for (int i = 1; i < 5; i++) {
				long next = Long.parseLong(server.takeFrame("p", TIMEOUT).header("s"));
				assertThat(next).isGreaterThan(previous);
				previous = next;
			}
		}
	}

	@Test
	void invalidJsonFromAPublishStoreGoesToTheFailedWriteHandler() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start();
				HAClient client = Clients.memoryBacked(server, "reliable")) {
			BlockingQueue<Integer> failedReasons = new LinkedBlockingQueue<>();
			client.setFailedWriteHandler((FailedWriteHandler) (message, reason) -> failedReasons.add(reason));
			client.connectAndLogon();
			client.publish("orders", "{broken");
			assertThat(failedReasons.poll(5, TimeUnit.SECONDS)).isEqualTo(Message.Reason.ParseError);
			await().atMost(TIMEOUT).until(() -> client.getPublishStore().unpersistedCount() == 0);
		}
	}

	@Test
	void duplicateSequenceIsAcknowledgedButNotDeliveredAgain() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start();
				Client subscriber = Clients.connected(server, "subscriber");
				RawAmpsClient publisher = new RawAmpsClient(server)) {
			BlockingQueue<Message> received = new LinkedBlockingQueue<>();
			subscriber.subscribe((m) -> received.add(m.copy()), "orders", 5000);
			publisher.logon("replayer");
			for (long s : new long[] { 5, 5, 4, 6 }) {
				publisher.send("{\"c\":\"p\",\"t\":\"orders\",\"a\":\"persisted\",\"s\":" + s + "}", "{\"s\":" + s + "}");
				RawAmpsClient.Frame ack = publisher.read();
				assertThat(ack.get("a")).isEqualTo("persisted");
				assertThat(ack.get("s")).isEqualTo(Long.toString(s));
				assertThat(ack.header().get("s").isIntegralNumber()).isTrue();
				assertThat(ack.get("status")).isEqualTo("success");
			}
			assertThat(poll(received).getData()).isEqualTo("{\"s\":5}");
			assertThat(poll(received).getData()).isEqualTo("{\"s\":6}");
			assertThat(received.poll(100, TimeUnit.MILLISECONDS)).isNull();
		}
	}

	@Test
	void logonAckTellsAReturningClientItsLastPersistedSequence() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start()) {
			try (RawAmpsClient first = new RawAmpsClient(server)) {
				first.logon("returning");
				first.send("{\"c\":\"p\",\"t\":\"orders\",\"a\":\"persisted\",\"s\":42}", "{}");
				first.read();
			}
			await().atMost(TIMEOUT).until(() -> server.connections().isEmpty());
			try (RawAmpsClient second = new RawAmpsClient(server)) {
				RawAmpsClient.Frame ack = second.logon("returning");
				assertThat(ack.get("status")).isEqualTo("success");
				assertThat(ack.get("s")).isEqualTo("42");
			}
		}
	}

	@Test
	void droppedConnectionsMakeTheHAClientReconnectResubscribeAndReplay() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start();
				HAClient client = Clients.memoryBacked(server, "ha")) {
			List<Integer> states = new CopyOnWriteArrayList<>();
			client.addConnectionStateListener(states::add);
			client.connectAndLogon();
			BlockingQueue<Message> received = new LinkedBlockingQueue<>();
			client.subscribe((m) -> received.add(m.copy()), "orders", 5000);
			ServerConnection firstConnection = server.awaitLogon(TIMEOUT);
			assertThat(firstConnection.clientName()).isEqualTo("ha");

			server.dropConnections();
			ServerConnection secondConnection = server.awaitLogon(TIMEOUT);
			assertThat(secondConnection.clientName()).isEqualTo("ha");
			assertThat(secondConnection).isNotSameAs(firstConnection);
			await().atMost(TIMEOUT).until(() -> states.contains(ConnectionStateListener.Disconnected)
					&& states.lastIndexOf(ConnectionStateListener.Resubscribed) > states
						.indexOf(ConnectionStateListener.Disconnected));
			assertThat(firstConnection.isOpen()).isFalse();
			// the resubscription reached the server: a publish from the HAClient comes back to it
			client.publish("orders", "{\"after\":\"reconnect\"}");
			assertThat(poll(received).getData()).isEqualTo("{\"after\":\"reconnect\"}");
			await().atMost(TIMEOUT).until(() -> client.getPublishStore().unpersistedCount() == 0);
		}
	}

	@Test
	void publishLostWithTheConnectionIsReplayedAndDeliveredOnce() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start();
				Client subscriber = Clients.connected(server, "subscriber");
				HAClient publisher = Clients.memoryBacked(server, "publisher")) {
			BlockingQueue<Message> received = new LinkedBlockingQueue<>();
			subscriber.subscribe((m) -> received.add(m.copy()), "orders", 5000);
			publisher.connectAndLogon();
			server.enqueue(Fault.dropOnNext("p"));
			publisher.publish("orders", "{\"n\":1}");
			assertThat(poll(received).getData()).isEqualTo("{\"n\":1}");
			await().atMost(TIMEOUT).until(() -> publisher.getPublishStore().unpersistedCount() == 0);
			assertThat(received.poll(100, TimeUnit.MILLISECONDS)).isNull();
			List<ReceivedFrame> publishes = server.receivedFrames()
				.stream()
				.filter((frame) -> frame.command().equals("p"))
				.toList();
			assertThat(publishes).hasSize(2);
			assertThat(publishes.get(1).header("s")).isEqualTo(publishes.get(0).header("s"));
		}
	}

}
