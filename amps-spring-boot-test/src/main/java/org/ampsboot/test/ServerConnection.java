package org.ampsboot.test;

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

	/** Closes the connection abruptly, without any goodbye frame. */
	void drop();

	/** Whether the connection is still open. */
	boolean isOpen();

}
