package org.ampsboot;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.crankuptheamps.client.ConnectionStateListener;

/**
 * Whether the client is logged on, from its connection state events. Optimistic before the
 * first event: a client that never connected fails at once by itself.
 */
final class LogonGate implements ConnectionStateListener {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private volatile boolean loggedOn = true;

	private final CallWatch watch;

	LogonGate(CallWatch watch) {
		this.watch = watch;
	}

	@Override
	public void connectionStateChanged(int state) {
		if (state == ConnectionStateListener.Disconnected) {
			this.loggedOn = false;
		}
		else if (state == ConnectionStateListener.LoggedOn
				|| (state == ConnectionStateListener.Shutdown && !this.watch.isReconnectingElsewhere())) {
			// after a shutdown the client fails every call at once: let it (unless the starter
			// reconnects it: then the shutdown was only that of the client's own reconnect)
			this.lock.lock();
			try {
				this.loggedOn = true;
				this.changed.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	boolean isLoggedOn() {
		return this.loggedOn;
	}

	/**
	 * Wait until the client is logged on.
	 * @param boundMillis how long, at most
	 * @return whether it is logged on
	 */
	boolean await(long boundMillis) {
		if (this.loggedOn) {
			return true;
		}
		long remaining = TimeUnit.MILLISECONDS.toNanos(boundMillis);
		this.lock.lock();
		try {
			while (!this.loggedOn) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.changed.awaitNanos(remaining);
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

}
