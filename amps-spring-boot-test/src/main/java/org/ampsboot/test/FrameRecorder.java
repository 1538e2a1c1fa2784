package org.ampsboot.test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.ampsboot.test.wire.Commands;

/**
 * The frames an {@link AmpsTestServer} received, for {@link AmpsTestServer#takeFrame(String, Duration)} and
 * {@link AmpsTestServer#receivedFrames()}: the most recent ones, up to a bound.
 */
final class FrameRecorder {

	private final ReentrantLock framesLock = new ReentrantLock();

	private final Condition frameArrived = this.framesLock.newCondition();

	/** Guarded by {@code framesLock}: the frames kept, oldest first. */
	private final ArrayDeque<ReceivedFrame> allFrames = new ArrayDeque<>();

	/** Guarded by {@code framesLock}: the kept frames not yet taken, oldest first. */
	private final ArrayDeque<ReceivedFrame> unconsumedFrames = new ArrayDeque<>();

	/** Guarded by {@code framesLock}: how many frames were recorded since the server was created. */
	private long recordedCount;

	/** How many of the most recent frames to keep; {@link Integer#MAX_VALUE} for all. */
	private volatile int maxRecordedFrames = AmpsTestServer.DEFAULT_RECORDED_FRAMES;

	/** See {@link AmpsTestServer#takeFrame(String, Duration)}. */
	ReceivedFrame take(String command, Duration timeout) {
		long remaining = timeout.toNanos();
		this.framesLock.lock();
		try {
			while (true) {
				Iterator<ReceivedFrame> frames = this.unconsumedFrames.iterator();
				while (frames.hasNext()) {
					ReceivedFrame frame = frames.next();
					if (command == null || Commands.same(command, frame.command())) {
						frames.remove();
						return frame;
					}
				}
				if (remaining <= 0) {
					return null;
				}
				remaining = this.frameArrived.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		finally {
			this.framesLock.unlock();
		}
	}

	List<ReceivedFrame> all() {
		this.framesLock.lock();
		try {
			return List.copyOf(this.allFrames);
		}
		finally {
			this.framesLock.unlock();
		}
	}

	/** See {@link AmpsTestServer#recordFrames(int)}. */
	void keep(int max) {
		if (max < 0) {
			throw new IllegalArgumentException("recordFrames needs 0 or more frames, not " + max);
		}
		this.framesLock.lock();
		try {
			this.maxRecordedFrames = max;
			forgetOldFrames();
		}
		finally {
			this.framesLock.unlock();
		}
	}

	/** Whether received frames are recorded at all (not after {@code recordFrames(0)}). */
	boolean recordsFrames() {
		return this.maxRecordedFrames > 0;
	}

	void record(ReceivedFrame frame) {
		if (this.maxRecordedFrames == 0) {
			return;
		}
		this.framesLock.lock();
		try {
			frame.arrival = this.recordedCount++;
			this.allFrames.addLast(frame);
			this.unconsumedFrames.addLast(frame);
			forgetOldFrames();
			this.frameArrived.signalAll();
		}
		finally {
			this.framesLock.unlock();
		}
	}

	/** Drops what is beyond the {@code maxRecordedFrames} most recent frames; holding {@code framesLock}. */
	private void forgetOldFrames() {
		int max = this.maxRecordedFrames;
		while (this.allFrames.size() > max) {
			this.allFrames.removeFirst();
		}
		// the untaken frames are a subsequence of the kept ones: forget those that arrived before the oldest kept
		long oldestKept = this.recordedCount - Math.min(max, this.recordedCount);
		while (!this.unconsumedFrames.isEmpty() && this.unconsumedFrames.peekFirst().arrival < oldestKept) {
			this.unconsumedFrames.removeFirst();
		}
	}

}
