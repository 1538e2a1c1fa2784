package org.ampsboot.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscriber that does not read: the server's writes to it block (TCP back-pressure), so the publisher's
 * connection stops being read and the publisher is held up, instead of the server buffering without bound; and the
 * heartbeats of other connections go on meanwhile.
 */
class SlowSubscriberTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final int PAYLOAD = 16 * 1024;

	/** Far more than the socket buffers between the publisher and the subscriber can hold. */
	private static final long BOUND = 64L * 1024 * 1024;

	@Test
	void aSubscriberThatDoesNotReadHoldsUpThePublisherInsteadOfFillingTheHeap() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().recordFrames(0).start();
				RawAmpsClient subscriber = new RawAmpsClient(server);
				RawAmpsClient publisher = new RawAmpsClient(server)) {
			subscribe(subscriber, "slow");
			publisher.logon("fast");
			Flood flood = new Flood(publisher);
			flood.start();
			long heldAt = flood.awaitHeldUp();
			assertThat(heldAt).isLessThan(BOUND);

			flood.finish();
			long delivered = 0;
			while (delivered < flood.frames()) { // reading lets everything through, in order
				RawAmpsClient.Frame frame = subscriber.read();
				assertThat(frame.get("c")).isEqualTo("p");
				assertThat(frame.payload()).hasSize(PAYLOAD);
				delivered++;
				if (delivered == flood.frames()) {
					flood.join(); // the publisher's last write may complete only now
				}
			}
			assertThat(delivered).isEqualTo(flood.frames()).isGreaterThan(heldAt / (PAYLOAD + 100));
		}
	}

	@Test
	void heartbeatsToOtherConnectionsGoOnAndTheStuckOneTimesOut() throws Exception {
		try (LogCapture logs = new LogCapture();
				AmpsTestServer server = new AmpsTestServer().recordFrames(0).start();
				RawAmpsClient subscriber = new RawAmpsClient(server);
				RawAmpsClient publisher = new RawAmpsClient(server)) {
			subscribe(subscriber, "stuck");
			subscriber.send("{\"c\":\"heartbeat\",\"opts\":\"start,1\"}", ""); // and then neither reads nor beats
			publisher.logon("fast");
			Flood flood = new Flood(publisher);
			flood.start();
			long heldAt = flood.awaitHeldUp(); // a reader thread is now blocked writing to "stuck"
			try (RawAmpsClient other = new RawAmpsClient(server)) {
				other.logon("other");
				other.send("{\"c\":\"heartbeat\",\"opts\":\"start,1\"}", "");
				// due about a second after the one to "stuck", which cannot be written
				assertThat(other.read().get("c")).isEqualTo("heartbeat");
			}
			// two intervals without a word from "stuck": closed, and the publisher goes on
			await().atMost(TIMEOUT).until(() -> logs.warnings().stream().anyMatch((line) -> line.contains("'stuck'")));
			await().atMost(TIMEOUT).until(() -> flood.written() > heldAt);
			flood.finish();
			flood.join();
		}
	}

	private static void subscribe(RawAmpsClient client, String name) throws IOException {
		client.logon(name);
		client.send("{\"c\":\"subscribe\",\"t\":\"load\",\"cid\":\"s1\",\"sub_id\":\"s1\",\"a\":\"processed\"}", "");
		assertThat(client.read().get("status")).isEqualTo("success");
	}

	/** Publishes to "load" from its own thread as fast as the socket takes it, counting what was written. */
	private static final class Flood extends Thread {

		private final RawAmpsClient publisher;

		private final byte[] frame;

		private final AtomicLong written = new AtomicLong();

		private final AtomicLong frames = new AtomicLong();

		private final AtomicBoolean stop = new AtomicBoolean();

		Flood(RawAmpsClient publisher) {
			super("flood");
			setDaemon(true);
			this.publisher = publisher;
			byte[] body = ("{\"c\":\"p\",\"t\":\"load\"}\"" + "x".repeat(PAYLOAD - 2) + "\"")
				.getBytes(StandardCharsets.UTF_8);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.writeBytes(RawAmpsClient.intBytes(body.length));
			out.writeBytes(body);
			this.frame = out.toByteArray();
		}

		@Override
		public void run() {
			try {
				while (!this.stop.get()) {
					this.publisher.sendBytes(this.frame);
					this.frames.incrementAndGet();
					this.written.addAndGet(this.frame.length);
				}
			}
			catch (IOException ex) {
				// closed at the end of the test
			}
		}

		/** Waits until nothing more gets written for 200 ms: the publisher is held up; returns the bytes written. */
		long awaitHeldUp() {
			long[] last = { -1 };
			await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(20)).until(() -> {
				long now = this.written.get();
				boolean still = now > 0 && now == last[0];
				last[0] = now;
				return still;
			});
			return last[0];
		}

		long written() {
			return this.written.get();
		}

		long frames() {
			return this.frames.get();
		}

		void finish() {
			this.stop.set(true);
		}

	}

}
