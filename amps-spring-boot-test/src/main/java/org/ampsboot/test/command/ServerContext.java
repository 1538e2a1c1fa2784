package org.ampsboot.test.command;

/**
 * What the commands need from the server beyond the engine: credentials, the logon registry, the publish history
 * and scripted pushes. Implemented by the server layer.
 *
 * <p>Internal: not API.
 */
public interface ServerContext {

	/** Whether these credentials are accepted (always, unless the test required some). */
	boolean checkCredentials(String user, String password);

	/**
	 * Marks the session logged on under the client name, applying AMPS's rule for a name in use (Command Reference
	 * "logon"): a live session with the same name and the same user is a connection this logon replaces, and is
	 * disconnected; one with the same name and another user makes this logon fail.
	 * @param user the user of the logon ({@code null} without credentials)
	 * @return {@code null} if it is logged on, otherwise the failure reason
	 */
	String logOn(Session session, String name, String user, String nameHash, boolean json);

	/** The session's logon ack went out: tests waiting for a logon may have it. */
	void loggedOn(Session session);

	/** The highest publish sequence number seen from this client name, or {@code null}. */
	Long highestSequence(String clientName);

	/**
	 * Records a publish sequence number of a client.
	 * @return {@code false} if it is not above the highest seen for that client name (a duplicate)
	 */
	boolean advanceSequence(String clientName, long sequence);

	/** The frame a test scripted to follow the next logon ack, taken from the script, or {@code null}. */
	byte[] takePushAfterLogon();

}
