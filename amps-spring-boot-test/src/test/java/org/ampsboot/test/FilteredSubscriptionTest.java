package org.ampsboot.test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.CommandId;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.BadFilterException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.ampsboot.test.TestServerFixture.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Content-filtered subscriptions with the real client, as the AMPS User Guide's "Filtering Subscriptions by
 * Content" and the client's "Content Filtering" chapter describe: the server sends only matching messages.
 */
class FilteredSubscriptionTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	final TestServerFixture fixture = new TestServerFixture();

	private AmpsTestServer server() {
		return this.fixture.server();
	}

	@Test
	@DisplayName("Only matching messages reach a filtered subscription, sids name only the matching ones "
			+ "(AMPS User Guide: Filtering Subscriptions by Content)")
	void onlyMatchingMessagesAreDelivered() throws Exception {
		Client subscriber = this.fixture.client("subscriber");
		Client publisher = this.fixture.client("publisher");
		BlockingQueue<Message> big = new LinkedBlockingQueue<>();
		BlockingQueue<Message> mom = new LinkedBlockingQueue<>();
		CommandId bigId = subscriber.subscribe((m) -> big.add(m.copy()), "orders",
				"/qty > 10 AND /sym IN ('IBM', 'MSFT')", 5000);
		CommandId momId = subscriber.subscribe((m) -> mom.add(m.copy()), "orders", "/sender = 'mom'", 5000);
		assertThat(server().takeFrame("subscribe", TIMEOUT).header("filter"))
			.isEqualTo("/qty > 10 AND /sym IN ('IBM', 'MSFT')");

		publisher.publish("orders", "{\"sym\":\"IBM\",\"qty\":5}");
		publisher.publish("orders", "{\"sym\":\"IBM\",\"qty\":50,\"sender\":\"mom\"}");
		publisher.publish("orders", "{\"sym\":\"ORCL\",\"qty\":500}");
		publisher.publish("orders", "{\"sender\":\"henry dave\"}");
		publisher.publish("orders", "{\"sym\":\"MSFT\",\"qty\":\"11\"}");
		publisher.publishFlush(5000);

		Message first = poll(big);
		assertThat(first.getData()).isEqualTo("{\"sym\":\"IBM\",\"qty\":50,\"sender\":\"mom\"}");
		assertThat(first.getSubIds()).isEqualTo(bigId + "," + momId);
		assertThat(poll(big).getData()).isEqualTo("{\"sym\":\"MSFT\",\"qty\":\"11\"}");
		assertThat(poll(mom).getData()).contains("\"sender\":\"mom\"");
		assertThat(big).isEmpty();
		assertThat(mom).isEmpty();
	}

	@Test
	@DisplayName("A filter the server cannot parse is a 'bad filter' failure: BadFilterException "
			+ "(AMPS Command Reference: ack messages, reason bad filter)")
	void unparsableFilterIsBadFilter() throws Exception {
		try (LogCapture logs = new LogCapture()) {
			Client client = this.fixture.client("app");
			assertThatExceptionOfType(BadFilterException.class)
				.isThrownBy(() -> client.subscribe((m) -> {
				}, "orders", "/qty >", 5000))
				.withMessageContaining("/qty >");
			assertThat(logs.text()).contains("refused with 'bad filter'").contains("at position 6");
			// the connection goes on working
			BlockingQueue<Message> received = new LinkedBlockingQueue<>();
			client.subscribe((m) -> received.add(m.copy()), "orders", "/qty > 1", 5000);
			client.publish("orders", "{\"qty\":2}");
			assertThat(poll(received).getData()).isEqualTo("{\"qty\":2}");
		}
	}

	@Test
	@DisplayName("A valid AMPS filter the server does not implement is refused loudly: its reason names it, one WARN line")
	void unimplementedFilterIsRefusedWithOneWarning() throws Exception {
		try (LogCapture logs = new LogCapture()) {
			Client client = this.fixture.client("app");
			assertThatExceptionOfType(com.crankuptheamps.client.exception.AMPSException.class)
				.isThrownBy(() -> client.subscribe((m) -> {
				}, "orders", "REGEXP_MATCH(/sym, 'I')", 5000))
				.withMessageContaining("not supported by the AMPS test server: filter function REGEXP_MATCH");
			assertThat(logs.warnings()).hasSize(1)
				.first()
				.asString()
				.contains("not supported by the AMPS test server: filter function REGEXP_MATCH");
		}
	}

}
