package org.ampsboot.autoconfigure.client;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.ReconnectDelayStrategy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.ampsboot.CallWatch;

/**
 * Keeps a reconnect from holding a template call beyond its bound. The 5.3.5.3 {@code HAClient}
 * reconnects on the thread that noticed the drop, and every call inside the client waits until
 * that reconnect succeeds: with the servers down, for good. Its reconnect delay strategy is asked
 * before each attempt, on that thread; wrapped here, it shortens the wait to the moment the first
 * template call inside the client reaches its bound ({@link CallWatch}), and from then on stops the
 * reconnect on that thread by throwing (the client's documented way to end its retries), which
 * lets the calls return or fail. The reconnect then goes on on a thread of its own,
 * {@code amps-reconnect-<client>}, with the same server chooser and strategy, once the overdue
 * calls have left the client (the template keeps new calls out while the client is disconnected,
 * so none of them can be caught again).
 */
final class CallBoundedReconnect {

	private static final Log logger = LogFactory.getLog(AmpsClientLifecycle.class);

	/** How long the reconnect thread waits for overdue calls to leave, between two looks. */
	private static final long SETTLE_NANOS = 5_000_000L;

	private final HAClient client;

	private final CallWatch watch;

	private final AtomicBoolean resuming = new AtomicBoolean();

	/** Whether the client was started and is not being stopped: before, the first-connect guard decides. */
	private volatile boolean active;

	private volatile Thread reconnector;

	CallBoundedReconnect(HAClient client) {
		this.client = client;
		this.watch = CallWatch.of(client);
	}

	ReconnectDelayStrategy guard(ReconnectDelayStrategy strategy) {
		return new Strategy(strategy);
	}

	/** The client logged on for the first time: from now on, reconnects are bounded by the calls. */
	void started() {
		this.active = true;
	}

	/** No reconnect from here on: the client is being stopped. */
	void stop() {
		this.active = false;
	}

	private void handOver(Thread from) {
		if (from == this.reconnector) {
			return;
		}
		boolean first = !this.resuming.get();
		resumeElsewhere();
		if (first && logger.isWarnEnabled()) {
			logger.warn("AMPS client '" + this.client.getName() + "': a template call inside the client reached its "
					+ "bound while the client reconnected on thread '" + from.getName() + "'; that reconnect was "
					+ "stopped to release the call and goes on on thread 'amps-reconnect-" + this.client.getName() + "'");
		}
	}

	private void resumeElsewhere() {
		if (!this.active || !this.resuming.compareAndSet(false, true)) {
			return;
		}
		this.watch.reconnectingElsewhere(true);
		Thread thread = new Thread(this::reconnect, "amps-reconnect-" + this.client.getName());
		thread.setDaemon(true);
		this.reconnector = thread;
		thread.start();
	}

	private void reconnect() {
		try {
			while (this.active && this.watch.isDisconnected()) {
				// the calls released on the thread that gave up leave the client first
				while (this.active && this.watch.millisUntilOverdue() <= 0) {
					LockSupport.parkNanos(SETTLE_NANOS);
				}
				if (!this.active) {
					return;
				}
				try {
					this.client.connectAndLogon();
				}
				catch (Exception ex) {
					if (logger.isDebugEnabled()) {
						logger.debug("AMPS client '" + this.client.getName() + "': reconnect attempt ended: " + ex);
					}
				}
			}
		}
		finally {
			this.reconnector = null;
			this.watch.reconnectingElsewhere(false);
			this.resuming.set(false);
			if (this.active && this.watch.isDisconnected()) {
				// disconnected again between the last look and the end of this thread
				resumeElsewhere();
			}
		}
	}

	private final class Strategy implements ReconnectDelayStrategy {

		private final ReconnectDelayStrategy delegate;

		Strategy(ReconnectDelayStrategy delegate) {
			this.delegate = delegate;
		}

		@Override
		public int getConnectWaitDuration(String uri) throws Exception {
			CallBoundedReconnect owner = CallBoundedReconnect.this;
			if (!owner.active) {
				if (Thread.currentThread() == owner.reconnector) {
					throw new IllegalStateException("the AMPS client is stopping; not reconnecting");
				}
				return this.delegate.getConnectWaitDuration(uri);
			}
			long left = owner.watch.millisUntilOverdue();
			if (left <= 0) {
				owner.handOver(Thread.currentThread());
				throw new IllegalStateException("a template call inside the client reached its bound while the client "
						+ "reconnects; the reconnect goes on on thread amps-reconnect-" + owner.client.getName());
			}
			int wait = this.delegate.getConnectWaitDuration(uri);
			return (int) Math.min(wait, left);
		}

		@Override
		public void reset() {
			this.delegate.reset();
		}

	}

}
