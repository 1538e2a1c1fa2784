package org.ampsboot.test.engine;

/**
 * A session as the engine sees it: something that holds subscriptions and takes deliveries. The engine delivers
 * through this interface only; it never knows a socket or a connection.
 *
 * <p>Internal: not API.
 */
public interface Subscriber {

	/** Whether deliveries go to it now: logged on and not silent. */
	boolean takesDeliveries();

	/** Whether its transport is still open. */
	boolean isOpen();

	/** The publisher part of the bookmarks of what it publishes (see {@code Bookmarks.nameHash}). */
	String nameHash();

	/** Its subscriptions; changed by the engine only, under the engine's lock. */
	Subscriptions subscriptions();

	/**
	 * Sends it one frame whose header is made from alternating names and values.
	 * @param origin the subscriber whose command is being handled (on whose thread the engine runs, so its flush
	 * can be deferred), or {@code null}
	 */
	void deliver(Subscriber origin, byte[] payload, int payloadOffset, int payloadLength, Object... header);

	/** Sends it one frame without payload, as {@link #deliver(Subscriber, byte[], int, int, Object...)}. */
	void deliverHeader(Subscriber origin, Object... header);

}
