package org.ampsboot.test.conformance;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.AMPSException;
import com.crankuptheamps.client.exception.NameInUseException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.ampsboot.test.conformance.AmpsUnderTest.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Logons and subscription identity.
 *
 * <p>Command Reference "logon": "AMPS only allows a single logon command for each connection." ... "If an
 * application logs on with the same ClientName and authenticated user name as an existing connection, AMPS assumes
 * that the new logon is a reconnection from the existing connection and disconnects the existing connection. If an
 * application logs on with the same ClientName as an existing connection but a different authenticated user name,
 * the new logon will fail." (that page states the name rule for an instance with a transaction log: against a real
 * AMPS these tests expect one). Support article "Why does AMPS disconnect a client with a 'name in use' error?":
 * "The disconnect happens immediately".
 *
 * <p>{@code non_regex_topic} matches the topic literally: issue 12 (60East page not found in the stored docs).
 * (The same {@code sub_id} again without {@code replace}: the real client refuses that itself, "Subscription with
 * subscription id ... already exists.", so {@code SubscriptionIdTest} sends raw frames.) User
 * Guide "Replacing Subscriptions": "applications re-submit the subscription using the subscription ID of the
 * previous subscription" with the {@code replace} option.
 */
class SessionConformanceTest {

	@RegisterExtension
	final AmpsUnderTest amps = new AmpsUnderTest();

	@Test
	@DisplayName("A logon with the name and user of a live connection wins, and the earlier connection is disconnected")
	void sameNameAndUserReplacesTheEarlierConnection() throws Exception {
		Client first = this.amps.client("twin");
		CountDownLatch firstDisconnected = new CountDownLatch(1);
		first.setDisconnectHandler((client) -> firstDisconnected.countDown());
		Client second = this.amps.unconnectedClient("twin");
		second.connect(this.amps.uri());
		second.logon(AmpsUnderTest.TIMEOUT.toMillis());

		assertThat(firstDisconnected.await(AmpsUnderTest.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
			.as("the earlier connection is disconnected")
			.isTrue();
		String topic = this.amps.topic("session-orders");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		second.subscribe((message) -> received.add(message.copy()), topic, AmpsUnderTest.TIMEOUT.toMillis());
		second.publish(topic, "{\"id\":1}");
		assertThat(poll(received).getData()).isEqualTo("{\"id\":1}");
	}

	@Test
	@DisplayName("A logon with the name of a live connection of another user fails with 'name in use'")
	void sameNameOtherUserIsRefused() throws Exception {
		Client alice = this.amps.unconnectedClient("shared-name");
		alice.connect(withUser(this.amps.uri(), "alice"));
		alice.logon(AmpsUnderTest.TIMEOUT.toMillis());
		Client bob = this.amps.unconnectedClient("shared-name");
		bob.connect(withUser(this.amps.uri(), "bob"));

		assertThatExceptionOfType(NameInUseException.class)
			.isThrownBy(() -> bob.logon(AmpsUnderTest.TIMEOUT.toMillis()));

		String topic = this.amps.topic("session-still-alice");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		alice.subscribe((message) -> received.add(message.copy()), topic, AmpsUnderTest.TIMEOUT.toMillis());
		alice.publish(topic, "{\"still\":\"alice\"}");
		assertThat(poll(received).getData()).isEqualTo("{\"still\":\"alice\"}");
	}

	@Test
	@DisplayName("A second logon on one connection is refused")
	void secondLogonOnOneConnectionIsRefused() throws Exception {
		Client client = this.amps.client("logs-on-twice");

		assertThatExceptionOfType(AMPSException.class)
			.isThrownBy(() -> client.logon(AmpsUnderTest.TIMEOUT.toMillis()));
		if (AmpsUnderTest.onTestServer()) {
			// the client did send the second logon: the server refused it
			this.amps.testServer("recorded frames").takeFrame("logon", AmpsUnderTest.TIMEOUT);
			assertThat(this.amps.testServer("recorded frames").takeFrame("logon", AmpsUnderTest.TIMEOUT)).isNotNull();
		}
	}

	@Test
	@DisplayName("The same sub_id with replace replaces the subscription's filter")
	void sameSubIdWithReplaceReplacesTheFilter() throws Exception {
		String topic = this.amps.topic("session-replace");
		Client client = this.amps.client("replacer");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		client.executeAsync(new Command("subscribe").setTopic(topic).setSubId("replaced").setFilter("/id = 1"),
				(message) -> received.add(message.copy()));
		client.executeAsync(new Command("subscribe").setTopic(topic)
			.setSubId("replaced")
			.setFilter("/id = 2")
			.setOptions("replace"), (message) -> received.add(message.copy()));

		client.publish(topic, "{\"id\":1}");
		client.publish(topic, "{\"id\":2}");
		assertThat(poll(received).getData()).isEqualTo("{\"id\":2}");
	}

	@Test
	@DisplayName("non_regex_topic matches the topic literally, regular-expression metacharacters and all")
	void nonRegexTopicMatchesLiterally() throws Exception {
		String literal = this.amps.topic("session.orders");
		String lookalike = literal.replace('.', 'X');
		Client client = this.amps.client("literal");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		client.executeAsync(new Command("subscribe").setTopic(literal).setOptions("non_regex_topic"),
				(message) -> received.add(message.copy()));

		client.publish(lookalike, "{\"topic\":\"lookalike\"}");
		client.publish(literal, "{\"topic\":\"literal\"}");
		Message message = poll(received);
		assertThat(message.getTopic()).isEqualTo(literal);
		assertThat(message.getData()).isEqualTo("{\"topic\":\"literal\"}");
	}

	private static String withUser(String uri, String user) {
		return uri.replaceFirst("://([^@/]*@)?", "://" + user + ":secret@");
	}

}
