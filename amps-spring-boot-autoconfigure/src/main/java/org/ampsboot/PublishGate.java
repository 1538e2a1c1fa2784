package org.ampsboot;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import com.crankuptheamps.client.Client;

/**
 * Internal: not API (public only because the starter's lifecycle lives in another package).
 * <p>
 * What every {@link AmpsTemplate} over one client publishes: how many publishes returned, how
 * many of those a successful flush confirmed, and, once the client's shutdown has begun, the
 * refusal of every later publish, so that a publish is either sent before the shutdown flush
 * or refused without being sent, never lost without a count. One gate per client instance,
 * shared by all its templates.
 */
public final class PublishGate {

	private static final Map<Client, PublishGate> gates = Collections.synchronizedMap(new WeakHashMap<>());

	private final AtomicInteger inFlight = new AtomicInteger();

	private final LongAdder returned = new LongAdder();

	private volatile long confirmed;

	private volatile String refusal;

	private PublishGate() {
	}

	/**
	 * The gate of a client.
	 * @param client the client
	 * @return its gate, created on first use
	 */
	public static PublishGate of(Client client) {
		// No computeIfAbsent with a lambda: its class would be spun at start-up.
		synchronized (gates) {
			PublishGate gate = gates.get(client);
			if (gate == null) {
				gate = new PublishGate();
				gates.put(client, gate);
			}
			return gate;
		}
	}

	/**
	 * Enters a publish; {@link #exit(boolean)} must follow, whatever this returns.
	 * @return the reason the publish is refused, or {@code null} to go on
	 */
	String enter() {
		this.inFlight.incrementAndGet();
		return this.refusal;
	}

	/**
	 * Leaves a publish.
	 * @param sent whether the client's publish call returned
	 */
	void exit(boolean sent) {
		if (sent) {
			this.returned.increment();
		}
		this.inFlight.decrementAndGet();
	}

	/**
	 * Refuses every later publish with the given reason.
	 * @param reason why, for the exception the publisher gets
	 */
	public void close(String reason) {
		this.refusal = reason;
	}

	/**
	 * Reopens the gate (the client was started again after a stop).
	 */
	public void open() {
		this.refusal = null;
	}

	/**
	 * Waits until no publish is inside the client any more, at most the given time.
	 * @param timeout the bound
	 * @return whether none is
	 */
	public boolean awaitIdle(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.inFlight.get() > 0) {
			if (System.nanoTime() - deadline >= 0) {
				return false;
			}
			LockSupport.parkNanos(100_000);
		}
		return true;
	}

	/**
	 * How many publishes have returned so far: pass it to {@link #confirm(long)} once a flush
	 * that started after this call succeeded.
	 * @return the count
	 */
	public long mark() {
		return this.returned.sum();
	}

	/**
	 * Records that AMPS confirmed the publishes counted by a {@link #mark()}.
	 * @param mark the mark taken before the flush began
	 */
	public synchronized void confirm(long mark) {
		if (mark > this.confirmed) {
			this.confirmed = mark;
		}
	}

	/**
	 * How many publishes returned after the last confirmed mark: AMPS has not confirmed them.
	 * @return the count
	 */
	public long unconfirmed() {
		return this.returned.sum() - this.confirmed;
	}

}
