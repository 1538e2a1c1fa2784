package org.ampsboot.autoconfigure.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.crankuptheamps.client.PublishStore;

import org.ampsboot.PublishConfirmations;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.ampsboot.autoconfigure.AmpsStartupException;

/**
 * Opens a file publish store and checks what it recovered before the client replays it, so that
 * a damaged file fails startup naming the property and the file instead of failing the first
 * connect with an {@code OutOfMemoryError} (the client replays a garbled length as an
 * allocation), and a truncated one is reported instead of silently losing publishes.
 * <p>
 * What is checked follows what the client was seen to write (by experiment: files it wrote,
 * then garbled or truncated): a file of 2048-byte blocks, the first a header whose bytes 16 to
 * 19 hold the block size, the publishes in the blocks after it, numbered by consecutive
 * sequence numbers from the one after the last acknowledged.
 */
final class PublishStoreFile {

	private static final Log logger = LogFactory.getLog(PublishStoreFile.class);

	/** The block size the client writes with the constructors the starter uses. */
	static final int BLOCK_SIZE = 2048;

	private PublishStoreFile() {
	}

	static PublishStore open(String path, Integer capacity, String property, PublishConfirmations confirmations) {
		Path file = Path.of(path).toAbsolutePath();
		long size = checkHeader(file, property);
		PublishStore store;
		try {
			store = (capacity != null) ? new ConfirmingPublishStores.File(path, capacity, confirmations)
					: new ConfirmingPublishStores.File(path, confirmations);
		}
		catch (Exception | OutOfMemoryError ex) {
			throw failure(property, file, ex.getClass().getSimpleName() + ": " + ex.getMessage(),
					"Check " + property + ": its directory must exist and be writable, and the file must be one "
							+ "the AMPS client wrote.", ex);
		}
		if (size > 0) {
			check(store, file, size, property);
		}
		return store;
	}

	/** The file's size, 0 for a new or empty file (the client starts it afresh). */
	private static long checkHeader(Path file, String property) {
		try {
			if (!Files.isRegularFile(file) || Files.size(file) == 0) {
				return 0;
			}
			long size = Files.size(file);
			if (size < BLOCK_SIZE) {
				throw corrupt(property, file, "it is " + size + " bytes long, shorter than the store's header", null);
			}
			ByteBuffer header = ByteBuffer.allocate(20);
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
				channel.read(header, 0);
			}
			int blockSize = header.getInt(16);
			if (blockSize != BLOCK_SIZE) {
				throw corrupt(property, file, "its header gives a block size of " + blockSize + " where the AMPS client "
						+ "writes " + BLOCK_SIZE, null);
			}
			return size;
		}
		catch (IOException ex) {
			throw failure(property, file, "it could not be read: " + ex.getMessage(),
					"Check " + property + " and the file's permissions.", ex);
		}
	}

	private static void check(PublishStore store, Path file, long size, String property) {
		long blocks = size / BLOCK_SIZE - 1;
		long unacknowledged;
		long lowest;
		long last;
		try {
			unacknowledged = store.unpersistedCount();
			lowest = store.getLowestUnpersisted();
			last = store.getLastPersisted();
		}
		catch (Exception ex) {
			throw corrupt(property, file, "reading its counts failed: " + ex, ex);
		}
		if (unacknowledged < 0 || unacknowledged > blocks || (unacknowledged > 0 && lowest <= last)) {
			throw corrupt(property, file, "it claims " + unacknowledged + " unacknowledged publishes in " + blocks
					+ " blocks, the first numbered " + lowest + " after the last acknowledged " + last, null);
		}
		long[] replayed = { 0 };
		try {
			store.replay((message) -> replayed[0]++);
		}
		catch (Exception | OutOfMemoryError ex) {
			throw corrupt(property, file, "reading its publishes failed after " + replayed[0] + " of " + unacknowledged
					+ ": " + ex.getClass().getSimpleName(), ex);
		}
		if (replayed[0] != unacknowledged) {
			throw corrupt(property, file, "it holds " + replayed[0] + " readable publishes of the " + unacknowledged
					+ " it claims", null);
		}
		long missing = (unacknowledged > 0) ? lowest - last - 1 : 0;
		if (size % BLOCK_SIZE != 0 || missing > 0) {
			logger.warn("AMPS publish store " + file + " (" + property + ") is truncated: " + size + " bytes"
					+ ((size % BLOCK_SIZE != 0) ? ", not a whole number of " + BLOCK_SIZE + "-byte blocks" : "")
					+ "; recovered " + unacknowledged + " unacknowledged publishes, which will be replayed"
					+ ((missing > 0) ? "; " + missing + " publishes after the last acknowledged one (" + last
							+ ") are missing and will not be replayed" : "")
					+ ".");
		}
	}

	private static AmpsStartupException corrupt(String property, Path file, String what, Throwable cause) {
		return failure(property, file, "it is not a valid AMPS publish store: " + what,
				"Move the file aside (its unacknowledged publishes cannot be recovered from it) or point " + property
						+ " at another file.",
				cause);
	}

	private static AmpsStartupException failure(String property, Path file, String what, String action,
			Throwable cause) {
		return new AmpsStartupException(property + " is '" + file + "', but " + what + ".", action, cause);
	}

}
