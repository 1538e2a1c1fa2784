package org.ampsboot.test.conformance;

import java.util.ArrayList;
import java.util.List;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageStream;
import com.crankuptheamps.client.exception.AMPSException;
import org.ampsboot.test.AmpsTestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The test server's own State of the World behaviour: its query order without {@code orderby} (AMPS leaves it
 * undefined) and its loud refusals ({@code not supported by the AMPS test server: <what>}) of query and delivery
 * options it does not implement in that combination. Test server only.
 */
class SowRefusalTest {

	@RegisterExtension
	final AmpsUnderTest amps = new AmpsUnderTest();

	private Client client() throws Exception {
		this.amps.testServer("the order and the loud refusals are the test server's own");
		this.amps.sowTopic("orders", "/id");
		return this.amps.client("refused");
	}

	private static String refusal(Client client, Command command) {
		AMPSException refused = catchThrowableOfType(AMPSException.class, () -> {
			try (MessageStream stream = client.execute(command)) {
				for (Message message : stream) {
					message.getCommand();
				}
			}
		});
		assertThat(refused).as("refusal of %s", command).isNotNull();
		return refused.getMessage();
	}

	@Test
	@DisplayName("Without orderby, a query does not return records in publish order (AMPS documents no order)")
	void queryOrderWithoutOrderByIsNotPublishOrder() throws Exception {
		Client client = client();
		AmpsTestServer server = this.amps.testServer("order");
		List<String> published = new ArrayList<>();
		for (int id = 1; id <= 6; id++) {
			published.add("{\"id\":" + id + "}");
			client.publish("orders", "{\"id\":" + id + "}");
		}
		client.publishFlush(AmpsUnderTest.TIMEOUT.toMillis());
		List<String> returned = new ArrayList<>();
		try (MessageStream stream = client.sow("orders")) {
			for (Message message : stream) {
				if (message.getCommand() == Message.Command.SOW) {
					returned.add(message.getData());
				}
			}
		}
		assertThat(returned).containsExactlyInAnyOrderElementsOf(published).isNotEqualTo(published);
		assertThat(server.sowRecords("orders")).isEqualTo(published);
	}

	@Test
	void oofOnAPlainSubscribeIsRefusedLoudly() throws Exception {
		Client client = client();
		assertThat(refusal(client, new Command("subscribe").setTopic("orders").setOptions("oof")))
			.contains("not supported by the AMPS test server: oof on a subscription without a SOW query");
	}

	@Test
	void oofOnASowAndSubscribeToATopicWithoutASowIsRefusedLoudly() throws Exception {
		Client client = client();
		assertThat(refusal(client, new Command("sow_and_subscribe").setTopic("ticks").setOptions("oof")))
			.contains("not supported by the AMPS test server: oof on a topic that is not a SOW topic");
	}

	@Test
	void skipNWithoutTopNAndPaginatedSubscriptionsAreRefusedLoudly() throws Exception {
		Client client = client();
		assertThat(refusal(client, new Command("sow").setTopic("orders").setOptions("skip_n=2")))
			.contains("not supported by the AMPS test server: skip_n without top_n");
		assertThat(refusal(client,
				new Command("sow_and_subscribe").setTopic("orders").setOrderBy("/id").setOptions("top_n=2,skip_n=2")))
			.contains("not supported by the AMPS test server: paginated subscription");
	}

	@Test
	void anOrderByHintOtherThanTextIsRefusedLoudly() throws Exception {
		Client client = client();
		assertThat(refusal(client, new Command("sow").setTopic("orders").setOrderBy("/id NUMERIC")))
			.contains("not supported by the AMPS test server: orderby '/id NUMERIC'");
	}

	@Test
	void aSelectListOnATopicWithoutASowOrOnADeltaSubscriptionIsRefusedLoudly() throws Exception {
		Client client = client();
		assertThat(refusal(client, new Command("subscribe").setTopic("ticks").setOptions("select=[+/id]")))
			.contains("not supported by the AMPS test server: select list on a topic that is not a SOW topic");
		assertThat(refusal(client, new Command("delta_subscribe").setTopic("orders").setOptions("select=[+/id]")))
			.contains("not supported by the AMPS test server: select list on a delta subscription");
		assertThat(refusal(client, new Command("sow").setTopic("orders").setOptions("select=[id]")))
			.contains("not supported by the AMPS test server: select list '[id]'");
	}

}
