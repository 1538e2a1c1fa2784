package org.ampsboot.test;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscription identity on one connection, with raw frames (the real AMPS client refuses a duplicate sub id
 * itself, before AMPS sees it): the same {@code sub_id} again without {@code replace} is refused with
 * {@code subid in use}, not silently replaced (issue 12; 60East page not found in the stored docs); with
 * {@code replace} it replaces (User Guide "Replacing Subscriptions": "applications re-submit the subscription using
 * the subscription ID of the previous subscription").
 */
class SubscriptionIdTest {

	@Test
	@DisplayName("The same sub_id again without replace is refused and the first subscription is kept")
	void sameSubIdWithoutReplaceIsRefused() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start(); RawAmpsClient raw = new RawAmpsClient(server)) {
			raw.logon("subids");
			raw.send("{\"c\":\"subscribe\",\"cid\":\"1\",\"t\":\"orders\",\"sub_id\":\"s\",\"a\":\"processed\"}", "");
			assertThat(raw.read().get("status")).isEqualTo("success");
			raw.send("{\"c\":\"subscribe\",\"cid\":\"2\",\"t\":\"orders\",\"sub_id\":\"s\",\"a\":\"processed\","
					+ "\"filter\":\"/id = 2\"}", "");
			RawAmpsClient.Frame refused = raw.read();
			assertThat(refused.get("cid")).isEqualTo("2");
			assertThat(refused.get("status")).isEqualTo("failure");
			assertThat(refused.get("reason")).isEqualTo("subid in use");

			raw.send("{\"c\":\"p\",\"t\":\"orders\"}", "{\"id\":1}");
			RawAmpsClient.Frame delivered = raw.read();
			assertThat(delivered.get("sids")).isEqualTo("s");
			assertThat(delivered.payload()).isEqualTo("{\"id\":1}");
		}
	}

	@Test
	@DisplayName("The same sub_id with replace replaces the subscription")
	void sameSubIdWithReplaceReplaces() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start(); RawAmpsClient raw = new RawAmpsClient(server)) {
			raw.logon("replacing");
			raw.send("{\"c\":\"subscribe\",\"cid\":\"1\",\"t\":\"orders\",\"sub_id\":\"s\",\"a\":\"processed\"}", "");
			assertThat(raw.read().get("status")).isEqualTo("success");
			raw.send("{\"c\":\"subscribe\",\"cid\":\"2\",\"t\":\"orders\",\"sub_id\":\"s\",\"a\":\"processed\","
					+ "\"filter\":\"/id = 2\",\"opts\":\"replace\"}", "");
			assertThat(raw.read().get("status")).isEqualTo("success");

			raw.send("{\"c\":\"p\",\"t\":\"orders\"}", "{\"id\":1}");
			raw.send("{\"c\":\"p\",\"t\":\"orders\"}", "{\"id\":2}");
			assertThat(raw.read().payload()).isEqualTo("{\"id\":2}");
		}
	}

}
