package org.ampsboot.test;

import org.ampsboot.test.command.ServerContext;
import org.ampsboot.test.command.Session;

/** The server as the command layer sees it: the logon registry, the publish history and the scripted pushes. */
final class CommandContext implements ServerContext {

	private final AmpsTestServer server;

	private final LogonRegistry logons;

	private final FaultScript faults;

	CommandContext(AmpsTestServer server, LogonRegistry logons, FaultScript faults) {
		this.server = server;
		this.logons = logons;
		this.faults = faults;
	}

	@Override
	public boolean checkCredentials(String user, String password) {
		return this.logons.checkCredentials(user, password);
	}

	@Override
	public String logOn(Session session, String name, String user, String nameHash, boolean json) {
		return this.logons.logOn((Connection) session, name, user, nameHash, json);
	}

	@Override
	public void loggedOn(Session session) {
		this.logons.loggedOn((Connection) session);
	}

	@Override
	public Long highestSequence(String clientName) {
		return (clientName != null) ? this.server.publishHistory().highest(clientName) : null;
	}

	@Override
	public boolean advanceSequence(String clientName, long sequence) {
		if (clientName == null) {
			return true;
		}
		return this.server.publishHistory().advance(clientName, sequence);
	}

	@Override
	public byte[] takePushAfterLogon() {
		Fault push = this.faults.takePushAfterLogon();
		return (push != null) ? push.frame() : null;
	}

}
