package org.ampsboot.test;

import java.time.Duration;

/**
 * One client connection to an {@link AmpsTestServer}, as a test sees it.
 */
public interface ServerConnection {

	/** The client name from this connection's successful logon, or {@code null} before logon. */
	String clientName();

	/**
	 * Pushes one frame to this client verbatim: the length prefix is added, the header and payload are sent
	 * as given (nothing is validated, so malformed headers can be sent on purpose).
	 * @param headerJson the header object, for example {@code {"c":"p","t":"orders","sids":"s1","bm":"1|7|"}}
	 * @param payload the payload, {@code null} for none
	 */
	void send(String headerJson, String payload);

	/**
	 * Writes these bytes to this connection exactly as given, with no length prefix and no framing of any kind,
	 * and flushes them: for feeding a client malformed input (a length prefix that is zero, negative or far too
	 * large, a frame that ends early, a header that is not JSON). The bytes follow whatever the server wrote
	 * before them, so a call can also complete a frame begun by an earlier one. Like {@link #send(String, String)},
	 * it does nothing on a closed or {@link #goSilent() silent} connection.
	 * <p>Beware what the 5.3.5.3 Java client does with some of them (the module README has the whole table): it
	 * skips a bad length prefix or a header that is not an object without a word, waits silently for the rest of a
	 * frame whose length is beyond what arrives (allocating that length), and on a header with bad JSON syntax
	 * ({@code {c:p}}) reports a {@code StreamException} to its exception listener and then spins its reader thread
	 * for good, with {@code close()} never returning.
	 * @param bytes the bytes to write; the array is not kept
	 */
	void sendRaw(byte[] bytes);

	/**
	 * Closes the connection abruptly, without any goodbye frame. What the server had already sent on it (deliveries
	 * and acks of commands it handled) still reaches the client first, as from a broker process that dies after
	 * writing to its socket; nothing is sent after it.
	 */
	void drop();

	/** Whether the connection is still open. */
	boolean isOpen();

	/**
	 * Makes this connection behave like a hung server, for tests of a client's heartbeat timeout and failover:
	 * from now on it reads and discards every frame (frames other than heartbeats are still recorded for
	 * {@link AmpsTestServer#receivedFrames()} and {@link AmpsTestServer#takeFrame(String, Duration)}, but they
	 * have no effect and consume no {@link Fault}), and sends nothing at all: no acks, no heartbeats, no
	 * deliveries, and not even frames pushed with {@link #send(String, String)} or
	 * {@link AmpsTestServer#sendToAll(String, String)}. The socket stays open until the client closes it, the
	 * test drops it, or the server closes; the server's own heartbeat timeout no longer applies to it. What was
	 * written before this call is flushed first. It cannot be undone; a silent connection does not hold its
	 * client name, so the client may log on again with it on a new connection, which is served normally.
	 */
	void goSilent();

	/** Whether {@link #goSilent()} was called on this connection (directly, or through the server or a fault). */
	boolean isSilent();

}
