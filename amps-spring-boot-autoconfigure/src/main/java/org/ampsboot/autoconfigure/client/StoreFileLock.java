package org.ampsboot.autoconfigure.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import com.crankuptheamps.client.Client;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.ampsboot.autoconfigure.AmpsStartupException;

/**
 * Keeps a store file to one client across processes: an exclusive lock on {@code <file>.lock},
 * taken before the client opens the store and held until the client is closed. Two processes
 * whose clients share a store file overwrite each other's records; the second fails startup
 * naming the property, the file and the process that holds it. The operating system releases the
 * lock when the holding process ends in any way ({@code kill -9} included), so a restart after a
 * crash is never refused. The lock is on a file of its own, since closing any channel on the store
 * file itself (the client does) can release a process's locks on it.
 * <p>
 * Within one application the starter's validator refuses two clients with one store file before
 * this runs.
 */
final class StoreFileLock {

	private static final Log logger = LogFactory.getLog(StoreFileLock.class);

	private static final Map<Client, List<StoreFileLock>> held = Collections.synchronizedMap(new WeakHashMap<>());

	private final Path lockFile;

	private final FileChannel channel;

	private StoreFileLock(Path lockFile, FileChannel channel) {
		this.lockFile = lockFile;
		this.channel = channel;
	}

	/**
	 * Locks a store file for a client.
	 * @param path the store file, as configured
	 * @param property the property that configured it, for the error
	 * @param clientName the client's name, written into the lock file for the error another
	 * process reports
	 * @return the lock, or {@code null} when the lock file cannot be created (the directory is
	 * missing or not writable: opening the store then fails with its own error)
	 * @throws AmpsStartupException when another process or another client of this JVM holds it
	 */
	static StoreFileLock acquire(String path, String property, String clientName) {
		Path file = Path.of(path).toAbsolutePath();
		Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
		FileChannel channel;
		try {
			channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
		}
		catch (IOException | UnsupportedOperationException ex) {
			return null;
		}
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			closeQuietly(channel);
			throw inUse(property, file, lockFile, "another AMPS client of this JVM");
		}
		catch (IOException ex) {
			closeQuietly(channel);
			logger.warn("Could not lock " + lockFile + " (" + ex.getMessage() + "); " + property
					+ " is not protected against use by a second process");
			return null;
		}
		if (lock == null) {
			String holder = read(channel);
			closeQuietly(channel);
			throw inUse(property, file, lockFile,
					"another process" + (holder.isEmpty() ? "" : " (" + holder + ")"));
		}
		try {
			byte[] holder = ("pid " + ProcessHandle.current().pid() + ", client '" + clientName + "'")
				.getBytes(StandardCharsets.UTF_8);
			channel.truncate(0);
			channel.write(ByteBuffer.wrap(holder), 0);
		}
		catch (IOException ex) {
			// the lock holds without the note
		}
		return new StoreFileLock(lockFile, channel);
	}

	/** Keeps the locks of a client until {@link #releaseAll(Client)}. */
	static void hold(Client client, List<StoreFileLock> locks) {
		if (!locks.isEmpty()) {
			held.computeIfAbsent(client, (key) -> new ArrayList<>()).addAll(locks);
		}
	}

	/** Releases the locks of a client: it is closed, or was never started. */
	static void releaseAll(Client client) {
		List<StoreFileLock> locks = held.remove(client);
		if (locks != null) {
			locks.forEach(StoreFileLock::release);
		}
	}

	void release() {
		closeQuietly(this.channel);
		if (logger.isDebugEnabled()) {
			logger.debug("Released " + this.lockFile);
		}
	}

	private static AmpsStartupException inUse(String property, Path file, Path lockFile, String holder) {
		return new AmpsStartupException(property + ": the store file " + file + " is in use by " + holder
				+ ", which holds its lock file " + lockFile
				+ ". Two clients that share a store file overwrite each other's records.",
				"Give each process its own " + property + " (and its own amps.client-name), or stop the other one first.");
	}

	private static String read(FileChannel channel) {
		try {
			ByteBuffer buffer = ByteBuffer.allocate(200);
			int read = channel.read(buffer, 0);
			return (read > 0) ? new String(buffer.array(), 0, read, StandardCharsets.UTF_8).trim() : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static void closeQuietly(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// nothing to do
		}
	}

}
