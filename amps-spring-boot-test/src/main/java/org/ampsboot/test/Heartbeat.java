package org.ampsboot.test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/**
 * The heartbeat of one {@link Connection}, once its client sent {@code heartbeat} with {@code start,N}: a check on
 * the server's heartbeat thread that sends {@code {"c":"heartbeat"}} (on a background thread) when the server has
 * sent nothing, or the client has been silent, for N seconds, and closes the connection when nothing arrived from the
 * client for 2N seconds.
 */
final class Heartbeat {

	private static final Logger log = ServerLog.LOG;

	private static final byte[] HEARTBEAT = "{\"c\":\"heartbeat\"}".getBytes(StandardCharsets.UTF_8);

	private final Connection connection;

	private final AmpsTestServer server;

	private volatile long lastReadNanos = System.nanoTime();

	private volatile long lastHeartbeatNanos;

	private volatile long intervalNanos;

	/** Guarded by {@code this}. */
	private ScheduledFuture<?> task;

	/** Whether a heartbeat write (or the close after a heartbeat timeout) was handed to a background thread. */
	private final AtomicBoolean writeInFlight = new AtomicBoolean();

	private final AtomicBoolean timedOut = new AtomicBoolean();

	Heartbeat(Connection connection, AmpsTestServer server) {
		this.connection = connection;
		this.server = server;
	}

	/** A frame arrived from the client. */
	void read() {
		this.lastReadNanos = System.nanoTime();
	}

	/** Starts (or, with a non-positive interval, stops) the heartbeat that a client asked for. */
	synchronized void start(int intervalSeconds) {
		cancel();
		if (intervalSeconds <= 0 || this.connection.isClosed() || this.connection.isSilent()) {
			this.intervalNanos = 0;
			return;
		}
		this.intervalNanos = TimeUnit.SECONDS.toNanos(intervalSeconds);
		long periodMillis = Math.max(50, intervalSeconds * 1000L / 4);
		this.task = this.server.threads().scheduleHeartbeat(this::tick, periodMillis);
	}

	/** Stops it for good (the connection closed or went silent). */
	synchronized void stop() {
		cancel();
		this.intervalNanos = 0;
	}

	private void cancel() {
		if (this.task != null) {
			this.task.cancel(false);
			this.task = null;
		}
	}

	private void tick() {
		long interval = this.intervalNanos;
		if (this.connection.isClosed() || this.connection.isSilent() || interval == 0) {
			return;
		}
		long now = System.nanoTime();
		long silence = now - this.lastReadNanos;
		if (silence > 2 * interval) {
			if (this.timedOut.compareAndSet(false, true)) {
				log.warn("AMPS test server: nothing received from client '{}' ({}) for {} ms, more than twice the "
						+ "heartbeat interval of {} s; closing the connection", this.connection.clientName(),
						this.connection.remoteAddress(), TimeUnit.NANOSECONDS.toMillis(silence),
						TimeUnit.NANOSECONDS.toSeconds(interval));
				// closing takes the engine's lock, which a write to another connection that does not read may hold
				this.server.threads().inBackground(this.connection::close);
			}
			return;
		}
		boolean serverQuiet = now - this.connection.lastWriteNanos() >= interval;
		boolean clientQuiet = silence >= interval && this.lastHeartbeatNanos - this.lastReadNanos <= 0;
		if ((serverQuiet || clientQuiet) && this.writeInFlight.compareAndSet(false, true)) {
			this.lastHeartbeatNanos = now;
			log.trace("AMPS test server: heartbeat to {}", this.connection);
			// the write blocks while another thread is writing to this connection, or its client does not read
			this.server.threads().inBackground(() -> {
				try {
					this.connection.sendVerbatim(HEARTBEAT);
				}
				finally {
					this.writeInFlight.set(false);
				}
			});
		}
	}

}
