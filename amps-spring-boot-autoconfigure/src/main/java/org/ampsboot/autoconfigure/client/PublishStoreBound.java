package org.ampsboot.autoconfigure.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import com.crankuptheamps.client.PublishStoreResizeHandler;
import com.crankuptheamps.client.Store;

import org.ampsboot.AmpsOperationException;

/**
 * Bounds a publish store ({@code amps.publish-store.max-bytes}) through the
 * client's resize hook. The client asks this handler before it grows the store; while the store is
 * at its bound the handler refuses, and the client, which then waits for room on the publishing
 * thread, asks again. The handler parks that thread between refusals and, once the publish bound
 * ({@code amps.template.publish-timeout}) has passed, throws {@link AmpsOperationException}: the
 * publish fails, the message is neither stored nor sent, and the client stays usable (seen with
 * the 5.3.5.3 client).
 */
final class PublishStoreBound implements PublishStoreResizeHandler {

	/** A refusal this long after the previous one on the same thread starts a new wait. */
	private static final long NEW_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private final String clientName;

	private final long maxBytes;

	private final long boundNanos;

	private final LongAdder refused = new LongAdder();

	/** Per thread: when its current wait began and when it was last refused. */
	private final ThreadLocal<long[]> waits = ThreadLocal.withInitial(() -> new long[2]);

	PublishStoreBound(String clientName, long maxBytes, Duration publishBound) {
		this.clientName = clientName;
		this.maxBytes = maxBytes;
		this.boundNanos = publishBound.toNanos();
	}

	@Override
	public boolean invoke(Store store, long newSize) {
		if (newSize <= this.maxBytes) {
			return true;
		}
		long now = System.nanoTime();
		long[] wait = this.waits.get();
		if (wait[1] == 0 || now - wait[1] > NEW_WAIT_NANOS) {
			wait[0] = now;
		}
		wait[1] = now;
		if (now - wait[0] >= this.boundNanos) {
			wait[1] = 0;
			this.refused.increment();
			throw new AmpsOperationException("The publish store of AMPS client '" + this.clientName + "' is full ("
					+ unpersisted(store) + " publishes not acknowledged by AMPS; max-bytes=" + this.maxBytes
					+ ") and no room was freed within "
					+ Duration.ofNanos(this.boundNanos).toMillis() + " ms; the message was not published",
					null, null);
		}
		LockSupport.parkNanos(PARK_NANOS);
		return false;
	}

	/**
	 * How many publishes failed at the bound.
	 * @return the count
	 */
	long refused() {
		return this.refused.sum();
	}

	private static long unpersisted(Store store) {
		try {
			return store.unpersistedCount();
		}
		catch (Exception ex) {
			return 0;
		}
	}

}
