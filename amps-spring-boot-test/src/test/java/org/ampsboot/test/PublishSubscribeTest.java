package org.ampsboot.test;

import org.ampsboot.test.wire.Bookmarks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.CommandId;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.CommandException;
import com.crankuptheamps.client.exception.InvalidTopicException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.ampsboot.test.TestServerFixture.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class PublishSubscribeTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	final TestServerFixture fixture = new TestServerFixture();

	private AmpsTestServer server() {
		return this.fixture.server();
	}

	private static long bookmarkSequence(Message message) {
		String[] parts = message.getBookmark().split("\\|");
		return Long.parseLong(parts[1]);
	}

	@Test
	void publishReachesExactAndRegexSubscriptionsRoutedBySids() throws Exception {
		// bookmarks only on topics in the transaction log ("Replaying Messages with Bookmark Subscription")
		server().transactionLog("^ord");
		Client subscriber = this.fixture.client("subscriber");
		Client other = this.fixture.client("other");
		Client publisher = this.fixture.client("publisher");
		BlockingQueue<Message> exact = new LinkedBlockingQueue<>();
		BlockingQueue<Message> regex = new LinkedBlockingQueue<>();
		BlockingQueue<Message> otherExact = new LinkedBlockingQueue<>();
		CommandId exactId = subscriber.subscribe((m) -> exact.add(m.copy()), "orders", 5000);
		CommandId regexId = subscriber.subscribe((m) -> regex.add(m.copy()), "^ord.*", 5000);
		other.subscribe((m) -> otherExact.add(m.copy()), "orders", 5000);
		assertThat(server().takeFrame("subscribe", TIMEOUT).header("sub_id")).isEqualTo(exactId.toString());
		assertThat(server().takeFrame("subscribe", TIMEOUT).topic()).isEqualTo("^ord.*");

		publisher.publish("orders", "{\"id\":1}");
		publisher.publish("orderbook", "{\"id\":2}");
		publisher.publish("trades", "{\"id\":3}");
		publisher.publish("orders", "{\"id\":4}");

		Message first = poll(exact);
		assertThat(first.getTopic()).isEqualTo("orders");
		assertThat(first.getData()).isEqualTo("{\"id\":1}");
		assertThat(first.getSubIds()).isEqualTo(exactId + "," + regexId);
		assertThat(poll(exact).getData()).isEqualTo("{\"id\":4}");
		List<Message> regexMessages = List.of(poll(regex), poll(regex), poll(regex));
		assertThat(regexMessages).extracting(Message::getData)
			.containsExactly("{\"id\":1}", "{\"id\":2}", "{\"id\":4}");
		assertThat(poll(otherExact).getSubIds()).doesNotContain(",");
		assertThat(poll(otherExact).getData()).isEqualTo("{\"id\":4}");

		// one bookmark per published message, increasing, shared by every copy of the same message
		assertThat(regexMessages.get(0).getBookmark()).isEqualTo(first.getBookmark());
		assertThat(bookmarkSequence(regexMessages.get(1))).isGreaterThan(bookmarkSequence(regexMessages.get(0)));
		assertThat(bookmarkSequence(regexMessages.get(2))).isGreaterThan(bookmarkSequence(regexMessages.get(1)));
		assertThat(first.getBookmark()).startsWith(Bookmarks.nameHash("publisher") + "|");

		ReceivedFrame publish = server().takeFrame("publish", TIMEOUT);
		assertThat(publish.command()).isEqualTo("p");
		assertThat(publish.topic()).isEqualTo("orders");
		assertThat(publish.payload()).isEqualTo("{\"id\":1}");
		assertThat(publish.clientName()).isEqualTo("publisher");
	}

	@Test
	void deltaPublishReachesDeltaSubscriptionAsSent() throws Exception {
		Client client = this.fixture.client("delta");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		client.deltaSubscribe((m) -> received.add(m.copy()), "positions", 5000);
		client.deltaPublish("positions", "{\"id\":7,\"qty\":3}");
		assertThat(poll(received).getData()).isEqualTo("{\"id\":7,\"qty\":3}");
		assertThat(server().takeFrame("delta_subscribe", TIMEOUT).topic()).isEqualTo("positions");
		assertThat(server().takeFrame("delta_publish", TIMEOUT).payload()).isEqualTo("{\"id\":7,\"qty\":3}");
	}

	@Test
	void invalidJsonPublishWithoutAckRequestReachesTheLastChanceHandler() throws Exception {
		Client publisher = this.fixture.client("publisher");
		BlockingQueue<Message> lastChance = new LinkedBlockingQueue<>();
		publisher.setLastChanceMessageHandler((m) -> lastChance.add(m.copy()));
		publisher.publish("orders", "{not json");
		Message ack = poll(lastChance);
		assertThat(ack.getCommand()).isEqualTo(Message.Command.Ack);
		assertThat(ack.getStatus()).isEqualTo(Message.Status.Failure);
		assertThat(ack.getReason()).isEqualTo(Message.Reason.ParseError);
		assertThat(ack.getReasonText()).isEqualTo("parse error");
		assertThat(ack.getTopic()).isEqualTo("orders");
		assertThat(ack.isCommandIdNull()).isTrue();
	}

	@Test
	void invalidJsonIsNotDelivered() throws Exception {
		Client client = this.fixture.client("both");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		client.subscribe((m) -> received.add(m.copy()), "orders", 5000);
		client.publish("orders", "[1,2");
		client.publish("orders", "{} {}");
		client.publish("orders", "{\"ok\":true}");
		assertThat(poll(received).getData()).isEqualTo("{\"ok\":true}");
		assertThat(received).isEmpty();
	}

	@Test
	void publishToUnknownSubIdPushedBySendToAllReachesTheLastChanceHandler() throws Exception {
		Client client = this.fixture.client("app");
		BlockingQueue<Message> lastChance = new LinkedBlockingQueue<>();
		client.setLastChanceMessageHandler((m) -> lastChance.add(m.copy()));
		server().awaitLogon(TIMEOUT);
		server().sendToAll("{\"c\":\"p\",\"t\":\"orders\",\"sids\":\"nobody\",\"bm\":\"7|1|\"}", "{\"stray\":1}");
		Message stray = poll(lastChance);
		assertThat(stray.getCommand()).isEqualTo(Message.Command.Publish);
		assertThat(stray.getData()).isEqualTo("{\"stray\":1}");
		assertThat(stray.getSubIds()).isEqualTo("nobody");
	}

	@Test
	void scriptedFailureOfAnAckedPublishBecomesACommandException() throws Exception {
		Client client = this.fixture.client("app");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		client.subscribe((m) -> received.add(m.copy()), "orders", 5000);
		server().enqueue(Fault.failNext("p", "parse error"));
		Command publish = new Command("publish").setTopic("orders")
			.setData("{\"valid\":true}")
			.setAckType(Message.AckType.Processed);
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> client.execute(publish).close())
			.withMessageContaining("parse error");
		ReceivedFrame sent = server().takeFrame("p", TIMEOUT);
		assertThat(sent.header("a")).isEqualTo("processed");
		assertThat(sent.commandId()).isNotNull();
		// the failed command had no other effect, and the fault is used up
		client.publish("orders", "{\"second\":true}");
		assertThat(poll(received).getData()).isEqualTo("{\"second\":true}");
	}

	@Test
	void ackedPublishGetsAProcessedAckWithItsCommandId() throws Exception {
		try (RawAmpsClient raw = new RawAmpsClient(server())) {
			raw.logon("raw");
			raw.send("{\"c\":\"p\",\"t\":\"orders\",\"cid\":\"c1\",\"a\":\"received,processed\"}", "{}");
			RawAmpsClient.Frame received = raw.read();
			RawAmpsClient.Frame processed = raw.read();
			assertThat(received.get("a")).isEqualTo("received");
			assertThat(processed.get("a")).isEqualTo("processed");
			assertThat(processed.get("cid")).isEqualTo("c1");
			assertThat(processed.get("status")).isEqualTo("success");
			raw.send("{\"c\":\"p\",\"t\":\"orders\",\"cid\":\"c2\",\"a\":\"processed\"}", "nope");
			RawAmpsClient.Frame failed = raw.read();
			assertThat(failed.get("cid")).isEqualTo("c2");
			assertThat(failed.get("status")).isEqualTo("failure");
			assertThat(failed.get("reason")).isEqualTo("parse error");
			assertThat(failed.get("t")).isEqualTo("orders");
		}
	}

	@Test
	void pushAfterLogonArrivesRightAfterTheLogonAck() throws Exception {
		String header = "{\"c\":\"p\",\"t\":\"welcome\",\"sids\":\"none\",\"bm\":\"1|1|\"}";
		server().enqueue(Fault.pushAfterLogon(header, "{\"hello\":1}"));
		try (RawAmpsClient raw = new RawAmpsClient(server())) {
			RawAmpsClient.Frame ack = raw.logon("raw");
			assertThat(ack.get("status")).isEqualTo("success");
			assertThat(raw.available()).as("pushed frame arrived with the ack").isPositive();
			RawAmpsClient.Frame pushed = raw.read();
			assertThat(pushed.get("t")).isEqualTo("welcome");
			assertThat(pushed.payload()).isEqualTo("{\"hello\":1}");
		}
		// used once: a real client's next logon gets no push
		server().enqueue(Fault.pushAfterLogon(header, "{\"hello\":2}"));
		Client client = this.fixture.closeAfterTest(new Client("app"));
		BlockingQueue<Message> lastChance = new LinkedBlockingQueue<>();
		client.setLastChanceMessageHandler((m) -> lastChance.add(m.copy()));
		client.connect(server().uri());
		client.logon(5000);
		assertThat(poll(lastChance).getData()).isEqualTo("{\"hello\":2}");
	}

	@Test
	void dropOnNextClosesTheConnectionBeforeTheCommandIsProcessed() throws Exception {
		Client subscriber = this.fixture.client("subscriber");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		subscriber.subscribe((m) -> received.add(m.copy()), "orders", 5000);
		ServerConnection subscriberConnection = server().awaitLogon(TIMEOUT);
		server().enqueue(Fault.dropOnNext("publish"));
		try (RawAmpsClient raw = new RawAmpsClient(server())) {
			raw.logon("raw");
			raw.send("{\"c\":\"p\",\"t\":\"orders\"}", "{\"lost\":1}");
			assertThat(raw.awaitClosedByServer(TIMEOUT)).isTrue();
		}
		assertThat(server().takeFrame("p", TIMEOUT).payload()).isEqualTo("{\"lost\":1}");
		assertThat(subscriberConnection.isOpen()).isTrue();
		try (Client publisher = Clients.connected(server(), "publisher")) {
			publisher.publish("orders", "{\"kept\":1}");
			assertThat(poll(received).getData()).isEqualTo("{\"kept\":1}");
		}
	}

	@Test
	void unsubscribeStopsDeliveryAndFlushIsAcked() throws Exception {
		Client client = this.fixture.client("app");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		CommandId subId = client.subscribe((m) -> received.add(m.copy()), "orders", 5000);
		client.publish("orders", "{\"n\":1}");
		client.publishFlush(5000);
		assertThat(poll(received).getData()).isEqualTo("{\"n\":1}");
		client.unsubscribe(subId);
		client.publish("orders", "{\"n\":2}");
		client.publishFlush(5000);
		ReceivedFrame unsubscribe = server().takeFrame("unsubscribe", TIMEOUT);
		assertThat(unsubscribe.header("sub_id")).isEqualTo(subId.toString());
		assertThat(server().takeFrame("flush", TIMEOUT).header("a")).contains("processed");
		assertThat(received).isEmpty();
	}

	@Test
	void stateOfTheWorldQueriesAreRefusedAsInvalidTopic() throws Exception {
		Client client = this.fixture.client("app");
		assertThatExceptionOfType(InvalidTopicException.class).isThrownBy(() -> client.sow("orders").close());
		assertThat(server().takeFrame("sow", TIMEOUT).topic()).isEqualTo("orders");
	}

	@Test
	void unknownCommandIsAnsweredNotSupportedWithOneWarning() throws Exception {
		try (LogCapture logs = new LogCapture(); RawAmpsClient raw = new RawAmpsClient(server())) {
			raw.logon("raw");
			raw.send("{\"c\":\"teleport\",\"cid\":\"x1\",\"a\":\"processed\"}", "");
			RawAmpsClient.Frame ack = raw.read();
			assertThat(ack.get("cid")).isEqualTo("x1");
			assertThat(ack.get("status")).isEqualTo("failure");
			assertThat(ack.get("reason")).isEqualTo("not supported by the AMPS test server: command 'teleport'");
			assertThat(logs.warnings()).singleElement()
				.satisfies((line) -> assertThat(line).contains("'teleport'").contains("client=raw"));
		}
	}

	@Test
	void takeFrameLeavesOtherCommandsQueuedAndReceivedFramesKeepsEverything() throws Exception {
		Client client = this.fixture.client("app");
		client.subscribe((m) -> {
		}, "orders", 5000);
		client.publish("orders", "{}");
		client.publishFlush(5000);
		assertThat(server().takeFrame("p", TIMEOUT).topic()).isEqualTo("orders");
		assertThat(server().takeFrame(TIMEOUT).command()).isEqualTo("logon");
		assertThat(server().takeFrame(TIMEOUT).command()).isEqualTo("subscribe");
		assertThat(server().takeFrame(TIMEOUT).command()).isEqualTo("flush");
		assertThat(server().takeFrame(Duration.ofMillis(20))).isNull();
		assertThat(server().receivedFrames()).extracting(ReceivedFrame::command)
			.containsExactly("logon", "subscribe", "p", "flush");
		assertThat(server().receivedFrames().get(2).headers()).containsEntry("c", "p").containsEntry("t", "orders");
	}

	@Test
	void sendPushesAFrameToOneConnection() throws Exception {
		Client first = this.fixture.client("first");
		Client second = this.fixture.client("second");
		BlockingQueue<Message> firstSaw = new LinkedBlockingQueue<>();
		BlockingQueue<Message> secondSaw = new LinkedBlockingQueue<>();
		first.setLastChanceMessageHandler((m) -> firstSaw.add(m.copy()));
		second.setLastChanceMessageHandler((m) -> secondSaw.add(m.copy()));
		ServerConnection firstConnection = server().awaitLogon(TIMEOUT);
		server().awaitLogon(TIMEOUT);
		firstConnection.send("{\"c\":\"ack\",\"a\":\"processed\",\"status\":\"failure\",\"reason\":\"not entitled\"}",
				null);
		assertThat(poll(firstSaw).getReason()).isEqualTo(Message.Reason.NotEntitled);
		firstConnection.drop();
		await().atMost(TIMEOUT).until(() -> !firstConnection.isOpen());
		assertThat(server().connections()).hasSize(1);
		assertThat(secondSaw).isEmpty();
	}

}
