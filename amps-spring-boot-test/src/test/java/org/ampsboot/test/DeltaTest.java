package org.ampsboot.test;

import org.ampsboot.test.wire.Json;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.ampsboot.test.TestServerFixture.poll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delta publish and delta subscribe with the real client, checked against the AMPS User Guide: "Understanding Delta
 * Publish", "Delta Publish Support", "Using Delta Publish" and "Receiving Only Updated Fields" (delta subscribe).
 */
class DeltaTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	final TestServerFixture fixture = new TestServerFixture((server) -> server.sowTopic("orders", "/order"));

	private AmpsTestServer server() {
		return this.fixture.server();
	}

	@Test
	@DisplayName("A delta publish merges into the record: named fields replaced, nested objects merged, arrays "
			+ "replaced whole, missing fields kept; subscribers get the merged record (User Guide: Understanding "
			+ "Delta Publish)")
	void deltaPublishMergesIntoTheRecord() throws Exception {
		Client subscriber = this.fixture.client("subscriber");
		Client publisher = this.fixture.client("publisher");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		subscriber.subscribe((m) -> received.add(m.copy()), "orders", 5000);
		publisher.publish("orders",
				"{\"order\":42,\"flowers\":\"roses\",\"contents\":{\"packages\":[{\"box\":\"chocolates\"},{\"bowl\":\"noodles\"}],"
						+ "\"note\":\"fragile\"}}");
		publisher.deltaPublish("orders", "{\"order\":42,\"contents\":{\"packages\":[{\"basket\":\"eggs\"}]},\"qty\":3}");
		assertThat(poll(received).getData()).startsWith("{\"order\":42,\"flowers\":\"roses\"");
		Message merged = poll(received);
		assertThat(Json.MAPPER.readTree(merged.getData())).isEqualTo(Json.MAPPER.readTree(
				"{\"order\":42,\"flowers\":\"roses\",\"contents\":{\"packages\":[{\"basket\":\"eggs\"}],\"note\":\"fragile\"},"
						+ "\"qty\":3}"));
		assertThat(merged.getSowKey()).isNotBlank();
		assertThat(server().sowRecords("orders")).containsExactly(merged.getData());
		assertThat(server().takeFrame("delta_publish", TIMEOUT).payload()).contains("basket");

		// no record yet: stored as sent ("Using Delta Publish")
		publisher.deltaPublish("orders", "{\"order\":7,\"qty\":1}");
		assertThat(poll(received).getData()).isEqualTo("{\"order\":7,\"qty\":1}");
	}

	@Test
	@DisplayName("A delta subscription receives the key and the changed fields only; a new record whole; an update "
			+ "that changes nothing as the key alone, or not at all with no_empties (User Guide: Receiving Only "
			+ "Updated Fields)")
	void deltaSubscriptionReceivesOnlyChanges() throws Exception {
		Client subscriber = this.fixture.client("subscriber");
		Client publisher = this.fixture.client("publisher");
		BlockingQueue<Message> deltas = new LinkedBlockingQueue<>();
		BlockingQueue<Message> quiet = new LinkedBlockingQueue<>();
		subscriber.deltaSubscribe((m) -> deltas.add(m.copy()), "orders", 5000);
		subscriber.deltaSubscribe((m) -> quiet.add(m.copy()), "orders", null, "no_empties", 5000);
		String order = "{\"order\":3,\"customer\":\"Patrick\",\"status\":\"new\",\"qty\":1000,\"ticker\":\"MSFT\"}";
		publisher.publish("orders", order);
		publisher.publish("orders", "{\"order\":3,\"customer\":\"Patrick\",\"status\":\"pending\",\"qty\":1000,"
				+ "\"ticker\":\"MSFT\"}");
		publisher.publish("orders", "{\"order\":3,\"customer\":\"Patrick\",\"status\":\"pending\",\"qty\":1000,"
				+ "\"ticker\":\"MSFT\"}");
		publisher.deltaPublish("orders", "{\"order\":3,\"qty\":900}");

		assertThat(poll(deltas).getData()).isEqualTo(order);
		assertThat(poll(deltas).getData()).isEqualTo("{\"order\":3,\"status\":\"pending\"}");
		assertThat(poll(deltas).getData()).isEqualTo("{\"order\":3}");
		assertThat(poll(deltas).getData()).isEqualTo("{\"order\":3,\"qty\":900}");
		assertThat(poll(quiet).getData()).isEqualTo(order);
		assertThat(poll(quiet).getData()).isEqualTo("{\"order\":3,\"status\":\"pending\"}");
		assertThat(poll(quiet).getData()).isEqualTo("{\"order\":3,\"qty\":900}");
		assertThat(server().takeFrame("delta_subscribe", TIMEOUT).header("opts")).isNull();
		assertThat(server().takeFrame("delta_subscribe", TIMEOUT).header("opts")).isEqualTo("no_empties");
	}

	@Test
	@DisplayName("sow_and_delta_subscribe: full records from the query, then deltas; with oof a record coming back "
			+ "into focus arrives whole (User Guide: Receiving Only Updated Fields)")
	void sowAndDeltaSubscribe() throws Exception {
		Client subscriber = this.fixture.client("subscriber");
		Client publisher = this.fixture.client("publisher");
		publisher.publish("orders", "{\"order\":1,\"status\":\"new\",\"qty\":10}");
		publisher.publishFlush(5000);
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		subscriber.sowAndDeltaSubscribe((m) -> received.add(m.copy()), "orders", "/qty > 5", 10, true, true, 5000);
		assertThat(poll(received).getCommand()).isEqualTo(Message.Command.GroupBegin);
		assertThat(poll(received).getData()).isEqualTo("{\"order\":1,\"status\":\"new\",\"qty\":10}");
		assertThat(poll(received).getCommand()).isEqualTo(Message.Command.GroupEnd);
		publisher.deltaPublish("orders", "{\"order\":1,\"status\":\"filled\"}");
		publisher.deltaPublish("orders", "{\"order\":1,\"qty\":1}");
		publisher.deltaPublish("orders", "{\"order\":1,\"qty\":20}");
		assertThat(poll(received).getData()).isEqualTo("{\"order\":1,\"status\":\"filled\"}");
		Message oof = poll(received);
		assertThat(oof.getCommand()).isEqualTo(Message.Command.OOF);
		assertThat(oof.getReason()).isEqualTo(Message.Reason.Match);
		assertThat(oof.getData()).isEqualTo("{\"order\":1,\"status\":\"filled\",\"qty\":1}");
		assertThat(poll(received).getData()).isEqualTo("{\"order\":1,\"status\":\"filled\",\"qty\":20}");
	}

	@Test
	@DisplayName("A delta publish to a topic without a SOW is delivered as a plain publish (User Guide: Delta "
			+ "Publish Support)")
	void deltaPublishWithoutSowIsAPublish() throws Exception {
		Client client = this.fixture.client("app");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		client.subscribe((m) -> received.add(m.copy()), "trades", 5000);
		client.deltaPublish("trades", "{\"id\":1,\"px\":2}");
		client.deltaPublish("trades", "{\"id\":1}");
		assertThat(poll(received).getData()).isEqualTo("{\"id\":1,\"px\":2}");
		assertThat(poll(received).getData()).isEqualTo("{\"id\":1}");
	}

}
