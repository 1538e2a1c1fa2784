package org.ampsboot.test.engine;

import java.util.concurrent.ScheduledFuture;

/**
 * How the engine runs something later (SOW expiration, queue leases); the server provides the thread.
 *
 * <p>Internal: not API.
 */
@FunctionalInterface
public interface Scheduler {

	/**
	 * Runs a task once after a delay.
	 * @return its future, or {@code null} if the server is not running
	 */
	ScheduledFuture<?> schedule(Runnable task, long delayMillis);

}
