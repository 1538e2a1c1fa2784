package org.ampsboot.test.conformance;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.AMPSException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.ampsboot.test.conformance.AmpsUnderTest.poll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test server's loud refusal of what it does not implement on a queue: a failure ack whose reason is
 * {@code not supported by the AMPS test server: <what>}. Test server only.
 */
class QueueRefusalTest {

	private static final String JOBS = "jobs";

	@RegisterExtension
	final AmpsUnderTest amps = new AmpsUnderTest();

	@BeforeEach
	void declareQueue() {
		this.amps.queue(JOBS, Duration.ofSeconds(30));
	}

	/** The reason of the command's failure: from the exception the client throws, or from its processed ack. */
	private static String refusal(Client client, Command command) throws Exception {
		BlockingQueue<Message> acks = new LinkedBlockingQueue<>();
		command.addAckType(Message.AckType.Processed);
		try {
			client.executeAsync(command, (m) -> {
				if (m.getCommand() == Message.Command.Ack) {
					acks.add(m.copy());
				}
			});
		}
		catch (AMPSException ex) {
			return ex.getMessage();
		}
		Message ack = poll(acks);
		return ack.getReasonText();
	}

	@Test
	void sowAndSubscribeOnAQueueIsRefusedLoudly() throws Exception {
		this.amps.testServer("the loud refusal is the test server's own");
		Client client = this.amps.client("refused");
		assertThat(refusal(client, new Command(Message.Command.SOWAndSubscribe).setTopic(JOBS)))
			.contains("not supported by the AMPS test server: 'sow_and_subscribe' on a queue");
	}

	@Test
	void orderByAndSowKeysInAQueryOfAQueueAreRefusedLoudly() throws Exception {
		this.amps.testServer("the loud refusal is the test server's own");
		Client client = this.amps.client("refused");
		assertThat(refusal(client, new Command(Message.Command.SOW).setTopic(JOBS).setOrderBy("/job")))
			.contains("not supported by the AMPS test server: 'orderby' in a query of a queue");
		assertThat(refusal(client, new Command(Message.Command.SOW).setTopic(JOBS).setSowKeys("1")))
			.contains("not supported by the AMPS test server: 'sow_keys' in a query of a queue");
	}

	@Test
	void anExpirationOnAPublishToAQueueIsRefusedLoudly() throws Exception {
		this.amps.testServer("the loud refusal is the test server's own");
		Client client = this.amps.client("refused");
		assertThat(refusal(client, new Command(Message.Command.Publish).setTopic(JOBS).setData("{\"job\":1}")
			.setExpiration(60)))
			.contains("not supported by the AMPS test server: an expiration ('e') on a publish to a queue");
		assertThat(this.amps.testServer("queue contents").queueContents(JOBS)).isEmpty();
	}

	@Test
	void deleteByFilterAndUnknownAckOptionsOnAQueueAreRefusedLoudly() throws Exception {
		this.amps.testServer("the loud refusal is the test server's own");
		Client client = this.amps.client("refused");
		assertThat(refusal(client, new Command(Message.Command.SOWDelete).setTopic(JOBS).setFilter("/job = 1")))
			.contains("not supported by the AMPS test server: 'sow_delete' by filter, keys or data on a queue");
		assertThat(refusal(client,
				new Command(Message.Command.SOWDelete).setTopic(JOBS).setBookmark("1|1|").setOptions("teleport")))
			.contains("not supported by the AMPS test server: unknown option 'teleport' on 'sow_delete'");
	}

}
