package org.ampsboot.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.AMPSException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the protocol tests share: a test server started for each test, real clients connected and logged on to
 * it, and all of them closed after the test, the clients first. Register it with
 * {@code @RegisterExtension}.
 */
final class TestServerFixture implements BeforeEachCallback, AfterEachCallback {

	private final UnaryOperator<AmpsTestServer> configuration;

	private final List<Client> clients = new ArrayList<>();

	private AmpsTestServer server;

	/** A fixture whose server has the default configuration. */
	TestServerFixture() {
		this(UnaryOperator.identity());
	}

	/**
	 * A fixture whose server is configured (topics, queues) before it starts.
	 * @param configuration applied to a new server, not yet started
	 */
	TestServerFixture(UnaryOperator<AmpsTestServer> configuration) {
		this.configuration = configuration;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.server = this.configuration.apply(new AmpsTestServer()).start();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		try {
			for (Client client : this.clients) {
				client.close();
			}
		}
		finally {
			this.clients.clear();
			this.server.close();
		}
	}

	/** The running server of the current test. */
	AmpsTestServer server() {
		return this.server;
	}

	/** A client connected and logged on to the server, closed after the test. */
	Client client(String name) throws AMPSException {
		return closeAfterTest(Clients.connected(this.server, name));
	}

	/** Closes the client after the test, with the others. */
	<T extends Client> T closeAfterTest(T client) {
		this.clients.add(client);
		return client;
	}

	/** The next message of the queue, failing the test if none arrives within 5 seconds. */
	static Message poll(BlockingQueue<Message> queue) throws InterruptedException {
		Message message = queue.poll(5, TimeUnit.SECONDS);
		assertThat(message).as("message within 5 s").isNotNull();
		return message;
	}

}
