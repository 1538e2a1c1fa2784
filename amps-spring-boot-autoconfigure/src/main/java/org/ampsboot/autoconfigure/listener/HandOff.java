package org.ampsboot.autoconfigure.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.crankuptheamps.client.Message;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.ampsboot.AmpsListener.Dispatch;

/**
 * The hand-off of one listener's messages from the client's receive thread to an executor.
 * <p>
 * The receive thread reserves room (at most {@code maxInFlight} messages are in flight; when there
 * is none it waits, until a quarter of the bound is free again, so that it is not woken for every
 * message), copies the message once (the client reuses its {@code Message} objects; see
 * {@link MessageCopy}: copies are reused, at most {@code maxInFlight} of them), and puts the copy in
 * a lane. A lane is a bounded queue with at most a fixed number of workers
 * running on the executor: ordered lanes (per SOW key, per topic: the key's hash picks one of
 * {@code concurrency} lanes) have one worker, so messages of one key are processed in the order
 * they arrived and keys in parallel; the single unordered lane has {@code concurrency}. A worker
 * is a task that processes its lane's messages until the lane is empty (and stays empty for a
 * short spin, so that a steady stream does not start a task per message), so nothing runs while
 * nothing arrives. Every queue is bounded: by {@code maxInFlight} in all, whatever the keys.
 * <p>
 * {@link #drain} waits, within a deadline, for what is in flight (stop, pause, shutdown), then
 * drops what has not started and reports how many were left undone.
 */
final class HandOff {

	private static final Log logger = LogFactory.getLog(HandOff.class);

	/** The lane whose listener the current thread runs, if any. */
	private static final ThreadLocal<Lane> CURRENT = new ThreadLocal<>();

	/** How long the receive thread waits for room before it looks again whether a drain began. */
	private static final long WAIT_SLICE_MILLIS = 100;

	/** How many times a worker looks for another message, spinning, before it gives up its slot. */
	private static final int SPINS = 1 << 10;

	private final ListenerInvoker invoker;

	private final String containerId;

	private final Dispatch mode;

	private final Executor executor;

	private final Lane[] lanes;

	private final int maxInFlight;

	/** When the receive thread waits for room: in flight at most this many wakes it. */
	private final int resumeAt;

	/** Handed off and not yet done with (the gauge's depth); at most {@link #maxInFlight}. */
	private final AtomicInteger inFlight = new AtomicInteger();

	/** The receive thread while it waits for room, else {@code null}. */
	private volatile Thread waiting;

	/** Whether the listener takes the {@code Message}: then each message is copied in full, once. */
	private final boolean fullCopies;

	/**
	 * The reused copies that are free: a pool, not a queue of work. A copy goes back before its message
	 * stops counting as in flight, so a reservation always finds one here or makes a new one: at most
	 * {@code maxInFlight} copies exist, and this holds at most as many. Lock-free: the receive thread
	 * takes from it and the workers give back, for every message.
	 */
	private final ConcurrentLinkedQueue<MessageCopy> free;

	/** For a batch listener, the largest batch; else 0. */
	private final int batchMax;

	private final long batchWaitNanos;

	/** Messages that arrived while a drain refused to wait for room, since the last drain's report. */
	private final AtomicLong refused = new AtomicLong();

	private final Object drained = new Object();

	private volatile boolean draining;

	/** {@code fullCopies}: whether the listener takes the {@code Message} (copies are then full, not reused). */
	HandOff(ListenerInvoker invoker, String containerId, ListenerDispatch dispatch, Executor executor, boolean batch,
			boolean fullCopies) {
		this.fullCopies = fullCopies;
		this.invoker = invoker;
		this.containerId = containerId;
		this.mode = dispatch.mode();
		this.executor = executor;
		this.maxInFlight = dispatch.maxInFlight();
		this.resumeAt = this.maxInFlight - Math.max(1, this.maxInFlight / 4);
		this.free = fullCopies ? null : new ConcurrentLinkedQueue<>();
		this.batchMax = batch ? dispatch.batchMaxMessages() : 0;
		this.batchWaitNanos = dispatch.batchMaxWait().toNanos();
		int concurrency = dispatch.concurrency();
		if (this.mode == Dispatch.UNORDERED) {
			this.lanes = new Lane[] { new Lane(concurrency) };
		}
		else {
			this.lanes = new Lane[concurrency];
			for (int i = 0; i < concurrency; i++) {
				this.lanes[i] = new Lane(1);
			}
		}
	}

	/** Messages handed off and not yet done with. */
	int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * On the receive thread: copies the message and hands the copy to its lane; waits for room
	 * when {@code maxInFlight} messages are in flight.
	 */
	void submit(Message message) {
		if (!reserve() && !awaitRoom()) {
			this.refused.incrementAndGet();
			logger.warn("Listener container '" + this.containerId + "' is stopping with " + this.inFlight.get()
					+ " message(s) in flight: a message that arrived meanwhile (topic '" + message.getTopic()
					+ "', bookmark " + message.getBookmark() + ") is not processed");
			return;
		}
		MessageCopy copy;
		if (this.fullCopies) {
			copy = MessageCopy.full(message);
		}
		else {
			copy = this.free.poll();
			if (copy == null) {
				copy = MessageCopy.reusable(message);
			}
			copy.copyFrom(message);
		}
		lane(copy.message()).add(copy);
	}

	/** Room for one more message in flight, if there is. */
	private boolean reserve() {
		for (;;) {
			int now = this.inFlight.get();
			if (now >= this.maxInFlight) {
				return false;
			}
			if (this.inFlight.compareAndSet(now, now + 1)) {
				return true;
			}
		}
	}

	/**
	 * Full: the receive thread waits (reading nothing else) until a quarter of the bound is free or
	 * a drain begins.
	 */
	private boolean awaitRoom() {
		Thread current = Thread.currentThread();
		this.waiting = current;
		try {
			while (!this.draining) {
				if (reserve()) {
					return true;
				}
				LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(WAIT_SLICE_MILLIS));
				if (current.isInterrupted()) {
					return false;
				}
			}
			return reserve();
		}
		finally {
			this.waiting = null;
		}
	}

	/** The lane of a message: by the hash of its SOW key's (or topic's) bytes, without making a String. */
	private Lane lane(Message message) {
		Lane[] lanes = this.lanes;
		if (lanes.length == 1) {
			return lanes[0];
		}
		int hash = MessageCopy.keyHash(message, this.mode == Dispatch.PER_KEY);
		return lanes[Math.floorMod(hash ^ (hash >>> 16), lanes.length)];
	}

	/** Stops the receive thread from waiting for room (it drops, and counts, what finds none). */
	void beginDrain() {
		this.draining = true;
	}

	/**
	 * Waits until what is in flight is done with, at most until the deadline ({@code System.nanoTime()});
	 * then drops what has not started, logs what was left undone ({@code why}: stop, pause; {@code bound}:
	 * the bound, for the log), and lets the receive thread wait for room again. Called from one of this
	 * listener's own workers, it does not wait for that worker's message, nor for those queued behind it.
	 * @return how many were left undone: not started (dropped), still in the listener, refused meanwhile
	 */
	long drain(long deadlineNanos, String why, String bound) {
		this.draining = true;
		try {
			long start = System.nanoTime();
			Lane own = CURRENT.get();
			int self = (own != null && own.owner() == this) ? 1 : 0;
			int before = this.inFlight.get() - self;
			List<MessageCopy> left = new ArrayList<>();
			if (self == 1 && own.maxWorkers == 1) {
				// called from its own listener: what waits behind it in its lane cannot start until it returns
				own.queue.drainTo(left);
			}
			synchronized (this.drained) {
				while (this.inFlight.get() - left.size() > self) {
					long remaining = deadlineNanos - System.nanoTime();
					if (remaining <= 0) {
						break;
					}
					this.drained.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(remaining), WAIT_SLICE_MILLIS)));
				}
			}
			if (this.inFlight.get() - left.size() > self) {
				for (Lane lane : this.lanes) {
					lane.queue.drainTo(left);
				}
			}
			int notStarted = left.size();
			left.forEach(this::release);
			if (notStarted > 0) {
				done(notStarted);
			}
			int running = Math.max(0, this.inFlight.get() - self);
			long refusedNow = this.refused.getAndSet(0);
			long undone = notStarted + running + refusedNow;
			long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			if (undone > 0) {
				logger.warn("Listener container '" + this.containerId + "' (" + why + "): " + undone
						+ " message(s) left undone within " + bound + ": " + notStarted + " not started (dropped), "
						+ running + " still in the listener, " + refusedNow + " refused while stopping; "
						+ Math.max(0, before - notStarted - running) + " of " + before
						+ " in flight processed. " + (this.invoker.isQueue() ? "They are not acknowledged: AMPS returns "
						+ "the messages it leased to a subscription to the queue when it unsubscribes or disconnects."
						: "This listener does not see them again unless it resumes from a bookmark."));
			}
			else if (before > 0) {
				logger.info("Listener container '" + this.containerId + "' (" + why + "): " + before
						+ " message(s) in flight processed in " + took + " ms, 0 left undone");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Listener container '" + this.containerId + "' (" + why + "): nothing in flight");
			}
			return undone;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("Listener container '" + this.containerId + "' (" + why + "): interrupted while waiting for "
					+ this.inFlight.get() + " message(s) in flight");
			return this.inFlight.get();
		}
		finally {
			this.draining = false;
		}
	}

	/** A copy is done with: a reused one goes back, before its message stops counting as in flight. */
	private void release(MessageCopy copy) {
		if (copy.reused) {
			this.free.offer(copy);
		}
	}

	/** {@code count} messages are done with: room for as many. */
	private void done(int count) {
		int now = this.inFlight.addAndGet(-count);
		Thread waiting = this.waiting;
		if (waiting != null && now <= this.resumeAt) {
			LockSupport.unpark(waiting);
		}
		if (this.draining) {
			synchronized (this.drained) {
				this.drained.notifyAll();
			}
		}
	}

	@Override
	public String toString() {
		return "HandOff[" + this.containerId + ", " + this.mode + ", " + this.lanes.length + " lane(s), "
				+ this.inFlight.get() + " of " + this.maxInFlight + " in flight]";
	}

	/**
	 * A bounded queue of messages and the workers (at most {@code maxWorkers}) that process it.
	 * Its capacity is {@code maxInFlight}; the reservations keep every lane together below that.
	 * A linked queue: the receive thread and a worker take separate locks, and a worker sees an
	 * empty lane without a lock.
	 */
	private final class Lane implements Runnable {

		private final LinkedBlockingQueue<MessageCopy> queue = new LinkedBlockingQueue<>(HandOff.this.maxInFlight);

		private final AtomicInteger workers = new AtomicInteger();

		private final int maxWorkers;

		Lane(int maxWorkers) {
			this.maxWorkers = maxWorkers;
		}

		HandOff owner() {
			return HandOff.this;
		}

		void add(MessageCopy message) {
			this.queue.add(message);
			if (claim()) {
				start();
			}
		}

		/** Takes a worker slot, if one is free. */
		private boolean claim() {
			for (;;) {
				int workers = this.workers.get();
				if (workers >= this.maxWorkers) {
					return false;
				}
				if (this.workers.compareAndSet(workers, workers + 1)) {
					return true;
				}
			}
		}

		private void start() {
			try {
				HandOff.this.executor.execute(this);
			}
			catch (RejectedExecutionException ex) {
				logger.warn("The executor of listener container '" + HandOff.this.containerId
						+ "' refused a task (" + ex.getMessage() + "); running it on this thread");
				run();
			}
		}

		@Override
		public void run() {
			Lane previous = CURRENT.get();
			CURRENT.set(this);
			try {
				boolean claimed = true;
				while (claimed) {
					try {
						for (MessageCopy next = this.queue.poll(); next != null; next = next()) {
							if (HandOff.this.batchMax > 0) {
								batch(next);
							}
							else {
								one(next);
							}
						}
					}
					finally {
						this.workers.decrementAndGet();
					}
					// a message added after the last poll, while this worker still held its slot
					claimed = !this.queue.isEmpty() && claim();
				}
			}
			finally {
				if (previous != null) {
					CURRENT.set(previous);
				}
				else {
					CURRENT.remove();
				}
			}
		}

		/** The next message, spinning a little while the lane is empty; {@code null} if it stays empty. */
		private MessageCopy next() {
			MessageCopy next = this.queue.poll();
			for (int i = 0; next == null && i < SPINS && !HandOff.this.draining; i++) {
				Thread.onSpinWait();
				next = this.queue.poll();
			}
			return next;
		}

		private void one(MessageCopy copy) {
			try {
				HandOff.this.invoker.process(copy.message());
			}
			finally {
				release(copy);
				done(1);
			}
		}

		/** Up to the largest batch, waiting at most the batch wait after the first message. */
		private void batch(MessageCopy first) {
			int max = HandOff.this.batchMax;
			List<MessageCopy> batch = new ArrayList<>(Math.min(max, 64));
			batch.add(first);
			long deadline = System.nanoTime() + HandOff.this.batchWaitNanos;
			try {
				while (batch.size() < max) {
					if (this.queue.drainTo(batch, max - batch.size()) > 0) {
						continue;
					}
					long remaining = deadline - System.nanoTime();
					if (remaining <= 0 || HandOff.this.draining) {
						break;
					}
					MessageCopy next = this.queue.poll(remaining, TimeUnit.NANOSECONDS);
					if (next == null) {
						break;
					}
					batch.add(next);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			List<Message> messages = new ArrayList<>(batch.size());
			for (MessageCopy copy : batch) {
				messages.add(copy.message());
			}
			try {
				HandOff.this.invoker.processBatch(messages);
			}
			finally {
				batch.forEach(HandOff.this::release);
				done(batch.size());
			}
		}

	}

}
