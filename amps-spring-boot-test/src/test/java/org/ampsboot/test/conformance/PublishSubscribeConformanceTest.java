package org.ampsboot.test.conformance;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.CommandId;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.ampsboot.test.conformance.AmpsUnderTest.poll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publish and subscribe, as the AMPS User Guide's "Publish and Subscribe" chapter describes: a message published
 * to a topic reaches every subscription to that topic, once per connection, with the ids of the subscriptions it
 * matched.
 */
class PublishSubscribeConformanceTest {

	@RegisterExtension
	final AmpsUnderTest amps = new AmpsUnderTest();

	@Test
	void publishReachesEverySubscriptionToItsTopicWithItsSubId() throws Exception {
		String orders = this.amps.topic("conformance-orders");
		Client subscriber = this.amps.client("subscriber");
		Client publisher = this.amps.client("publisher");
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		CommandId subId = subscriber.subscribe((message) -> received.add(message.copy()), orders, 5000);

		publisher.publish(orders, "{\"id\":1}");

		Message message = poll(received);
		assertThat(message.getTopic()).isEqualTo(orders);
		assertThat(message.getData()).isEqualTo("{\"id\":1}");
		assertThat(message.getSubIds()).isEqualTo(subId.toString());
	}

}
