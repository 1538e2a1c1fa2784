package org.ampsboot.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** Servers sharing their publish history, and a real HAClient publisher failing over between them. */
class ReplicatedPublishTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void aPublisherFailingOverToAReplicaDoesNotDeliverWhatTheFirstServerProcessedAgain() throws Exception {
		Failover failover = failOver(true);
		assertThat(failover.onA).containsExactly(n(1), n(2), n(3));
		// 3 was processed by A (its ack was lost), 4 never was: 4 and 5 arrive on B, 3 does not come again
		assertThat(failover.onB).containsExactly(n(4), n(5));
		// the client did not even replay 3: B's logon ack told it the highest sequence number A had seen
		assertThat(failover.publishesOnB).containsExactly(n(4), n(5));
	}

	@Test
	void withoutReplicationTheReplayedMessageIsDeliveredTwice() throws Exception {
		Failover failover = failOver(false);
		assertThat(failover.onA).containsExactly(n(1), n(2), n(3));
		assertThat(failover.onB).containsExactly(n(3), n(4), n(5));
		assertThat(failover.publishesOnB).containsExactly(n(3), n(4), n(5));
	}

	private record Failover(List<String> onA, List<String> onB, List<String> publishesOnB) {
	}

	/**
	 * A publisher on A: 1 and 2 acknowledged; 3 processed by A but its ack lost; 4 never processed (A hangs). Then
	 * A stops accepting and drops its connections, the client fails over to B and publishes 5.
	 */
	private Failover failOver(boolean replicate) throws Exception {
		try (AmpsTestServer a = new AmpsTestServer().start();
				AmpsTestServer b = new AmpsTestServer().start();
				Client subscriberA = Clients.connected(a, "subscriber-a");
				Client subscriberB = Clients.connected(b, "subscriber-b");
				HAClient publisher = HAClient.createMemoryBacked("publisher")) {
			if (replicate) {
				b.replicatePublishesWith(a);
			}
			List<String> onA = new CopyOnWriteArrayList<>();
			List<String> onB = new CopyOnWriteArrayList<>();
			subscriberA.subscribe((m) -> onA.add(m.getData()), "orders", 5000);
			subscriberB.subscribe((m) -> onB.add(m.getData()), "orders", 5000);
			a.awaitLogon(TIMEOUT);
			b.awaitLogon(TIMEOUT);
			DefaultServerChooser chooser = new DefaultServerChooser();
			chooser.add(a.uri());
			chooser.add(b.uri());
			publisher.setServerChooser(chooser);
			publisher.setReconnectDelay(50);
			publisher.connectAndLogon();
			Connection onServerA = (Connection) a.awaitLogon(TIMEOUT);

			publisher.publish("orders", n(1));
			publisher.publish("orders", n(2));
			await().atMost(TIMEOUT).until(() -> publisher.getPublishStore().unpersistedCount() == 0);
			onServerA.discardOutput(); // A processes what follows, but its acks are lost
			publisher.publish("orders", n(3));
			await().atMost(TIMEOUT).until(() -> onA.size() == 3);
			onServerA.goSilent(); // and then hangs: 4 is not processed
			publisher.publish("orders", n(4));
			await().atMost(TIMEOUT)
				.until(() -> a.receivedFrames().stream().anyMatch((frame) -> n(4).equals(frame.payload())));
			assertThat(publisher.getPublishStore().unpersistedCount()).isEqualTo(2);

			a.stopAccepting();
			a.dropConnections();
			b.awaitLogon(TIMEOUT);
			publisher.publish("orders", n(5));
			await().atMost(TIMEOUT).until(() -> publisher.getPublishStore().unpersistedCount() == 0);
			// replayed messages go out before new ones, on the same connection: after 5, nothing more is coming
			await().atMost(TIMEOUT).until(() -> onB.contains(n(5)));
			List<String> publishesOnB = b.receivedFrames()
				.stream()
				.filter((f) -> "publisher".equals(f.clientName()) && f.command().equals("p"))
				.map(ReceivedFrame::payload)
				.toList();
			return new Failover(List.copyOf(onA), List.copyOf(onB), publishesOnB);
		}
	}

	@Test
	void aReplayedDuplicateIsAcknowledgedAndDroppedByTheOtherServer() throws Exception {
		try (AmpsTestServer a = new AmpsTestServer().start();
				AmpsTestServer b = new AmpsTestServer().start();
				Client subscriber = Clients.connected(b, "subscriber")) {
			a.replicatePublishesWith(b);
			List<String> onB = new CopyOnWriteArrayList<>();
			subscriber.subscribe((m) -> onB.add(m.getData()), "orders", 5000);
			try (RawAmpsClient first = new RawAmpsClient(a)) {
				first.logon("replayer");
				publish(first, 7);
			}
			try (RawAmpsClient second = new RawAmpsClient(b)) {
				assertThat(second.logon("replayer").get("s")).isEqualTo("7");
				for (long s : new long[] { 6, 7, 8 }) {
					RawAmpsClient.Frame ack = publish(second, s);
					assertThat(ack.get("status")).isEqualTo("success");
					assertThat(ack.get("s")).isEqualTo(Long.toString(s));
				}
			}
			subscriber.publish("orders", "{\"s\":\"end\"}");
			await().atMost(TIMEOUT).until(() -> onB.contains("{\"s\":\"end\"}"));
			assertThat(onB).containsExactly("{\"s\":8}", "{\"s\":\"end\"}");
		}
	}

	@Test
	void replicationJoinsGroupsAndKeepsTheHighestSequenceOfEach() throws Exception {
		try (AmpsTestServer a = new AmpsTestServer().start();
				AmpsTestServer b = new AmpsTestServer().start();
				AmpsTestServer c = new AmpsTestServer().start()) {
			try (RawAmpsClient onA = new RawAmpsClient(a); RawAmpsClient onB = new RawAmpsClient(b)) {
				onA.logon("x");
				publish(onA, 9);
				onB.logon("x");
				publish(onB, 4);
			}
			try (RawAmpsClient onC = new RawAmpsClient(c)) {
				onC.logon("y");
				publish(onC, 3);
			}
			a.replicatePublishesWith(b);
			c.replicatePublishesWith(b); // c joins the group of a and b
			assertThat(a.replicatePublishesWith(c)).isSameAs(a); // already one group: nothing changes
			for (AmpsTestServer server : List.of(a, b, c)) {
				try (RawAmpsClient x = new RawAmpsClient(server)) {
					assertThat(x.logon("x").get("s")).as("x on %s", server).isEqualTo("9");
				}
				try (RawAmpsClient y = new RawAmpsClient(server)) {
					assertThat(y.logon("y").get("s")).as("y on %s", server).isEqualTo("3");
				}
			}
			assertThatIllegalArgumentException().isThrownBy(() -> a.replicatePublishesWith(a));
		}
	}

	private static RawAmpsClient.Frame publish(RawAmpsClient client, long sequence) throws Exception {
		client.send("{\"c\":\"p\",\"t\":\"orders\",\"a\":\"persisted\",\"s\":" + sequence + "}",
				"{\"s\":" + sequence + "}");
		return client.read();
	}

	private static String n(int n) {
		return "{\"n\":" + n + "}";
	}

}
