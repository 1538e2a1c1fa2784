package org.ampsboot;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.ConnectionStateListener;

/**
 * Internal: not API (public only because the starter's reconnect guard lives in another
 * package).
 * <p>
 * Which {@link AmpsTemplate} calls are inside one client, grouped by their bound, and since when
 * the client is disconnected (the templates wait here for the logon before they enter the
 * client: one view of the connection state per client). The 5.3.5.3 {@code HAClient} reconnects on the thread that noticed
 * the drop (a publishing thread or the receive thread), and a call that was inside the client
 * then waits, in the client's send, until that reconnect succeeds. The starter's reconnect delay
 * strategy asks {@link #millisUntilOverdue()} before each attempt: it shortens its wait to the
 * first bound that passes, and once one has passed it stops the reconnect on that thread (which
 * releases the calls) and has the reconnect go on on a thread of its own.
 * <p>
 * A call that waits for the logon in the template (not inside the client) is not counted: the
 * template keeps its calls out of a client that it knows is disconnected, so the calls counted
 * here entered before the drop was seen, and a bound measured from the drop ends at most the
 * call's time inside before the drop (normally microseconds) later than the call's own bound.
 */
public final class CallWatch implements ConnectionStateListener {

	private static final Map<Client, CallWatch> watches = Collections.synchronizedMap(new WeakHashMap<>());

	private final Map<Long, Slot> slots = new ConcurrentHashMap<>();

	/** {@code System.nanoTime()} when the client was seen disconnected, or {@code null} while logged on. */
	private volatile Long disconnectedAt;

	/** Whether the starter's own thread reconnects the client, after the client's reconnect was stopped. */
	private volatile boolean reconnectingElsewhere;

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled when the client is logged on again. */
	private final Condition loggedOn = this.lock.newCondition();

	private CallWatch() {
	}

	/**
	 * The watch of a client.
	 * @param client the client
	 * @return its watch, created (and registered as a connection state listener) on first use
	 */
	public static CallWatch of(Client client) {
		synchronized (watches) {
			CallWatch watch = watches.get(client);
			if (watch == null) {
				watch = new CallWatch();
				client.addConnectionStateListener(watch);
				watches.put(client, watch);
			}
			return watch;
		}
	}

	@Override
	public void connectionStateChanged(int state) {
		if (state == ConnectionStateListener.Disconnected) {
			if (this.disconnectedAt == null) {
				this.disconnectedAt = System.nanoTime();
			}
		}
		else if (state == ConnectionStateListener.LoggedOn
				|| (state == ConnectionStateListener.Shutdown && !this.reconnectingElsewhere)) {
			// after a shutdown the client fails every call at once: let calls through (unless the
			// starter reconnects it: then the shutdown was only that of the client's own reconnect)
			this.lock.lock();
			try {
				this.disconnectedAt = null;
				this.loggedOn.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/**
	 * Whether the client is logged on, as its connection state events last said; optimistic
	 * before the first event (a client that never connected fails at once by itself).
	 */
	boolean isLoggedOn() {
		return this.disconnectedAt == null;
	}

	/**
	 * Waits until the client is logged on.
	 * @param boundMillis how long, at most
	 * @return whether it is logged on
	 */
	boolean awaitLogon(long boundMillis) {
		if (this.disconnectedAt == null) {
			return true;
		}
		long remaining = TimeUnit.MILLISECONDS.toNanos(boundMillis);
		this.lock.lock();
		try {
			while (this.disconnectedAt != null) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.loggedOn.awaitNanos(remaining);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Records whether the starter's own thread reconnects the client. The client reports
	 * {@code Shutdown} when its own reconnect was stopped, and again when a reconnect it begins
	 * on a receive thread meets the starter's: while the starter reconnects, that state means
	 * "still disconnected", not "closed".
	 * @param reconnecting whether it does
	 */
	public void reconnectingElsewhere(boolean reconnecting) {
		this.reconnectingElsewhere = reconnecting;
	}

	/**
	 * Whether the starter's own thread reconnects the client.
	 * @return whether it does
	 */
	public boolean isReconnectingElsewhere() {
		return this.reconnectingElsewhere;
	}

	/**
	 * Whether the client is disconnected, as its connection state events last said.
	 * @return whether it is
	 */
	public boolean isDisconnected() {
		return this.disconnectedAt != null;
	}

	/**
	 * The counter of the calls with the given bound.
	 * @param boundMillis the bound
	 * @return its counter
	 */
	Slot slot(long boundMillis) {
		// No computeIfAbsent with a method reference: its class would be spun at start-up.
		Slot slot = this.slots.get(boundMillis);
		if (slot == null) {
			Slot created = new Slot(boundMillis);
			slot = this.slots.putIfAbsent(boundMillis, created);
			if (slot == null) {
				slot = created;
			}
		}
		return slot;
	}

	/**
	 * How long, at most, the client's current reconnect may go on before a template call inside
	 * it has waited longer than its bound.
	 * @return the milliseconds left (0 or less once a bound has passed), or
	 * {@link Long#MAX_VALUE} when the client is logged on or no template call is inside it
	 */
	public long millisUntilOverdue() {
		Long since = this.disconnectedAt;
		if (since == null) {
			return Long.MAX_VALUE;
		}
		long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
		long left = Long.MAX_VALUE;
		for (Slot slot : this.slots.values()) {
			if (slot.inside.get() > 0) {
				left = Math.min(left, slot.boundMillis - elapsed);
			}
		}
		return left;
	}

	/** The calls inside the client with one bound. */
	static final class Slot {

		private final long boundMillis;

		private final AtomicInteger inside = new AtomicInteger();

		private Slot(long boundMillis) {
			this.boundMillis = boundMillis;
		}

		void enter() {
			this.inside.incrementAndGet();
		}

		void exit() {
			this.inside.decrementAndGet();
		}

	}

}
