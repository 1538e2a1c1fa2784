package org.ampsboot.autoconfigure.client;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.ConnectionStateListener;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.ThreadCreatedHandler;
import com.crankuptheamps.client.TransportFilter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Watches the client's receive thread, which the client does not watch itself: a reader that
 * died (an {@link Error} thrown on it, by a message handler for instance), a reader that reads
 * no complete frame for longer than the heartbeat read timeout while heartbeats are on (stalled
 * in a frame or spinning), and a frame announcing more than {@code amps.max-frame-size}, which
 * is refused before the client allocates it. Each makes health DOWN with its cause and readiness
 * {@code REFUSING_TRAFFIC}, and the client is recovered: disconnected and connected again.
 * When the disconnect does not return (a reader that spins does not stop), recovery is
 * impossible and liveness becomes {@code BROKEN}: only a restart helps.
 * <p>
 * It sees the reader through the client's public hooks: a {@link ThreadCreatedHandler} (run on
 * each new receive thread) and a {@link TransportFilter} (run on each chunk read, before the
 * client parses it; a chunk the filter throws on is dropped by the client, which is how a frame
 * is refused). The application's own handler and filter beans are called as well.
 * <p>
 * Internal: not API (public only because the health indicator's auto-configuration lives in
 * another package).
 */
public final class AmpsReaderMonitor {

	private static final Log logger = LogFactory.getLog(AmpsReaderMonitor.class);

	private static final Duration RECOVERY_DISCONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final long CHECK_INTERVAL_MILLIS = 500;

	private final String name;

	private final long maxFrameSize;

	private final long readTimeoutNanos;

	private final ThreadCreatedHandler threadCreatedHandler;

	private final TransportFilter transportFilter;

	private volatile HAClient client;

	private volatile ApplicationEventPublisher publisher;

	private volatile ScheduledExecutorService executor;

	private volatile Thread reader;

	private volatile Throwable readerDeath;

	private volatile boolean readerEnded;

	private volatile boolean loggedOn;

	private volatile long lastFrameNanos = System.nanoTime();

	private volatile String problem;

	private volatile boolean poisoned;

	private volatile boolean broken;

	private final AtomicBoolean recovering = new AtomicBoolean();

	private final AtomicLong recoveries = new AtomicLong();

	private final AtomicLong refusedFrames = new AtomicLong();

	/**
	 * Create a monitor.
	 * @param name the client's name, for the log
	 * @param maxFrameSize the largest frame accepted, in bytes
	 * @param readTimeout the heartbeat read timeout, or {@code null} when heartbeats are off
	 * @param threadCreatedHandler the application's handler, or {@code null}
	 * @param transportFilter the application's filter, or {@code null}
	 */
	AmpsReaderMonitor(String name, long maxFrameSize, Duration readTimeout, ThreadCreatedHandler threadCreatedHandler,
			TransportFilter transportFilter) {
		this.name = name;
		this.maxFrameSize = maxFrameSize;
		this.readTimeoutNanos = (readTimeout != null) ? readTimeout.toNanos() : -1;
		this.threadCreatedHandler = threadCreatedHandler;
		this.transportFilter = transportFilter;
	}

	/** Installs the hooks on the client; called once, before it connects. */
	void install(HAClient client) {
		this.client = client;
		client.setThreadCreatedHandler(new ReaderHook(this));
		client.setTransportFilter(new FrameGuard(this));
		client.addConnectionStateListener(new StateListener(this));
	}

	/**
	 * The monitor of a client built by the starter.
	 * @param client a client
	 * @return its monitor, or {@code null} when it has none (a customizer replaced the hooks)
	 */
	public static AmpsReaderMonitor of(Client client) {
		return (client.getThreadCreatedHandler() instanceof ReaderHook hook) ? hook.monitor() : null;
	}

	/**
	 * What is wrong with the reader, or {@code null} while nothing is.
	 * @return the cause, for health
	 */
	public String problem() {
		return this.problem;
	}

	/**
	 * How many times the client was recovered.
	 * @return the count
	 */
	public long recoveries() {
		return this.recoveries.get();
	}

	/**
	 * How many frames were refused for their size.
	 * @return the count
	 */
	public long refusedFrames() {
		return this.refusedFrames.get();
	}

	/** Starts watching; availability changes go to the publisher (may be {@code null}). */
	void start(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "amps-reader-monitor-" + this.name);
			thread.setDaemon(true);
			return thread;
		});
		this.executor = executor;
		executor.scheduleWithFixedDelay(this::check, CHECK_INTERVAL_MILLIS, CHECK_INTERVAL_MILLIS,
				TimeUnit.MILLISECONDS);
	}

	/** Stops watching (the context stops: no more recovery). */
	void stop() {
		ScheduledExecutorService executor = this.executor;
		this.executor = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	private void connectionStateChanged(int state) {
		if (state == ConnectionStateListener.LoggedOn) {
			this.lastFrameNanos = System.nanoTime();
			this.loggedOn = true;
		}
		else if (state == ConnectionStateListener.Disconnected || state == ConnectionStateListener.Shutdown) {
			this.loggedOn = false;
		}
	}

	private void readerStarted() {
		Thread thread = Thread.currentThread();
		Thread.UncaughtExceptionHandler previous = thread.getUncaughtExceptionHandler();
		thread.setUncaughtExceptionHandler((t, ex) -> {
			this.readerDeath = ex;
			if (previous != null) {
				previous.uncaughtException(t, ex);
			}
		});
		this.readerDeath = null;
		this.readerEnded = false;
		this.poisoned = false;
		this.lastFrameNanos = System.nanoTime();
		this.reader = thread;
	}

	/** Checks the reader; runs on the monitor's thread. */
	void check() {
		if (this.executor == null || this.broken || this.recovering.get() || !this.loggedOn) {
			return;
		}
		Thread thread = this.reader;
		String found = null;
		if (thread != null && !thread.isAlive()) {
			Throwable death = this.readerDeath;
			if (death != null || this.readerEnded) {
				found = "the AMPS client's receive thread died"
						+ ((death != null) ? " of " + death.getClass().getName() + ": " + death.getMessage() : "");
			}
			this.readerEnded = true; // a thread ending without an error counts on the next check
		}
		else if (this.readTimeoutNanos > 0 && System.nanoTime() - this.lastFrameNanos > this.readTimeoutNanos) {
			found = "no complete frame from AMPS for more than the heartbeat read timeout ("
					+ Duration.ofNanos(this.readTimeoutNanos).toSeconds()
					+ " s) although heartbeats are on: the receive thread is stalled inside a frame or wedged";
		}
		if (found != null) {
			recover(found);
		}
	}

	private void recover(String cause) {
		if (!this.recovering.compareAndSet(false, true)) {
			return;
		}
		this.problem = cause;
		logger.warn("AMPS client '" + this.name + "': " + cause + "; reconnecting");
		publish(ReadinessState.REFUSING_TRAFFIC);
		Thread thread = new Thread(() -> reconnect(cause), "amps-reader-recovery-" + this.name);
		thread.setDaemon(true);
		thread.start();
	}

	private void reconnect(String cause) {
		try {
			HAClient client = this.client;
			Thread disconnect = new Thread(client::disconnect, "amps-reader-disconnect-" + this.name);
			disconnect.setDaemon(true);
			disconnect.start();
			disconnect.join(RECOVERY_DISCONNECT_TIMEOUT.toMillis());
			if (disconnect.isAlive()) {
				this.broken = true;
				this.problem = cause + "; recovery failed: the client's disconnect did not return within "
						+ RECOVERY_DISCONNECT_TIMEOUT.toSeconds() + " s, restart the application";
				logger.error("AMPS client '" + this.name + "' cannot be recovered: " + this.problem);
				publish(LivenessState.BROKEN);
				return;
			}
			if (this.executor == null) {
				return;
			}
			client.connectAndLogon();
			this.recoveries.incrementAndGet();
			this.problem = null;
			logger.warn("AMPS client '" + this.name + "' recovered: reconnected and logged on after: " + cause);
			publish(ReadinessState.ACCEPTING_TRAFFIC);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			this.problem = cause + "; reconnecting failed: " + ex.getClass().getSimpleName();
			logger.warn("AMPS client '" + this.name + "' could not reconnect after: " + cause + " ("
					+ ex.getClass().getSimpleName() + "); trying again");
			this.recovering.set(false);
			ScheduledExecutorService executor = this.executor;
			if (executor != null) {
				executor.schedule(() -> recover(cause), 1, TimeUnit.SECONDS);
			}
			return;
		}
		this.recovering.set(false);
	}

	private void publish(AvailabilityState state) {
		ApplicationEventPublisher publisher = this.publisher;
		if (publisher != null) {
			AvailabilityChangeEvent.publish(publisher, this, state);
		}
	}

	/**
	 * Reads the frame lengths of a chunk; refuses a frame announced larger than the maximum.
	 * The client hands the filter every unparsed byte from the start of a frame: a frame that
	 * did not fit in one read comes again, whole, with the next (seen with the 5.3.5.3 client).
	 */
	private void incoming(ByteBuffer data) {
		if (this.poisoned) {
			throw new FrameRefusedException("the rest of a refused frame", false);
		}
		int position = data.position();
		int limit = data.limit();
		boolean completed = false;
		while (limit - position >= 4) {
			int announced = data.getInt(position);
			if (announced > this.maxFrameSize) {
				refuse(announced);
			}
			if (announced <= 0) {
				position += 4; // the client skips such a length
				continue;
			}
			if (limit - position - 4 < announced) {
				break; // the rest comes with a later read
			}
			position += 4 + announced;
			completed = true;
		}
		if (completed) {
			// once per read, not per frame: this runs on the receive thread for every message
			this.lastFrameNanos = System.nanoTime();
		}
	}

	private void refuse(int announced) {
		this.poisoned = true;
		this.refusedFrames.incrementAndGet();
		String cause = "refused a frame announcing " + announced + " bytes, more than amps.max-frame-size ("
				+ this.maxFrameSize + " bytes), before it was allocated";
		ScheduledExecutorService executor = this.executor;
		if (executor != null) {
			executor.execute(() -> recover(cause));
		}
		else {
			this.problem = cause;
		}
		throw new FrameRefusedException(cause, true);
	}

	/**
	 * Thrown from the transport filter to make the client drop a chunk; the client hands it to
	 * its exception listener. Internal: not API.
	 */
	public static final class FrameRefusedException extends RuntimeException {

		private final boolean first;

		FrameRefusedException(String message, boolean first) {
			super(message, null, false, false);
			this.first = first;
		}

		/**
		 * Whether this is the refusal itself rather than a chunk of the refused frame's rest.
		 * @return {@code true} for the refusal
		 */
		public boolean isFirst() {
			return this.first;
		}

	}

	/**
	 * Follows the connection state (a class, not a method reference: one class less to spin at
	 * start-up; not a record, whose hashCode, called as the client adds it to a set, is linked
	 * through method handles on first use).
	 */
	private static final class StateListener implements ConnectionStateListener {

		private final AmpsReaderMonitor monitor;

		StateListener(AmpsReaderMonitor monitor) {
			this.monitor = monitor;
		}

		@Override
		public void connectionStateChanged(int state) {
			this.monitor.connectionStateChanged(state);
		}

	}

	/** The thread created handler the starter sets. */
	record ReaderHook(AmpsReaderMonitor monitor) implements ThreadCreatedHandler {

		@Override
		public void invoke() throws Exception {
			this.monitor.readerStarted();
			if (this.monitor.threadCreatedHandler != null) {
				this.monitor.threadCreatedHandler.invoke();
			}
		}

		ThreadCreatedHandler delegate() {
			return this.monitor.threadCreatedHandler;
		}

	}

	/** The transport filter the starter sets: the application's filter first, then the guard. */
	record FrameGuard(AmpsReaderMonitor monitor) implements TransportFilter {

		@Override
		public void outgoing(ByteBuffer data) {
			if (this.monitor.transportFilter != null) {
				this.monitor.transportFilter.outgoing(data);
			}
		}

		@Override
		public void incoming(ByteBuffer data) {
			if (this.monitor.transportFilter != null) {
				this.monitor.transportFilter.incoming(data);
			}
			this.monitor.incoming(data);
		}

		TransportFilter delegate() {
			return this.monitor.transportFilter;
		}

	}

}
