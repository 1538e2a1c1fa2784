package org.ampsboot.test.command;

import org.ampsboot.test.engine.Subscriber;

/**
 * A client connection as the commands see it: the engine's {@link Subscriber}, plus its logon state and what a
 * command may do to it. Implemented by the server's connection; commands never see a socket.
 *
 * <p>Internal: not API.
 */
public interface Session extends Subscriber {

	/** The client name from the successful logon, or {@code null} before logon. */
	String clientName();

	boolean isLoggedOn();

	boolean isSilent();

	/** Whether its logon asked for JSON messages (payloads are then checked). */
	boolean jsonMessages();

	/** The remote address, for logs. */
	String remoteAddress();

	/** Closes it abruptly. */
	void close();

	/** Makes it silent, like a hung server, logging why. */
	void goSilent(String why);

	/** Starts (or, with a non-positive interval, stops) the heartbeat that the client asked for. */
	void startHeartbeat(int intervalSeconds);

	/** Writes the frames one after the other and flushes them together, in one socket write where possible. */
	void sendTogether(Runnable writes);

	/** Writes a complete frame body (header and payload) as given. */
	void writeVerbatim(Subscriber origin, byte[] frame);

}
