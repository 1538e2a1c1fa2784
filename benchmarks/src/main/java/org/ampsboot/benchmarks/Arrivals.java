package org.ampsboot.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts messages arriving at the far end of a pipeline (a subscriber's handler, or the sink) and wakes the
 * publishing thread when the count it waits for is reached.
 */
final class Arrivals {

	private final AtomicLong count = new AtomicLong();

	private volatile long wakeAt = Long.MAX_VALUE;

	private volatile Thread waiter;

	/** One message arrived. */
	void arrived() {
		long n = this.count.incrementAndGet();
		if (n == this.wakeAt) {
			Thread thread = this.waiter;
			if (thread != null) {
				LockSupport.unpark(thread);
			}
		}
	}

	long count() {
		return this.count.get();
	}

	/**
	 * Waits until at least {@code target} messages arrived.
	 * @throws IllegalStateException if they did not within the timeout
	 */
	void awaitAtLeast(long target, long timeoutMillis) {
		if (this.count.get() >= target) {
			return;
		}
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		this.waiter = Thread.currentThread();
		this.wakeAt = target;
		try {
			while (this.count.get() < target) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(
							"Only " + this.count.get() + " of " + target + " messages arrived within " + timeoutMillis + " ms");
				}
				LockSupport.parkNanos(200_000);
			}
		}
		finally {
			this.wakeAt = Long.MAX_VALUE;
		}
	}

}
