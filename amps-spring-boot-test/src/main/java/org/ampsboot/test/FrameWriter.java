package org.ampsboot.test;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ScheduledFuture;

import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/**
 * The output of one {@link Connection}: a buffered stream whose writes are synchronized per connection. A frame
 * written by another connection's reader thread is flushed when that reader has nothing more to read (it keeps the
 * list), so a burst of commands is answered with few socket writes; frames written from any other thread are flushed
 * at once. Once the connection is silent or discarding, nothing more is written.
 */
final class FrameWriter {

	private static final Logger log = ServerLog.LOG;

	private static final int BUFFER_SIZE = 64 * 1024;

	private final Connection connection;

	private final String remote;

	/** Guards {@link #out} and everything written to it. */
	private final Object writeLock = new Object();

	/** Guarded by {@link #writeLock}; released (with its buffer) when the connection closes. */
	private OutputStream out;

	/** Guarded by {@code writeLock}. */
	private final byte[] writePrefix = new byte[4];

	/** Guarded by {@code writeLock}: inside {@link #together(Runnable)}, writes are not flushed one by one. */
	private boolean batching;

	/** Written under the {@code writeLock}: once set, nothing more is written. */
	private volatile boolean silent;

	/** Written under the {@code writeLock}: once set, nothing more is written, but frames are still handled. */
	private volatile boolean discardingOutput;

	private volatile long lastWriteNanos = System.nanoTime();

	FrameWriter(Connection connection, Socket socket, String remote) throws IOException {
		this.connection = connection;
		this.remote = remote;
		this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_SIZE);
	}

	boolean isSilent() {
		return this.silent;
	}

	long lastWriteNanos() {
		return this.lastWriteNanos;
	}

	/** Writes these bytes as given and flushes them. */
	void raw(byte[] bytes) {
		if (this.connection.isClosed()) {
			return;
		}
		try {
			synchronized (this.writeLock) {
				if (this.silent || this.discardingOutput) {
					return;
				}
				this.out.write(bytes);
				this.out.flush();
				this.lastWriteNanos = System.nanoTime();
			}
		}
		catch (IOException ex) {
			failed(ex);
		}
	}

	/**
	 * Flushes what was written and writes nothing more (what was written before was sent before, logically).
	 * @return {@code false} if it was already silent or the connection is closed
	 */
	boolean silence() {
		synchronized (this.writeLock) {
			if (this.silent || this.connection.isClosed()) {
				return false;
			}
			flushQuietly();
			this.silent = true;
			return true;
		}
	}

	/** Flushes what was written and writes nothing more, while frames are still handled. */
	void discard() {
		synchronized (this.writeLock) {
			if (this.connection.isClosed()) {
				return;
			}
			flushQuietly();
			this.discardingOutput = true;
		}
	}

	private void flushQuietly() {
		try {
			this.out.flush();
		}
		catch (IOException ex) {
			log.debug("AMPS test server: writing to {} failed: {}", this.remote, ex.toString());
		}
	}

	/** Writes the frames one after the other and flushes them together, in one socket write where possible. */
	void together(Runnable writes) {
		synchronized (this.writeLock) {
			this.batching = true;
			try {
				writes.run();
			}
			finally {
				this.batching = false;
			}
			flush();
		}
	}

	/**
	 * Writes one frame: length prefix, header, payload.
	 * @param origin the connection whose reader thread may be calling (its flush is then deferred), or {@code null}
	 */
	void write(Connection origin, byte[] header, int headerLength, byte[] payload, int payloadOffset,
			int payloadLength) {
		if (this.connection.isClosed()) {
			return;
		}
		try {
			synchronized (this.writeLock) {
				if (this.silent || this.discardingOutput) {
					return;
				}
				int length = headerLength + payloadLength;
				byte[] prefix = this.writePrefix;
				prefix[0] = (byte) (length >>> 24);
				prefix[1] = (byte) (length >>> 16);
				prefix[2] = (byte) (length >>> 8);
				prefix[3] = (byte) length;
				this.out.write(prefix, 0, 4);
				this.out.write(header, 0, headerLength);
				if (payloadLength > 0) {
					this.out.write(payload, payloadOffset, payloadLength);
				}
				this.lastWriteNanos = System.nanoTime();
				if (this.batching) {
					return;
				}
				if (origin == null || !origin.isReaderThread()) {
					this.out.flush();
					return;
				}
			}
			origin.flushLater(this.connection);
		}
		catch (IOException ex) {
			failed(ex);
		}
	}

	void flush() {
		if (this.connection.isClosed()) {
			return;
		}
		try {
			synchronized (this.writeLock) {
				this.out.flush();
			}
		}
		catch (IOException ex) {
			failed(ex);
		}
	}

	/**
	 * Sends what was already written to this connection (by any thread, whose flush may have been deferred) before
	 * its socket closes: the server handled those frames, so they are as good as sent. Losing them lost deliveries
	 * whose publishes were already acknowledged and recorded in the (replicated) publish history, so the
	 * publisher's replay after a failover was taken for a duplicate (ReliabilityTests, under load). A client that
	 * does not read cannot hold the close up: {@code giveUp} closes the socket under the blocked write.
	 * @param giveUp the socket's close, scheduled after a bound, or {@code null} when nothing can be scheduled (the
	 * server is shutting down): then nothing is flushed, so nothing waits for a client that may not read
	 */
	void flushBeforeClosing(ScheduledFuture<?> giveUp) {
		if (giveUp == null) {
			return;
		}
		try {
			synchronized (this.writeLock) {
				this.out.flush();
			}
		}
		catch (IOException ex) {
			log.debug("AMPS test server: sending what was written to {} before closing it failed: {}", this.remote,
					ex.toString());
		}
		finally {
			giveUp.cancel(false);
		}
	}

	/** The socket is closed: a write that was blocked has failed and let go of the lock; the buffer goes. */
	void release() {
		synchronized (this.writeLock) {
			this.out = OutputStream.nullOutputStream();
		}
	}

	private void failed(IOException ex) {
		log.debug("AMPS test server: writing to {} failed: {}", this.remote, ex.toString());
		this.connection.close();
	}

}
