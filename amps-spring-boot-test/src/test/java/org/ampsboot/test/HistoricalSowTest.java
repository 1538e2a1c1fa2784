package org.ampsboot.test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

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
import static org.awaitility.Awaitility.await;

/**
 * Historical SOW queries with the real client, checked against the User Guide's "Historical SOW Topic Queries" (a
 * {@code sow} whose Bookmark header is a bookmark or a timestamp returns "the state of messages in a topic as they
 * existed at a specific point in time", on topics with History) and the SOW cookbook ("This command is only
 * supported on SOW topics that have History enabled").
 */
class HistoricalSowTest {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS")
		.withZone(ZoneOffset.UTC);

	@RegisterExtension
	final TestServerFixture fixture = new TestServerFixture((server) -> server.sowTopic("prices", "/sym")
		.sowHistory("prices")
		.transactionLog("prices")
		.sowTopic("plain", "/id"));

	private Client client;

	@BeforeEach
	void start() throws Exception {
		this.client = this.fixture.client("historian");
	}

	private void publish(String topic, String data) throws Exception {
		this.client.executeAsync(new Command("publish").setTopic(topic).setData(data)
			.setAckType(Message.AckType.Processed), null);
	}

	private List<Message> query(String topic, String bookmark) throws Exception {
		Command command = new Command("sow").setTopic(topic);
		if (bookmark != null) {
			command.setBookmark(bookmark);
		}
		List<Message> records = new ArrayList<>();
		try (MessageStream stream = this.client.execute(command)) {
			for (Message message : stream) {
				if (message.getCommand() == Message.Command.SOW) {
					records.add(message.copy());
				}
			}
		}
		return records;
	}

	private static List<String> data(List<Message> records) {
		return records.stream().map(Message::getData).sorted().toList();
	}

	@Test
	@DisplayName("a query as of a bookmark returns the records as they were after that message (Historical SOW Topic "
			+ "Queries)")
	void asOfABookmark() throws Exception {
		publish("prices", "{\"sym\":\"IBM\",\"px\":1}");
		publish("prices", "{\"sym\":\"MSFT\",\"px\":5}");
		String afterFirstTwo = query("prices", null).stream().map(Message::getBookmark).max(String::compareTo)
			.orElseThrow();
		publish("prices", "{\"sym\":\"IBM\",\"px\":2}");
		publish("prices", "{\"sym\":\"AAPL\",\"px\":9}");
		this.client.sowDelete("prices", "/sym = 'MSFT'", 5000);
		assertThat(data(query("prices", null))).containsExactly("{\"sym\":\"AAPL\",\"px\":9}",
				"{\"sym\":\"IBM\",\"px\":2}");
		assertThat(data(query("prices", afterFirstTwo))).containsExactly("{\"sym\":\"IBM\",\"px\":1}",
				"{\"sym\":\"MSFT\",\"px\":5}");
	}

	@Test
	@DisplayName("a query as of a timestamp (UTC) returns the records as they were then")
	void asOfATimestamp() throws Exception {
		publish("prices", "{\"sym\":\"IBM\",\"px\":1}");
		long before = System.currentTimeMillis();
		String then = TIMESTAMP.format(Instant.ofEpochMilli(before));
		await().until(() -> System.currentTimeMillis() > before);
		publish("prices", "{\"sym\":\"IBM\",\"px\":2}");
		assertThat(data(query("prices", then))).containsExactly("{\"sym\":\"IBM\",\"px\":1}");
		assertThat(data(query("prices", "20000101T000000Z"))).isEmpty();
	}

	@Test
	@DisplayName("what the stored pages do not document is refused loudly: a topic without history, a list of "
			+ "bookmarks, a historical query and subscribe")
	void undocumentedCasesAreRefused() {
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> query("plain", "20260101T000000"))
			.withMessageContaining("not supported by the AMPS test server: a historical query")
			.withMessageContaining("which keeps no history");
		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> query("prices", "20260101T000000,20260102T000000"))
			.withMessageContaining("not supported by the AMPS test server");
		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> this.client.execute(new Command("sow_and_subscribe").setTopic("prices")
				.setBookmark("20260101T000000")))
			.withMessageContaining("a historical query and subscribe");
	}

}
