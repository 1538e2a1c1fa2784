package org.ampsboot.test;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.ampsboot.test.engine.Scheduler;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/**
 * The thread pools of an {@link AmpsTestServer}: one scheduler thread (SOW expiration, queue leases), one heartbeat
 * thread that never writes to a socket, and pooled background threads for writes that may block (heartbeats,
 * timeouts). All daemon threads, created by {@link #start(int)} and ended by {@link #shutdown()}.
 */
final class ServerThreads implements Scheduler {

	private static final Logger log = ServerLog.LOG;

	private volatile ScheduledThreadPoolExecutor scheduler;

	/** Heartbeat checks only: it never writes to a socket, so a connection that does not read cannot hold it up. */
	private volatile ScheduledThreadPoolExecutor heartbeats;

	/** Threads for writes that must not hold up the thread asking for them (heartbeats, timeouts). */
	private volatile ThreadPoolExecutor background;

	void start(int port) {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
				(task) -> daemon(task, "amps-test-server-scheduler-" + port));
		scheduler.setRemoveOnCancelPolicy(true);
		ScheduledThreadPoolExecutor heartbeats = new ScheduledThreadPoolExecutor(1,
				(task) -> daemon(task, "amps-test-server-heartbeat-" + port));
		heartbeats.setRemoveOnCancelPolicy(true);
		AtomicInteger backgroundThreads = new AtomicInteger();
		this.background = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
				(task) -> daemon(task, "amps-test-server-writer-" + port + "-" + backgroundThreads.incrementAndGet()));
		this.heartbeats = heartbeats;
		this.scheduler = scheduler;
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	void shutdown() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.heartbeats.shutdownNow();
			this.background.shutdownNow();
		}
	}

	/** Runs a task once on the scheduler thread after a delay; {@code null} if the server is not running. */
	@Override
	public ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		ScheduledThreadPoolExecutor executor = this.scheduler;
		if (executor == null || executor.isShutdown()) {
			return null;
		}
		try {
			return executor.schedule(() -> {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					log.error("AMPS test server: a scheduled task failed", ex);
				}
			}, delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			return null;
		}
	}

	/** Runs a heartbeat check periodically on the heartbeat thread; {@code null} if the server is not running. */
	ScheduledFuture<?> scheduleHeartbeat(Runnable task, long periodMillis) {
		ScheduledThreadPoolExecutor executor = this.heartbeats;
		if (executor == null || executor.isShutdown()) {
			return null;
		}
		try {
			return executor.scheduleAtFixedRate(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			return null;
		}
	}

	/**
	 * Runs a task that may block (a write to a client that does not read) on a pooled background thread, so that
	 * the heartbeat thread never waits for a socket; does nothing if the server is closed. Callers keep at most one
	 * such task per connection in flight, so there are never more of these threads than connections.
	 */
	void inBackground(Runnable task) {
		ThreadPoolExecutor executor = this.background;
		if (executor == null || executor.isShutdown()) {
			return;
		}
		try {
			executor.execute(() -> {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					log.error("AMPS test server: a background task failed", ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// closed meanwhile
		}
	}

	/** Waits up to two seconds for a thread to end ({@code null} or the current thread: at once). */
	static void join(Thread thread) {
		if (thread == null || thread == Thread.currentThread()) {
			return;
		}
		try {
			thread.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
