package org.ampsboot.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.CommandId;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageStream;
import com.crankuptheamps.client.exception.BadFilterException;
import com.crankuptheamps.client.exception.BadSowKeyException;
import com.crankuptheamps.client.exception.InvalidOrderByException;
import com.crankuptheamps.client.exception.InvalidTopicException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.ampsboot.test.TestServerFixture.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * State of the World topics with the real client, checked against the AMPS documentation: User Guide "State of the
 * World (SOW) Topics" and "Querying the State of the World" (Overview of SOW Queries, Managing Result Sets), Command
 * Reference "sow", "sow_and_subscribe", "group_begin / group_end: Result Set Delimiters", "sow: Content from Server",
 * "ack: Status from Server", and "Out-of-Focus Messages (OOF)".
 */
class StateOfTheWorldTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	final TestServerFixture fixture = new TestServerFixture((server) -> server.sowTopic("orders", "/id"));

	private AmpsTestServer server() {
		return this.fixture.server();
	}

	private static List<Message> drain(MessageStream stream) {
		List<Message> messages = new ArrayList<>();
		try (stream) {
			for (Message message : stream) {
				messages.add(message.copy());
			}
		}
		return messages;
	}

	private static List<String> data(List<Message> messages) {
		return messages.stream().filter((m) -> m.getCommand() == Message.Command.SOW).map(Message::getData).toList();
	}

	@Test
	@DisplayName("A publish upserts by key; a sow query returns the latest record per key between group_begin and "
			+ "group_end (User Guide: Overview of SOW Queries; Command Reference: group_begin / group_end)")
	void sowQueryReturnsTheLatestRecordPerKey() throws Exception {
		Client client = this.fixture.client("app");
		client.publish("orders", "{\"id\":1,\"qty\":5}");
		client.publish("orders", "{\"id\":2,\"qty\":50}");
		client.publish("orders", "{\"id\":1,\"qty\":7}");
		client.publishFlush(5000);
		assertThat(server().sowRecords("orders")).containsExactly("{\"id\":1,\"qty\":7}", "{\"id\":2,\"qty\":50}");

		List<Message> result = drain(client.sow("orders"));
		assertThat(result).extracting(Message::getCommand)
			.containsExactly(Message.Command.GroupBegin, Message.Command.SOW, Message.Command.SOW,
					Message.Command.GroupEnd);
		assertThat(data(result)).containsExactlyInAnyOrder("{\"id\":1,\"qty\":7}", "{\"id\":2,\"qty\":50}");
		String queryId = server().takeFrame("sow", TIMEOUT).header("query_id");
		assertThat(result).allSatisfy((m) -> assertThat(m.getQueryId()).isEqualTo(queryId));
		Message first = result.get(1);
		Message second = result.get(2);
		assertThat(first.getSowKey()).isNotBlank().isNotEqualTo(second.getSowKey());
		assertThat(first.getBookmark()).as("no bookmark: the topic is not in the transaction log").isNullOrEmpty();

		// the key of a record stays the same across updates
		client.publish("orders", "{\"id\":1,\"qty\":8}");
		client.publishFlush(5000);
		List<Message> again = drain(client.sow("orders", "/id = 1"));
		assertThat(data(again)).containsExactly("{\"id\":1,\"qty\":8}");
		assertThat(again.get(1).getSowKey()).isEqualTo(first.getSowKey());
	}

	@Test
	@DisplayName("Filter, top_n, orderby and sow_keys select and order the result; the stats ack carries matches "
			+ "and records_returned (Command Reference: sow; ack: Status from Server)")
	void filterTopNOrderByAndStats() throws Exception {
		Client client = this.fixture.client("app");
		for (int id = 1; id <= 5; id++) {
			client.publish("orders", "{\"id\":" + id + ",\"qty\":" + (id * 10) + ",\"sym\":\"" + ((id % 2 == 0) ? "IBM" : "MSFT")
					+ "\"}");
		}
		client.publishFlush(5000);
		List<Message> result = drain(client.execute(new Command("sow").setTopic("orders")
			.setFilter("/qty >= 20")
			.setOrderBy("/sym DESC, /qty DESC")
			.setTopN(3)
			.setAckType(Message.AckType.Completed | Message.AckType.Stats)));
		assertThat(data(result)).containsExactly("{\"id\":5,\"qty\":50,\"sym\":\"MSFT\"}",
				"{\"id\":3,\"qty\":30,\"sym\":\"MSFT\"}", "{\"id\":4,\"qty\":40,\"sym\":\"IBM\"}");
		Message stats = result.stream()
			.filter((m) -> m.getCommand() == Message.Command.Ack && m.getAckType() == Message.AckType.Stats)
			.findFirst()
			.orElseThrow();
		assertThat(stats.getMatches()).isEqualTo(4);
		assertThat(stats.getRecordsReturned()).isEqualTo(3);
		assertThat(result).anySatisfy((m) -> assertThat(m.getAckType()).isEqualTo(Message.AckType.Completed));

		String key = drain(client.sow("orders", "/id = 2")).get(1).getSowKey();
		assertThat(data(drain(client.execute(new Command("sow").setTopic("orders").setSowKeys(key)))))
			.containsExactly("{\"id\":2,\"qty\":20,\"sym\":\"IBM\"}");
		assertThatExceptionOfType(InvalidOrderByException.class)
			.isThrownBy(() -> drain(client.execute(new Command("sow").setTopic("orders").setOrderBy("qty"))));
	}

	@Test
	@DisplayName("Records come in sow frames of up to batch_size records, each with its own k/bm/l header "
			+ "(Command Reference: sow: Content from Server)")
	void recordsAreBatchedByBatchSize() throws Exception {
		Client client = this.fixture.client("app");
		for (int id = 1; id <= 3; id++) {
			client.publish("orders", "{\"id\":" + id + "}");
		}
		client.publishFlush(5000);
		assertThat(data(drain(client.execute(new Command("sow").setTopic("orders").setBatchSize(2)))))
			.containsExactlyInAnyOrder("{\"id\":1}", "{\"id\":2}", "{\"id\":3}");
		try (RawAmpsClient raw = new RawAmpsClient(server())) {
			raw.logon("raw");
			raw.send("{\"c\":\"sow\",\"t\":\"orders\",\"cid\":\"q1\",\"query_id\":\"q1\",\"a\":\"processed,completed\","
					+ "\"batch_size\":2}", "");
			assertThat(raw.read().get("a")).isEqualTo("processed");
			RawAmpsClient.Frame begin = raw.read();
			assertThat(begin.get("c")).isEqualTo("group_begin");
			assertThat(begin.get("query_id")).isEqualTo("q1");
			RawAmpsClient.Frame batch = raw.read();
			assertThat(batch.get("c")).isEqualTo("sow");
			assertThat(batch.get("t")).isEqualTo("orders");
			assertThat(batch.get("bs")).isEqualTo("2");
			// no bm: the topic is not in the transaction log
			assertThat(batch.payload()).matches("\\{\"k\":\"\\d+\",\"l\":8\\}\\{\"id\":[123]\\}"
					+ "\\{\"k\":\"\\d+\",\"l\":8\\}\\{\"id\":[123]\\}");
			assertThat(raw.read().get("bs")).isEqualTo("1");
			assertThat(raw.read().get("c")).isEqualTo("group_end");
			RawAmpsClient.Frame completed = raw.read();
			assertThat(completed.get("a")).isEqualTo("completed");
			assertThat(completed.get("cid")).isEqualTo("q1");
		}
	}

	@Test
	@DisplayName("An empty result is still delimited by group_begin and group_end (Command Reference: group_begin / "
			+ "group_end)")
	void emptyResultIsDelimited() throws Exception {
		Client client = this.fixture.client("app");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		client.sow((m) -> received.add(m.copy()), "orders", "/id = 42", 10, 5000);
		assertThat(poll(received).getCommand()).isEqualTo(Message.Command.GroupBegin);
		assertThat(poll(received).getCommand()).isEqualTo(Message.Command.GroupEnd);
	}

	@Test
	@DisplayName("sow_and_subscribe returns the matching records, then live updates; with oof a record that stops "
			+ "matching gets an oof message with reason match and its new state (User Guide: Out-of-Focus Messages)")
	void sowAndSubscribeWithOutOfFocus() throws Exception {
		Client subscriber = this.fixture.client("subscriber");
		Client publisher = this.fixture.client("publisher");
		publisher.publish("orders", "{\"id\":1,\"qty\":50}");
		publisher.publish("orders", "{\"id\":2,\"qty\":5}");
		publisher.publishFlush(5000);
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		CommandId subId = subscriber.sowAndSubscribe((m) -> received.add(m.copy()), "orders", "/qty > 10", 10, true,
				5000);
		assertThat(server().takeFrame("sow_and_subscribe", TIMEOUT).header("opts")).contains("oof");
		assertThat(poll(received).getCommand()).isEqualTo(Message.Command.GroupBegin);
		Message record = poll(received);
		assertThat(record.getCommand()).isEqualTo(Message.Command.SOW);
		assertThat(record.getData()).isEqualTo("{\"id\":1,\"qty\":50}");
		assertThat(poll(received).getCommand()).isEqualTo(Message.Command.GroupEnd);

		publisher.publish("orders", "{\"id\":2,\"qty\":20}");   // comes into focus
		publisher.publish("orders", "{\"id\":3,\"qty\":1}");    // never in focus: nothing
		publisher.publish("orders", "{\"id\":1,\"qty\":2}");    // leaves focus
		Message update = poll(received);
		assertThat(update.getCommand()).isEqualTo(Message.Command.Publish);
		assertThat(update.getData()).isEqualTo("{\"id\":2,\"qty\":20}");
		assertThat(update.getSubIds()).isEqualTo(subId.toString());
		assertThat(update.getSowKey()).isNotBlank();
		Message oof = poll(received);
		assertThat(oof.getCommand()).isEqualTo(Message.Command.OOF);
		assertThat(oof.getReason()).isEqualTo(Message.Reason.Match);
		assertThat(oof.getData()).isEqualTo("{\"id\":1,\"qty\":2}");
		assertThat(oof.getSowKey()).isEqualTo(record.getSowKey());
		publisher.publish("orders", "{\"id\":1,\"qty\":3}");    // still out of focus: nothing more
		publisher.publish("orders", "{\"id\":4,\"qty\":40}");
		assertThat(poll(received).getData()).isEqualTo("{\"id\":4,\"qty\":40}");
		assertThat(received).isEmpty();
	}

	@Test
	@DisplayName("A record that expires leaves the SOW; oof subscribers get reason expired (User Guide: Out-of-Focus "
			+ "Messages; Command Reference: publish, expiration)")
	void expiredRecordSendsOutOfFocus() throws Exception {
		Client subscriber = this.fixture.client("subscriber");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		subscriber.sowAndSubscribe((m) -> received.add(m.copy()), "orders", null, 10, true, 5000);
		Client publisher = this.fixture.client("publisher");
		publisher.publish("orders", "{\"id\":1,\"qty\":5}", 1);
		publisher.publish("orders", "{\"id\":2,\"qty\":6}");
		assertThat(poll(received).getCommand()).isEqualTo(Message.Command.GroupBegin);
		assertThat(poll(received).getCommand()).isEqualTo(Message.Command.GroupEnd);
		assertThat(poll(received).getData()).isEqualTo("{\"id\":1,\"qty\":5}");
		assertThat(poll(received).getData()).isEqualTo("{\"id\":2,\"qty\":6}");
		Message oof = poll(received);
		assertThat(oof.getCommand()).isEqualTo(Message.Command.OOF);
		assertThat(oof.getReason()).isEqualTo(Message.Reason.Expired);
		assertThat(oof.getData()).isEqualTo("{\"id\":1,\"qty\":5}");
		assertThat(server().sowRecords("orders")).containsExactly("{\"id\":2,\"qty\":6}");
	}

	@Test
	@DisplayName("A query across SOW topics with a regex topic; sow on a topic without a SOW fails with invalid "
			+ "topic (User Guide: Overview of SOW Queries); sow_and_subscribe there is the subject of "
			+ "conformance.SowConformanceTest")
	void regexQueriesAndTopicsWithoutSow() throws Exception {
		server().sowTopic("orders-eu", "/id");
		Client client = this.fixture.client("app");
		client.publish("orders", "{\"id\":1}");
		client.publish("orders-eu", "{\"id\":1,\"eu\":true}");
		client.publish("trades", "{\"id\":1}");
		client.publishFlush(5000);
		List<Message> result = drain(client.sow("^orders"));
		assertThat(result).filteredOn((m) -> m.getCommand() == Message.Command.SOW)
			.extracting(Message::getTopic, Message::getData)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("orders", "{\"id\":1}"),
					org.assertj.core.groups.Tuple.tuple("orders-eu", "{\"id\":1,\"eu\":true}"));
		assertThatExceptionOfType(InvalidTopicException.class).isThrownBy(() -> drain(client.sow("trades")));
		assertThatExceptionOfType(BadFilterException.class).isThrownBy(() -> drain(client.sow("orders", "/id >")));
	}

	@Test
	@DisplayName("A message without its key fields is refused with 'bad sow key' (Message.Reason.BadSowKey)")
	void publishWithoutKeyIsBadSowKey() throws Exception {
		Client client = this.fixture.client("app");
		assertThatExceptionOfType(BadSowKeyException.class).isThrownBy(() -> client
			.execute(new Command("publish").setTopic("orders").setData("{\"qty\":1}").setAckType(Message.AckType.Processed))
			.close());
		BlockingQueue<Message> lastChance = new LinkedBlockingQueue<>();
		client.setLastChanceMessageHandler((m) -> lastChance.add(m.copy()));
		client.publish("orders", "{\"id\":null}");
		assertThat(poll(lastChance).getReason()).isEqualTo(Message.Reason.BadSowKey);
		assertThat(server().sowRecords("orders")).isEmpty();
	}

	@Test
	@DisplayName("sowTopic(...) may be called after start; bad declarations are refused")
	void declaringSowTopics() throws Exception {
		Client client = this.fixture.client("app");
		client.publish("positions", "{\"book\":\"A\",\"sym\":\"IBM\",\"qty\":1}");
		client.publishFlush(5000);
		server().sowTopic("positions", "/book", "/sym").sowTopic("positions", "/book", "/sym");
		client.publish("positions", "{\"book\":\"A\",\"sym\":\"IBM\",\"qty\":2}");
		client.publish("positions", "{\"book\":\"B\",\"sym\":\"IBM\",\"qty\":3}");
		client.publish("positions", "{\"book\":\"A\",\"sym\":\"IBM\",\"qty\":4}");
		client.publishFlush(5000);
		assertThat(server().sowRecords("positions")).containsExactly("{\"book\":\"A\",\"sym\":\"IBM\",\"qty\":4}",
				"{\"book\":\"B\",\"sym\":\"IBM\",\"qty\":3}");
		assertThatIllegalStateException().isThrownBy(() -> server().sowTopic("positions", "/book"))
			.withMessageContaining("already a SOW topic");
		assertThatIllegalArgumentException().isThrownBy(() -> server().sowTopic("x"));
		assertThatIllegalArgumentException().isThrownBy(() -> server().sowTopic("x", "id"));
		assertThatIllegalArgumentException().isThrownBy(() -> server().sowTopic("x.*", "/id"));
		assertThatIllegalArgumentException().isThrownBy(() -> server().sowRecords("trades"));
	}

	@Test
	@DisplayName("Replacing a sow_and_subscribe that had top_n without repeating it is refused loudly (User Guide, "
			+ "Managing Result Sets: top_n, skip_n and OrderBy must be provided on the replacement)")
	void replaceWithoutTheTopNOfTheReplacedSubscriptionIsRefusedLoudly() throws Exception {
		try (RawAmpsClient raw = new RawAmpsClient(server())) {
			raw.logon("raw");
			raw.send("{\"c\":\"sow_and_subscribe\",\"t\":\"orders\",\"cid\":\"s1\",\"sub_id\":\"paged\","
					+ "\"top_n\":\"2\",\"a\":\"processed\"}", "");
			assertThat(raw.read().get("status")).isEqualTo("success");
			assertThat(raw.read().get("c")).isEqualTo("group_begin");
			assertThat(raw.read().get("c")).isEqualTo("group_end");
			raw.send("{\"c\":\"sow_and_subscribe\",\"t\":\"orders\",\"cid\":\"s2\",\"sub_id\":\"paged\","
					+ "\"opts\":\"replace\",\"a\":\"processed\"}", "");
			RawAmpsClient.Frame refused = raw.read();
			assertThat(refused.get("cid")).isEqualTo("s2");
			assertThat(refused.get("status")).isEqualTo("failure");
			assertThat(refused.get("reason"))
				.startsWith("not supported by the AMPS test server: replace without the top_n");
		}
	}

}
