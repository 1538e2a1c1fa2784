package org.ampsboot.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageStream;
import com.crankuptheamps.client.exception.CommandException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * SOW topics whose publishers give the SowKeys, with the real client, checked against the User Guide's
 * "Understanding SOW Keys" ("When the SOW key is provided with a message, AMPS returns the original value in the
 * SOW key header, and the original value is used in commands that reference SOW keys") and the Command Reference's
 * "publish" (the SowKey header, Base64 characters); what AMPS does not document is refused loudly.
 */
class PublisherSowKeyTest {

	@RegisterExtension
	final TestServerFixture fixture = new TestServerFixture(
			(server) -> server.sowTopicWithPublisherKeys("quotes").sowTopic("vans", "/id"));

	private Client client;

	@BeforeEach
	void start() throws Exception {
		this.client = this.fixture.client("quoter");
	}

	private void publish(String topic, String sowKey, String data) throws Exception {
		Command command = new Command("publish").setTopic(topic).setData(data).setAckType(Message.AckType.Processed);
		if (sowKey != null) {
			command.setSowKey(sowKey);
		}
		this.client.executeAsync(command, null);
	}

	private List<String> query(String topic) throws Exception {
		List<String> records = new ArrayList<>();
		try (MessageStream stream = this.client.sow(topic, null)) {
			for (Message message : stream) {
				if (message.getCommand() == Message.Command.SOW) {
					records.add(message.getSowKey() + "=" + message.getData());
				}
			}
		}
		return records;
	}

	@Test
	@DisplayName("the publisher's SowKey keys the record and comes back verbatim in queries (Understanding SOW Keys)")
	void thePublishersKeyKeysTheRecord() throws Exception {
		publish("quotes", "IBM", "{\"px\":1}");
		publish("quotes", "IBM", "{\"px\":2}");
		publish("quotes", "MSFT", "{\"px\":3}");
		assertThat(query("quotes")).containsExactlyInAnyOrder("IBM={\"px\":2}", "MSFT={\"px\":3}");
		BlockingQueue<Message> acks = new LinkedBlockingQueue<>();
		this.client.sowDeleteByKeys((m) -> acks.add(m.copy()), "quotes", "MSFT", 5000);
		Message stats;
		do {
			stats = TestServerFixture.poll(acks);
		}
		while (stats.getAckType() != Message.AckType.Stats);
		assertThat(stats.getRecordsDeleted()).isEqualTo(1);
		assertThat(query("quotes")).containsExactly("IBM={\"px\":2}");
	}

	@Test
	@DisplayName("what AMPS does not document is refused as not supported: no SowKey on such a topic, a SowKey on a "
			+ "topic with key fields, a SowKey outside Base64")
	void undocumentedCasesAreRefusedLoudly() {
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> publish("quotes", null, "{\"px\":1}"))
			.withMessageContaining("not supported by the AMPS test server: a publish without a SowKey");
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> publish("vans", "V1", "{\"id\":1}"))
			.withMessageContaining("whose SowKeys AMPS derives from its key fields");
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> publish("plain", "P1", "{}"))
			.withMessageContaining("which is not a SOW topic");
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> publish("quotes", "I-B-M", "{}"))
			.withMessageContaining("a SowKey with characters outside base64");
	}

}
