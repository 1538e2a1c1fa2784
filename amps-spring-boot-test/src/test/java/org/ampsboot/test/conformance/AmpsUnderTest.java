package org.ampsboot.test.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.AMPSException;
import org.ampsboot.test.AmpsTestServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AMPS a conformance test runs against: by default a fresh {@link AmpsTestServer} for each test; when the
 * environment variable {@code AMPS_URI} is set (for example {@code tcp://amps-host:9007/amps/json}), that real
 * AMPS instead. A conformance test drives the server only through the real AMPS client (or raw frames) and asserts
 * what 60East documents, so the same test passes against both.
 *
 * <p>Set-up that only the test server needs (declaring a SOW topic, a queue, a transaction log) goes through
 * {@link #sowTopic(String, String...)}, {@link #queue(String, Duration)} and {@link #transactionLog(String...)}:
 * on the test server they configure it; against a real AMPS they are skipped, and the configuration the test
 * expects of that AMPS is logged (and listed in {@code docs/test-server.md}, "Conformance"). SOW topics are
 * emptied before each test on a real AMPS, whose records outlive a run. Plain topics from {@link #topic(String)}
 * get a suffix unique to the run on a real AMPS, so that runs do not see each other's messages.
 *
 * <p>Register with {@code @RegisterExtension}; clients it made are closed after each test, then the server.
 */
public final class AmpsUnderTest implements BeforeEachCallback, AfterEachCallback {

	private static final Logger log = LoggerFactory.getLogger(AmpsUnderTest.class);

	/** How long a test waits for a message or an ack it expects. */
	public static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final String REAL_AMPS_URI = System.getenv("AMPS_URI");

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private final List<Client> clients = new ArrayList<>();

	private final Set<String> sowTopics = new LinkedHashSet<>();

	private AmpsTestServer server;

	private boolean started;

	/** Whether the tests run against the test server (no {@code AMPS_URI}). */
	public static boolean onTestServer() {
		return REAL_AMPS_URI == null || REAL_AMPS_URI.isBlank();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.started = false;
		if (onTestServer()) {
			this.server = new AmpsTestServer();
		}
		else {
			log.info("Conformance test {} runs against the real AMPS at {}", context.getDisplayName(),
					REAL_AMPS_URI.replaceAll("//[^@/]*@", "//"));
		}
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
			this.sowTopics.clear();
			if (this.server != null) {
				this.server.close();
				this.server = null;
			}
		}
	}

	/**
	 * Declares a SOW topic keyed by these paths on the test server; on a real AMPS expects it to be configured
	 * so, and deletes its records when the first client connects.
	 */
	public AmpsUnderTest sowTopic(String topic, String... keyPaths) {
		if (this.server != null) {
			this.server.sowTopic(topic, keyPaths);
		}
		else {
			log.info("Expects AMPS to have the SOW topic '{}' (JSON) keyed by {}", topic, String.join(", ", keyPaths));
		}
		this.sowTopics.add(topic);
		return this;
	}

	/** Declares a queue on the test server; on a real AMPS expects it to be configured with this lease period. */
	public AmpsUnderTest queue(String topic, Duration leasePeriod) {
		if (this.server != null) {
			this.server.queue(topic, leasePeriod);
		}
		else {
			log.info("Expects AMPS to have the queue '{}' with a lease period of {}", topic, leasePeriod);
		}
		return this;
	}

	/**
	 * Records these topics (names or regular expressions) in the test server's transaction log; on a real AMPS
	 * expects its {@code TransactionLog} to record them (for plain topics from {@link #topic(String)}: their names
	 * with any run suffix).
	 */
	public AmpsUnderTest transactionLog(String... topicPatterns) {
		if (this.server != null) {
			this.server.transactionLog(topicPatterns);
		}
		else {
			log.info("Expects AMPS to record the topics {} in its transaction log", String.join(", ", topicPatterns));
		}
		return this;
	}

	/** A plain topic's name for this test: the name itself on the test server, with a run suffix on a real AMPS. */
	public String topic(String name) {
		return onTestServer() ? name : name + "-" + RUN;
	}

	/** The test server, for a step only it has (recorded frames, faults); skips the test against a real AMPS. */
	public AmpsTestServer testServer(String why) {
		Assumptions.assumeTrue(onTestServer(), () -> "needs the AMPS test server: " + why);
		return started();
	}

	/** The URI clients connect to. */
	public String uri() {
		return onTestServer() ? started().uri() : REAL_AMPS_URI;
	}

	/** A client name unique to this run (a second logon with a name in use replaces the first connection, or fails for another user). */
	public String clientName(String name) {
		return onTestServer() ? name : "conformance-" + name + "-" + RUN;
	}

	/** A new client, connected and logged on, closed after the test. */
	public Client client(String name) throws AMPSException {
		Client client = new Client(clientName(name));
		this.clients.add(client);
		client.connect(uri());
		client.logon(TIMEOUT.toMillis());
		clearSowTopicsOnce(client);
		return client;
	}

	/** A new client, not connected, closed after the test. */
	public Client unconnectedClient(String name) {
		Client client = new Client(clientName(name));
		this.clients.add(client);
		return client;
	}

	private AmpsTestServer started() {
		if (!this.started) {
			this.server.start();
			this.started = true;
		}
		return this.server;
	}

	private void clearSowTopicsOnce(Client client) throws AMPSException {
		if (onTestServer() || this.sowTopics.isEmpty()) {
			return;
		}
		for (String topic : this.sowTopics) {
			client.sowDelete(topic, "1=1", TIMEOUT.toMillis());
		}
		this.sowTopics.clear();
	}

	/** The next message of the queue, failing the test if none arrives within {@link #TIMEOUT}. */
	public static Message poll(BlockingQueue<Message> queue) throws InterruptedException {
		Message message = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(message).as("message within " + TIMEOUT).isNotNull();
		return message;
	}

}
