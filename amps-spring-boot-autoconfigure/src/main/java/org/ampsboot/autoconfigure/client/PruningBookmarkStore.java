package org.ampsboot.autoconfigure.client;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import com.crankuptheamps.client.LoggedBookmarkStore;
import com.crankuptheamps.client.exception.AMPSException;
import com.crankuptheamps.client.fields.Field;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The file bookmark store ({@code amps.bookmark-store.type=file}): the client's
 * {@link LoggedBookmarkStore}, which appends an entry for every message received and every
 * message discarded and never shrinks by itself, pruned with its public {@link #prune()} (its
 * Javadoc: "to manage the size of the file by removing outdated entries") by one rule: every
 * {@value #CHECK_EVERY} discards the file's size is read, and past the threshold
 * ({@code amps.bookmark-store.prune-threshold}) the store is pruned. A prune keeps what a resume
 * needs (the messages not yet discarded after each subscription's recovery point), so when a
 * listener holds messages back the pruned file can stay large; the next prune then waits until the
 * file has doubled, so that pruning never runs on every check. Pruning runs on the thread that
 * discards, under the store's own lock.
 */
final class PruningBookmarkStore extends LoggedBookmarkStore {

	/** How many discards pass between two reads of the file's size. */
	static final int CHECK_EVERY = 1000;

	private static final Log logger = LogFactory.getLog(PruningBookmarkStore.class);

	private final File file;

	private final long threshold;

	private final AtomicLong discards = new AtomicLong();

	private final AtomicLong prunes = new AtomicLong();

	/** The longest prune so far, in microseconds. */
	private volatile long longestPruneMicros;

	/** The size past which the next prune runs: the threshold, or twice what the last prune left. */
	private volatile long nextPruneAt;

	PruningBookmarkStore(String path, long threshold) throws IOException {
		super(path);
		this.file = new File(path);
		this.threshold = threshold;
		this.nextPruneAt = threshold;
	}

	@Override
	public void discard(Field subId, long bookmarkSeqNo) throws AMPSException {
		super.discard(subId, bookmarkSeqNo);
		if (this.discards.incrementAndGet() % CHECK_EVERY == 0) {
			pruneIfLarge();
		}
	}

	private void pruneIfLarge() {
		long before = this.file.length();
		if (before <= this.nextPruneAt) {
			return;
		}
		try {
			long start = System.nanoTime();
			prune();
			long after = this.file.length();
			long micros = (System.nanoTime() - start) / 1000;
			this.longestPruneMicros = Math.max(this.longestPruneMicros, micros);
			this.prunes.incrementAndGet();
			this.nextPruneAt = Math.max(this.threshold, 2 * after);
			if (after > this.threshold) {
				logger.warn("The bookmark store " + this.file + " is still " + after + " bytes after pruning (threshold "
						+ this.threshold + "): messages received but not yet processed hold it; next prune past "
						+ this.nextPruneAt + " bytes");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Pruned the bookmark store " + this.file + " from " + before + " to " + after + " bytes in "
						+ micros + " us");
			}
		}
		catch (IOException | AMPSException | RuntimeException ex) {
			this.nextPruneAt = Math.max(this.threshold, 2 * before);
			logger.warn("Could not prune the bookmark store " + this.file + " (" + before + " bytes; next try past "
					+ this.nextPruneAt + " bytes): " + ex);
		}
	}

	/** How many prunes ran. */
	long prunes() {
		return this.prunes.get();
	}

	/** The longest prune so far, in microseconds. */
	long longestPruneMicros() {
		return this.longestPruneMicros;
	}

}
