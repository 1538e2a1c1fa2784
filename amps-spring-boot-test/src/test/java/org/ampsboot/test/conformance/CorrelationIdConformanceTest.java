package org.ampsboot.test.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.ampsboot.test.conformance.AmpsUnderTest.poll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The correlation id a publisher sets travels to subscribers, as 60East documents it: Command Reference "publish:
 * Content from Server" ("A publisher-provided string that is passed, verbatim, to subscribers") and the FAQ "Can I
 * add a correlation token to the header of a message?" ("SOW queries return the CorrelationId for the current state
 * of the message", "Delta publish messages update the CorrelationId if the delta publish contains the
 * CorrelationId").
 */
class CorrelationIdConformanceTest {

	@RegisterExtension
	final AmpsUnderTest amps = new AmpsUnderTest();

	private static Command publish(String topic, String data, String correlationId) {
		Command command = new Command("publish").setTopic(topic).setData(data);
		return (correlationId != null) ? command.setCorrelationId(correlationId) : command;
	}

	@Test
	void aSubscriberReceivesThePublishersCorrelationIdVerbatim() throws Exception {
		String topic = this.amps.topic("conformance-correlated");
		Client subscriber = this.amps.client("subscriber");
		Client publisher = this.amps.client("publisher");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		subscriber.subscribe((message) -> received.add(message.copy()), topic, 5000);

		publisher.executeAsync(publish(topic, "{\"id\":1}", "b3JkZXItMQ=="), null);
		publisher.executeAsync(publish(topic, "{\"id\":2}", null), null);

		assertThat(poll(received).getCorrelationId()).isEqualTo("b3JkZXItMQ==");
		assertThat(poll(received).getCorrelationId()).as("no correlation id when the publish had none").isNullOrEmpty();
	}

	@Test
	void aSowRecordKeepsTheCorrelationIdOfItsCurrentStateAndADeltaWithOneUpdatesIt() throws Exception {
		this.amps.sowTopic("conformance-correlated-sow", "/id");
		Client subscriber = this.amps.client("subscriber");
		Client publisher = this.amps.client("publisher");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		subscriber.subscribe((message) -> received.add(message.copy()), "conformance-correlated-sow", 5000);

		publisher.executeAsync(publish("conformance-correlated-sow", "{\"id\":1,\"qty\":1}", "first"), null);
		publisher.executeAsync(new Command("delta_publish").setTopic("conformance-correlated-sow")
			.setData("{\"id\":1,\"qty\":2}"), null);
		assertThat(poll(received).getCorrelationId()).isEqualTo("first");
		assertThat(poll(received).getCorrelationId()).as("a delta without one keeps the record's").isEqualTo("first");
		assertThat(sowCorrelationIds(subscriber)).containsExactly("first");

		publisher.executeAsync(new Command("delta_publish").setTopic("conformance-correlated-sow")
			.setData("{\"id\":1,\"qty\":3}")
			.setCorrelationId("second"), null);
		assertThat(poll(received).getCorrelationId()).isEqualTo("second");
		assertThat(sowCorrelationIds(subscriber)).containsExactly("second");
	}

	@Test
	void aCorrelationIdWithCharactersOutsideBase64IsRefusedLoudly() throws Exception {
		this.amps.testServer("what AMPS answers is not documented; the refusal is the test server's own");
		Client publisher = this.amps.client("publisher");
		BlockingQueue<Message> unexpected = new LinkedBlockingQueue<>();
		publisher.setLastChanceMessageHandler((message) -> unexpected.add(message.copy()));

		publisher.executeAsync(publish(this.amps.topic("conformance-correlated"), "{}", "not base64!"), null);

		Message ack = poll(unexpected);
		assertThat(ack.getStatus()).isEqualTo(Message.Status.Failure);
		assertThat(ack.getReasonText())
			.isEqualTo("not supported by the AMPS test server: a correlation id with characters outside base64");
	}

	private static List<String> sowCorrelationIds(Client client) throws Exception {
		List<String> ids = new ArrayList<>();
		try (MessageStream stream = client.execute(new Command("sow").setTopic("conformance-correlated-sow"))) {
			for (Message message : stream) {
				if (message.getCommand() == Message.Command.SOW) {
					ids.add(message.getCorrelationId());
				}
			}
		}
		return ids;
	}

}
