package org.ampsboot.autoconfigure.client;

import java.time.Duration;

import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.MemoryPublishStore;
import com.crankuptheamps.client.PublishStore;
import com.crankuptheamps.client.Store;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.ampsboot.PublishConfirmations;
import org.ampsboot.PublishGate;

/**
 * The shutdown of one client, every step bounded: refuse further template publishes, flush
 * (wait for AMPS to acknowledge what was published), disconnect, report how many publishes AMPS
 * has not acknowledged, and close. The whole takes at most {@code amps.shutdown.flush-timeout}
 * + {@link #SLACK} (flush) + {@link #DISCONNECT_TIMEOUT} (disconnect) +
 * {@link #COUNT_TIMEOUT} (count) + {@link #DISCONNECT_TIMEOUT} (close), whatever the client
 * does: a client whose reader thread is wedged blocks in its disconnect and close, so these run
 * on threads of their own and are given up after their bound.
 */
final class ClientShutdown {

	static final Duration SLACK = Duration.ofSeconds(1);

	static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(5);

	static final Duration COUNT_TIMEOUT = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(AmpsClientLifecycle.class);

	private final HAClient client;

	private final PublishGate gate;

	private final Duration flushTimeout;

	private final Redactor redactor;

	/** Whether a disconnect did not return in time: closing would block the same way. */
	private volatile boolean wedged;

	ClientShutdown(HAClient client, Duration flushTimeout, Redactor redactor) {
		this.client = client;
		this.gate = PublishGate.of(client);
		this.flushTimeout = flushTimeout;
		this.redactor = redactor;
	}

	/** The client (re)started: templates publish again. */
	void started() {
		this.gate.open();
		PublishConfirmations.of(this.client).reopen();
	}

	/**
	 * Refuses further template publishes, flushes when logged on, disconnects and logs how many
	 * publishes AMPS did not acknowledge.
	 */
	void stop(boolean loggedOn) {
		this.gate.close("AMPS client '" + this.client.getName() + "' is shutting down");
		// While the client is reconnecting, its calls can wait on a lock its reader thread holds
		// between attempts; shutdown must not wait for that: each step runs bounded, and the
		// flush only when the client is logged on.
		if (loggedOn) {
			bounded("flush", this.flushTimeout.plus(SLACK), this::flush);
		}
		else {
			logger.warn("AMPS client '" + this.client.getName()
					+ "' is not logged on at shutdown: what it published and AMPS has not acknowledged stays unacknowledged");
		}
		this.wedged = !bounded("disconnect", DISCONNECT_TIMEOUT, this::disconnect);
		report();
		int unconfirmed = PublishConfirmations.of(this.client).closed("client '" + this.client.getName()
				+ "' disconnected at shutdown");
		if (unconfirmed > 0) {
			logger.warn("AMPS client '" + this.client.getName() + "': " + unconfirmed + " AmpsTemplate.publishConfirmed "
					+ "future(s) failed: AMPS had not acknowledged them when the client disconnected");
		}
	}

	/** Closes the client (bounded), unless its disconnect already did not return. */
	void close() {
		if (this.wedged) {
			logger.warn("AMPS client '" + this.client.getName()
					+ "' is not closed: its disconnect did not return, closing would block the same way; its threads end with the process");
			return;
		}
		boolean closed = bounded("close", DISCONNECT_TIMEOUT, () -> {
			try {
				this.client.close();
			}
			catch (Exception ex) {
				logger.debug("Closing AMPS client '" + this.client.getName() + "' failed", ex);
			}
		});
		if (closed) {
			// the store files are free for the next process (one that did not close keeps them until it ends)
			StoreFileLock.releaseAll(this.client);
		}
	}

	private void flush() {
		long deadline = System.nanoTime() + this.flushTimeout.toNanos();
		if (!this.gate.awaitIdle(this.flushTimeout)) {
			logger.warn("AMPS client '" + this.client.getName() + "': a publish still had not returned after "
					+ this.flushTimeout + " of shutdown");
		}
		try {
			this.client.flushAcks();
		}
		catch (Exception ex) {
			logger.warn("AMPS client '" + this.client.getName() + "' could not send pending queue acknowledgements: "
					+ this.redactor.describe(ex));
		}
		long mark = this.gate.mark();
		try {
			this.client.publishFlush(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
			this.gate.confirm(mark);
		}
		catch (Exception ex) {
			logger.warn("AMPS client '" + this.client.getName()
					+ "' did not get every publish acknowledged within amps.shutdown.flush-timeout ("
					+ this.flushTimeout + "): " + this.redactor.describe(ex));
		}
	}

	private void disconnect() {
		try {
			this.client.disconnect();
		}
		catch (RuntimeException ex) {
			logger.warn("Disconnecting AMPS client '" + this.client.getName() + "' failed: "
					+ this.redactor.describe(ex));
		}
	}

	/** One line, in every case, with the number of publishes AMPS did not acknowledge. */
	private void report() {
		String what = (this.wedged ? "AMPS client '" + this.client.getName() + "' did not disconnect"
				: "Disconnected AMPS client '" + this.client.getName() + "'");
		Store store = this.client.getPublishStore();
		if (store != null) {
			long[] pending = { -1 };
			bounded("count", COUNT_TIMEOUT, () -> pending[0] = unpersisted(store));
			if (pending[0] == 0) {
				logger.info(what + ": 0 publish(es) not acknowledged");
			}
			else if (pending[0] > 0) {
				logger.warn(what + ": " + pending[0] + " publish(es) not acknowledged by AMPS, " + kept(store));
			}
			else {
				logger.warn(what + ": the number of publishes not acknowledged is unknown (the publish store did not tell within "
						+ COUNT_TIMEOUT + "); at most " + this.gate.unconfirmed()
						+ " of its AmpsTemplate publishes since AMPS last confirmed a flush");
			}
			return;
		}
		long unconfirmed = this.gate.unconfirmed();
		if (unconfirmed == 0) {
			logger.info(what + ": 0 publish(es) not acknowledged (AMPS confirmed every AmpsTemplate publish by a flush)");
		}
		else {
			logger.warn(what + ": " + unconfirmed + " publish(es) not acknowledged: the AmpsTemplate publishes since AMPS last "
					+ "confirmed a flush; without a publish store AMPS acknowledges no single publish, so each of them may or "
					+ "may not have reached it (publishes made on the client directly are not counted)");
		}
	}

	private static long unpersisted(Store store) {
		try {
			return store.unpersistedCount();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	private static String kept(Store store) {
		if (store instanceof MemoryPublishStore) {
			return "kept in its memory publish store: lost when this process ends";
		}
		if (store instanceof PublishStore) {
			return "kept in its publish store file: replayed when a client of the same name starts with it";
		}
		return "kept in its publish store (" + store.getClass().getName() + ")";
	}

	/**
	 * Runs a shutdown step on its own daemon thread and waits for it at most the given time.
	 * @return whether the step finished in time
	 */
	private boolean bounded(String step, Duration timeout, Runnable action) {
		Thread thread = new Thread(action, "amps-shutdown-" + step + "-" + this.client.getName());
		thread.setDaemon(true);
		thread.start();
		try {
			thread.join(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (thread.isAlive()) {
			logger.warn("AMPS client '" + this.client.getName() + "' did not finish its shutdown " + step + " within "
					+ timeout + "; going on without it");
			return false;
		}
		return true;
	}

}
