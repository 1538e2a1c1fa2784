package org.ampsboot.test.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.CommandId;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageStream;
import com.crankuptheamps.client.exception.InvalidTopicException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.ampsboot.test.conformance.AmpsUnderTest.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * State of the World queries and their options, as 60East documents them: AMPS User Guide "Managing Result Sets"
 * (orderby with the TEXT hint, top_n, skip_n), "Query and Subscribe" (sow_and_subscribe on a topic without a SOW),
 * "Replacing Subscriptions" (replace re-runs the query and sends only what was not in the result set), "Retrieving
 * Part of a Message" and the 60East blog "Select Lists" (select=[+/field,-/field]), "Options for Delta Subscribe"
 * (no_sowkey); Command Reference "sow_and_subscribe" (stats: TopicMatches is the number of records compared); and
 * issue 12 for NULL fields in a delta_publish (60East page not found in the stored docs).
 */
class SowConformanceTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@RegisterExtension
	final AmpsUnderTest amps = new AmpsUnderTest();

	private Client publisherOf(String topic, String... records) throws Exception {
		Client client = this.amps.client("publisher");
		for (String record : records) {
			client.publish(topic, record);
		}
		client.publishFlush(AmpsUnderTest.TIMEOUT.toMillis());
		return client;
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

	private static List<JsonNode> records(List<Message> messages) {
		return messages.stream()
			.filter((m) -> m.getCommand() == Message.Command.SOW)
			.map((m) -> JSON.readTree(m.getData()))
			.toList();
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	private static Message stats(List<Message> messages) {
		return messages.stream()
			.filter((m) -> m.getCommand() == Message.Command.Ack && m.getAckType() == Message.AckType.Stats)
			.findFirst()
			.orElseThrow();
	}

	@Test
	void orderByTextSortsByTheTextualFormWhileTheDefaultSortsNumbersAsNumbers() throws Exception {
		this.amps.sowTopic("sow-codes", "/id");
		Client client = publisherOf("sow-codes", "{\"id\":1,\"code\":9}", "{\"id\":2,\"code\":10}",
				"{\"id\":3,\"code\":100}");
		assertThat(records(drain(client.execute(new Command("sow").setTopic("sow-codes").setOrderBy("/code")))))
			.extracting((r) -> r.get("id").asInt())
			.containsExactly(1, 2, 3);
		assertThat(records(drain(client.execute(new Command("sow").setTopic("sow-codes").setOrderBy("/code TEXT")))))
			.extracting((r) -> r.get("id").asInt())
			.containsExactly(2, 3, 1);
		assertThat(records(
				drain(client.execute(new Command("sow").setTopic("sow-codes").setOrderBy("/code DESC TEXT")))))
			.extracting((r) -> r.get("id").asInt())
			.containsExactly(1, 3, 2);
	}

	@Test
	void topNAndSkipNOptionsReturnOnePageOfTheOrderedResult() throws Exception {
		this.amps.sowTopic("sow-pages", "/id");
		Client client = publisherOf("sow-pages", "{\"id\":1}", "{\"id\":2}", "{\"id\":3}", "{\"id\":4}",
				"{\"id\":5}");
		List<Message> page = drain(client.execute(new Command("sow").setTopic("sow-pages")
			.setOrderBy("/id")
			.setOptions("top_n=2,skip_n=2")
			.setAckType(Message.AckType.Stats)));
		assertThat(records(page)).extracting((r) -> r.get("id").asInt()).containsExactly(3, 4);
		assertThat(stats(page).getRecordsReturned()).isEqualTo(2);
		List<Message> top = drain(
				client.execute(new Command("sow").setTopic("sow-pages").setOrderBy("/id DESC").setOptions("top_n=1")));
		assertThat(records(top)).extracting((r) -> r.get("id").asInt()).containsExactly(5);
	}

	@Test
	void statsTopicMatchesCountsTheRecordsComparedAndMatchesTheRecordsMatched() throws Exception {
		this.amps.sowTopic("sow-stats", "/id");
		Client client = publisherOf("sow-stats", "{\"id\":1,\"qty\":1}", "{\"id\":2,\"qty\":2}",
				"{\"id\":3,\"qty\":3}", "{\"id\":4,\"qty\":4}");
		Message stats = stats(drain(client.execute(new Command("sow").setTopic("sow-stats")
			.setFilter("/qty >= 3")
			.setTopN(1)
			.setAckType(Message.AckType.Stats))));
		assertThat(stats.getTopicMatches()).isEqualTo(4);
		assertThat(stats.getMatches()).isEqualTo(2);
		assertThat(stats.getRecordsReturned()).isEqualTo(1);
	}

	@Test
	void deltaPublishIgnoresNullFields() throws Exception {
		this.amps.sowTopic("sow-deltas", "/id");
		Client client = publisherOf("sow-deltas", "{\"id\":1,\"a\":1,\"b\":2}");
		BlockingQueue<Message> deltas = new LinkedBlockingQueue<>();
		client.executeAsync(new Command("sow_and_delta_subscribe").setTopic("sow-deltas"),
				(m) -> deltas.add(m.copy()));
		assertThat(poll(deltas).getCommand()).isEqualTo(Message.Command.GroupBegin);
		assertThat(poll(deltas).getCommand()).isEqualTo(Message.Command.SOW);
		assertThat(poll(deltas).getCommand()).isEqualTo(Message.Command.GroupEnd);

		client.deltaPublish("sow-deltas", "{\"id\":1,\"a\":null,\"b\":3}");

		assertThat(json(poll(deltas).getData())).isEqualTo(json("{\"id\":1,\"b\":3}"));
		assertThat(records(drain(client.sow("sow-deltas")))).containsExactly(json("{\"id\":1,\"a\":1,\"b\":3}"));
	}

	@Test
	void replacingASowAndSubscribeSendsOnlyTheRecordsNotAlreadyInTheResultSet() throws Exception {
		this.amps.sowTopic("sow-replace", "/id");
		Client client = publisherOf("sow-replace", "{\"id\":1}", "{\"id\":2}", "{\"id\":3}", "{\"id\":4}");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		client.executeAsync(new Command("sow_and_subscribe").setTopic("sow-replace").setSubId("replaced").setFilter("/id <= 2"),
				(m) -> received.add(m.copy()));
		List<Integer> first = queryResult(received);
		assertThat(first).containsExactlyInAnyOrder(1, 2);

		client.executeAsync(new Command("sow_and_subscribe").setTopic("sow-replace")
			.setSubId("replaced")
			.setFilter("/id <= 3")
			.setOptions("replace"), (m) -> received.add(m.copy()));

		assertThat(queryResult(received)).containsExactly(3);
		client.publish("sow-replace", "{\"id\":3,\"again\":true}");
		Message live = poll(received);
		assertThat(live.getCommand()).isEqualTo(Message.Command.Publish);
		assertThat(json(live.getData())).isEqualTo(json("{\"id\":3,\"again\":true}"));
	}

	private static List<Integer> queryResult(BlockingQueue<Message> received) throws InterruptedException {
		Message next = poll(received);
		while (next.getCommand() == Message.Command.Ack) {
			next = poll(received);
		}
		assertThat(next.getCommand()).isEqualTo(Message.Command.GroupBegin);
		List<Integer> ids = new ArrayList<>();
		while ((next = poll(received)).getCommand() == Message.Command.SOW) {
			ids.add(json(next.getData()).get("id").asInt());
		}
		assertThat(next.getCommand()).isEqualTo(Message.Command.GroupEnd);
		return ids;
	}

	@Test
	void sowAndSubscribeOnATopicWithoutASowReturnsAnEmptyGroupThenLiveMessages() throws Exception {
		String topic = this.amps.topic("no-sow-ticks");
		Client client = this.amps.client("subscriber");
		for (String command : List.of("sow_and_subscribe", "sow_and_delta_subscribe")) {
			BlockingQueue<Message> received = new LinkedBlockingQueue<>();
			CommandId subId = client.executeAsync(new Command(command).setTopic(topic).setSubId(command),
					(m) -> received.add(m.copy()));
			assertThat(queryResult(received)).as(command).isEmpty();
			client.publish(topic, "{\"tick\":\"" + command + "\"}");
			Message live = poll(received);
			assertThat(live.getCommand()).isEqualTo(Message.Command.Publish);
			assertThat(live.getData()).isEqualTo("{\"tick\":\"" + command + "\"}");
			client.unsubscribe(subId);
		}
		assertThatExceptionOfType(InvalidTopicException.class).isThrownBy(() -> drain(client.sow(topic)));
	}

	@Test
	void selectListReturnsOnlyTheSelectedFieldsOfQueryResultsAndUpdates() throws Exception {
		this.amps.sowTopic("sow-select", "/id");
		Client client = publisherOf("sow-select", "{\"id\":1,\"qty\":5,\"secret\":\"x\",\"px\":{\"bid\":1,\"ask\":2}}");
		assertThat(records(drain(client.execute(
				new Command("sow").setTopic("sow-select").setOptions("select=[+/id,+/qty,+/px/bid]")))))
			.containsExactly(json("{\"id\":1,\"qty\":5,\"px\":{\"bid\":1}}"));
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		client.executeAsync(new Command("sow_and_subscribe").setTopic("sow-select").setOptions("select=[-/secret]"),
				(m) -> received.add(m.copy()));
		assertThat(records(List.of(poll(received), poll(received), poll(received))))
			.containsExactly(json("{\"id\":1,\"qty\":5,\"px\":{\"bid\":1,\"ask\":2}}"));
		client.publish("sow-select", "{\"id\":1,\"qty\":6,\"secret\":\"y\",\"px\":{\"bid\":1,\"ask\":2}}");
		assertThat(json(poll(received).getData())).isEqualTo(json("{\"id\":1,\"qty\":6,\"px\":{\"bid\":1,\"ask\":2}}"));
	}

	@Test
	void noSowKeyLeavesTheSowKeyOffDeliveries() throws Exception {
		this.amps.sowTopic("sow-nokey", "/id");
		Client client = publisherOf("sow-nokey", "{\"id\":1}");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		client.executeAsync(new Command("sow_and_subscribe").setTopic("sow-nokey").setOptions("no_sowkey"),
				(m) -> received.add(m.copy()));
		assertThat(poll(received).getCommand()).isEqualTo(Message.Command.GroupBegin);
		Message record = poll(received);
		assertThat(record.getCommand()).isEqualTo(Message.Command.SOW);
		assertThat(record.getSowKey()).isNullOrEmpty();
		assertThat(poll(received).getCommand()).isEqualTo(Message.Command.GroupEnd);
		client.publish("sow-nokey", "{\"id\":1,\"v\":2}");
		Message live = poll(received);
		assertThat(live.getData()).isEqualTo("{\"id\":1,\"v\":2}");
		assertThat(live.getSowKey()).isNullOrEmpty();
	}

}
