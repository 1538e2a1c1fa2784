package org.ampsboot.test;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test server's one check of options and headers, and its ack rules, seen on the wire: what a command does not
 * accept is refused loudly (a failure ack {@code not supported by the AMPS test server: ...} naming it, one WARN
 * line); failure acks of commands other than publish go only to the requested ack types (Command Reference "ack:
 * Status from Server": "AMPS does not create ack messages unless an acknowledgment is specifically requested"),
 * while a publish's failure ack comes even unrequested (client guides, "Unexpected Messages": "if a client
 * publishes a message that AMPS cannot parse, AMPS returns a failure acknowledgment").
 */
class CommandOptionsTest {

	private static final String NOT_SUPPORTED = "not supported by the AMPS test server: ";

	@Test
	@DisplayName("The timestamp option is refused loudly (its header format is not documented in the stored pages)")
	void timestampOptionIsRefusedLoudly() throws Exception {
		try (LogCapture logs = new LogCapture();
				AmpsTestServer server = new AmpsTestServer().start();
				RawAmpsClient raw = new RawAmpsClient(server)) {
			raw.logon("stamps");
			raw.send("{\"c\":\"subscribe\",\"cid\":\"s1\",\"t\":\"orders\",\"sub_id\":\"s1\",\"a\":\"processed\","
					+ "\"opts\":\"oof,timestamp\"}", "");
			RawAmpsClient.Frame ack = raw.read();
			assertThat(ack.get("status")).isEqualTo("failure");
			assertThat(ack.get("cid")).isEqualTo("s1");
			assertThat(ack.get("reason")).isEqualTo(NOT_SUPPORTED + "option 'timestamp' on 'subscribe'");
			assertThat(logs.warnings()).singleElement().asString().contains("option 'timestamp' on 'subscribe'");
		}
	}

	@Test
	@DisplayName("An option AMPS does not document is refused loudly as an unknown option, even without an ack request")
	void unknownOptionIsRefusedLoudly() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start(); RawAmpsClient raw = new RawAmpsClient(server)) {
			raw.logon("garbage");
			raw.send("{\"c\":\"sow_delete\",\"cid\":\"d1\",\"t\":\"orders\",\"filter\":\"1=1\",\"opts\":\"frobnicate=3\"}",
					"");
			RawAmpsClient.Frame ack = raw.read();
			assertThat(ack.get("a")).isEqualTo("processed");
			assertThat(ack.get("status")).isEqualTo("failure");
			assertThat(ack.get("reason")).isEqualTo(NOT_SUPPORTED + "unknown option 'frobnicate' on 'sow_delete'");
		}
	}

	@Test
	@DisplayName("An option documented for another command is refused on this one, naming the command")
	void optionOfAnotherCommandIsRefused() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start(); RawAmpsClient raw = new RawAmpsClient(server)) {
			raw.logon("misplaced");
			raw.send("{\"c\":\"p\",\"t\":\"orders\",\"cid\":\"p1\",\"a\":\"processed\",\"opts\":\"replace\"}", "{}");
			assertThat(raw.read().get("reason")).isEqualTo(NOT_SUPPORTED + "option 'replace' on 'p'");
		}
	}

	@Test
	@DisplayName("A header the server does not act on for the command is refused loudly")
	void unimplementedHeaderIsRefusedLoudly() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start(); RawAmpsClient raw = new RawAmpsClient(server)) {
			raw.logon("headers");
			raw.send("{\"c\":\"subscribe\",\"cid\":\"s1\",\"t\":\"orders\",\"a\":\"processed\",\"data_only\":\"true\"}",
					"");
			assertThat(raw.read().get("reason")).isEqualTo(NOT_SUPPORTED + "header 'data_only' on 'subscribe'");
			raw.send("{\"c\":\"sow\",\"cid\":\"q1\",\"t\":\"orders\",\"a\":\"processed\",\"e\":30}", "");
			assertThat(raw.read().get("reason")).isEqualTo(NOT_SUPPORTED + "header 'e' on 'sow'");
		}
	}

	@Test
	@DisplayName("Accepted options pass the check, including a bracketed select list with commas inside")
	void acceptedOptionsPass() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start(); RawAmpsClient raw = new RawAmpsClient(server)) {
			raw.logon("accepted");
			raw.send("{\"c\":\"delta_subscribe\",\"cid\":\"s1\",\"t\":\"orders\",\"a\":\"processed\","
					+ "\"opts\":\"no_empties, send_keys\"}", "");
			RawAmpsClient.Frame ack = raw.read();
			assertThat(ack.get("status")).isEqualTo("success");
		}
	}

	@Test
	@DisplayName("A failed subscribe that requested no ack gets none; a failed publish that requested none gets one")
	void failureAcksFollowTheRequestedTypesExceptForPublish() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start(); RawAmpsClient raw = new RawAmpsClient(server)) {
			raw.logon("acks");
			raw.send("{\"c\":\"subscribe\",\"cid\":\"bad\",\"t\":\"orders\",\"filter\":\"/a = = 1\"}", "");
			raw.send("{\"c\":\"flush\",\"cid\":\"f1\",\"a\":\"processed\"}", "");
			RawAmpsClient.Frame next = raw.read();
			assertThat(next.get("cid")).as("the first frame back is the flush's ack").isEqualTo("f1");
			raw.send("{\"c\":\"p\",\"t\":\"orders\"}", "{not json");
			RawAmpsClient.Frame publishAck = raw.read();
			assertThat(publishAck.get("status")).isEqualTo("failure");
			assertThat(publishAck.get("a")).isEqualTo("processed");
			assertThat(publishAck.get("reason")).isEqualTo("parse error");
		}
	}

	@Test
	@DisplayName("A bad subscribe that requested processed and completed gets a failure for both")
	void failureGoesToEveryRequestedType() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start(); RawAmpsClient raw = new RawAmpsClient(server)) {
			raw.logon("both");
			raw.send("{\"c\":\"subscribe\",\"cid\":\"bad\",\"t\":\"(orders\",\"a\":\"processed,completed\"}", "");
			List<String> types = List.of(raw.read().get("a"), raw.read().get("a"));
			assertThat(types).containsExactly("processed", "completed");
		}
	}

}
