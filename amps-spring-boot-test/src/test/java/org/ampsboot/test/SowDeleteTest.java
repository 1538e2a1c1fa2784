package org.ampsboot.test;

import org.ampsboot.test.wire.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageStream;
import com.crankuptheamps.client.exception.BadFilterException;
import com.crankuptheamps.client.exception.InvalidTopicException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.ampsboot.test.TestServerFixture.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * sow_delete with the real client, checked against the AMPS Command Reference "Removing Messages (SOW/Topic or
 * Message Queue)" (sow_delete: by filter, by SowKeys, by data; the stats ack with Matches, TopicMatches and
 * RecordsDeleted), the JavaScript/Java developer guides' "Managing SOW Contents" and the User Guide's "Out-of-Focus
 * Messages (OOF)" (reason deleted).
 */
class SowDeleteTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	final TestServerFixture fixture = new TestServerFixture((server) -> server.sowTopic("vans", "/id"));

	private AmpsTestServer server() {
		return this.fixture.server();
	}

	private Client client;

	@BeforeEach
	void start() throws Exception {
		this.client = this.fixture.client("fleet");
		for (int id = 1; id <= 5; id++) {
			this.client.publish("vans", "{\"id\":" + id + ",\"state\":\"" + ((id <= 2) ? "retired" : "active") + "\"}");
		}
		this.client.publishFlush(5000);
	}

	private String sowKeyOf(int id) throws Exception {
		try (MessageStream stream = this.client.sow("vans", "/id = " + id)) {
			for (Message message : stream) {
				if (message.getCommand() == Message.Command.SOW) {
					return message.getSowKey();
				}
			}
		}
		throw new AssertionError("no record " + id);
	}

	/** Runs a delete through a handler and returns its stats ack. */
	private static Message statsOf(BlockingQueue<Message> acks) throws InterruptedException {
		while (true) {
			Message message = poll(acks);
			if (message.getCommand() == Message.Command.Ack && message.getAckType() == Message.AckType.Stats) {
				return message;
			}
		}
	}

	@Test
	@DisplayName("sowDelete(topic, filter, timeout) deletes the matching records and returns the stats ack with the "
			+ "count (Command Reference: sow_delete; developer guide: Managing SOW Contents)")
	void deleteByFilterReturnsTheStatsAck() throws Exception {
		Message stats = this.client.sowDelete("vans", "/state = 'retired'", 5000);
		assertThat(stats.getCommand()).isEqualTo(Message.Command.Ack);
		assertThat(stats.getAckType()).isEqualTo(Message.AckType.Stats);
		assertThat(stats.getStatus()).isEqualTo(Message.Status.Success);
		assertThat(stats.getRecordsDeleted()).isEqualTo(2);
		assertThat(stats.getMatches()).isEqualTo(2);
		assertThat(server().sowRecords("vans")).containsExactly("{\"id\":3,\"state\":\"active\"}",
				"{\"id\":4,\"state\":\"active\"}", "{\"id\":5,\"state\":\"active\"}");
		ReceivedFrame sent = server().takeFrame("sow_delete", TIMEOUT);
		assertThat(sent.header("filter")).isEqualTo("/state = 'retired'");
		assertThat(sent.header("a")).isEqualTo("processed,stats");

		assertThat(this.client.sowDelete("vans", "/state = 'retired'", 5000).getRecordsDeleted()).isZero();
		assertThat(this.client.sowDelete("vans", "1=1", 5000).getRecordsDeleted()).isEqualTo(3);
		assertThat(server().sowRecords("vans")).isEmpty();
	}

	@Test
	@DisplayName("sowDeleteByKeys deletes the records with those SowKeys (Command Reference: sow_delete, SowKeys)")
	void deleteByKeys() throws Exception {
		String keys = sowKeyOf(1) + "," + sowKeyOf(4) + ",12345";
		BlockingQueue<Message> acks = new LinkedBlockingQueue<>();
		this.client.sowDeleteByKeys((m) -> acks.add(m.copy()), "vans", keys, 5000);
		assertThat(statsOf(acks).getRecordsDeleted()).isEqualTo(2);
		assertThat(server().takeFrame("sow_delete", TIMEOUT).header("sow_keys")).isEqualTo(keys);
		assertThat(server().sowRecords("vans")).extracting((r) -> Json.MAPPER.readTree(r).get("id").asInt())
			.containsExactly(2, 3, 5);
	}

	@Test
	@DisplayName("sowDeleteByData deletes the record with the key of the message given (Command Reference: "
			+ "sow_delete, by data)")
	void deleteByData() throws Exception {
		BlockingQueue<Message> acks = new LinkedBlockingQueue<>();
		this.client.sowDeleteByData((m) -> acks.add(m.copy()), "vans", "{\"id\":3,\"state\":\"whatever\"}", 5000);
		assertThat(statsOf(acks).getRecordsDeleted()).isEqualTo(1);
		assertThat(server().takeFrame("sow_delete", TIMEOUT).payload()).isEqualTo("{\"id\":3,\"state\":\"whatever\"}");
		assertThat(server().sowRecords("vans")).extracting((r) -> Json.MAPPER.readTree(r).get("id").asInt())
			.containsExactly(1, 2, 4, 5);
	}

	@Test
	@DisplayName("Subscribers with oof get an oof message with reason deleted for each deleted record they had "
			+ "(User Guide: Out-of-Focus Messages)")
	void deletedRecordsGoOutOfFocus() throws Exception {
		Client subscriber = this.fixture.client("dispatcher");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		subscriber.sowAndSubscribe((m) -> received.add(m.copy()), "vans", "/state = 'retired' OR /id = 3", 10, true,
				5000);
		assertThat(poll(received).getCommand()).isEqualTo(Message.Command.GroupBegin);
		List<String> keys = new ArrayList<>();
		Message next;
		while ((next = poll(received)).getCommand() == Message.Command.SOW) {
			keys.add(next.getSowKey());
		}
		assertThat(next.getCommand()).isEqualTo(Message.Command.GroupEnd);
		assertThat(keys).hasSize(3);
		assertThat(this.client.sowDelete("vans", "/id <= 4", 5000).getRecordsDeleted()).isEqualTo(4);
		List<Message> oofs = List.of(poll(received), poll(received), poll(received));
		assertThat(oofs).allSatisfy((oof) -> {
			assertThat(oof.getCommand()).isEqualTo(Message.Command.OOF);
			assertThat(oof.getReason()).isEqualTo(Message.Reason.Deleted);
		});
		assertThat(oofs).extracting(Message::getSowKey).containsExactlyInAnyOrderElementsOf(keys);
		assertThat(oofs).extracting(Message::getData).contains("{\"id\":1,\"state\":\"retired\"}");
		assertThat(received.poll(100, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	@DisplayName("The requested acks are answered; a topic without a SOW is invalid topic, a bad filter bad filter")
	void acksAndFailures() throws Exception {
		try (MessageStream stream = this.client.execute(new Command("sow_delete").setTopic("vans")
			.setFilter("/id = 5")
			.setAckType(Message.AckType.Processed | Message.AckType.Completed | Message.AckType.Stats))) {
			List<Integer> ackTypes = new ArrayList<>();
			for (Message message : stream) {
				ackTypes.add(message.getAckType());
				if (message.getAckType() == Message.AckType.Stats) {
					assertThat(message.getRecordsDeleted()).isEqualTo(1);
					break;
				}
			}
			assertThat(ackTypes).endsWith(Message.AckType.Completed, Message.AckType.Stats);
		}
		assertThatExceptionOfType(InvalidTopicException.class).isThrownBy(() -> this.client.sowDelete("trucks", "1=1",
				5000));
		assertThatExceptionOfType(BadFilterException.class).isThrownBy(() -> this.client.sowDelete("vans", "/id IN 1",
				5000));
		assertThat(server().sowRecords("vans")).hasSize(4);
	}

}
