package org.ampsboot.test.command;

import java.util.List;

import org.ampsboot.test.wire.AckTypes;
import org.ampsboot.test.wire.Bookmarks;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Reasons;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/**
 * {@code logon} (Command Reference "logon"): one logon per connection, credentials, the client name (a logon with
 * the name and user of a live connection replaces that connection; with the name of a live connection of another
 * user it fails with {@code name in use}), and the requested acks with {@code s}, {@code v} and {@code bm},
 * followed in the same write by a frame a test scripted. As for every command but a publish, only the requested
 * ack types are answered (Command Reference "ack: Status from Server": "AMPS does not create ack messages unless
 * an acknowledgment is specifically requested").
 */
final class LogonCommand {

	private static final Logger log = ServerLog.LOG;

	/** The AMPS server version the test server announces in its logon ack. */
	static final String SERVER_VERSION = "5.3.4.0";

	private final ServerContext server;

	LogonCommand(ServerContext server) {
		this.server = server;
	}

	void handle(Session session, InboundHeader header) {
		String name = header.clientName();
		String refusal = null;
		if (session.isLoggedOn()) {
			// "AMPS only allows a single logon command for each connection." (Command Reference "logon")
			refusal = Reasons.ALREADY_LOGGED_ON;
		}
		else if (!this.server.checkCredentials(header.userId(), header.password())) {
			refusal = Reasons.AUTH_FAILURE;
		}
		else {
			refusal = this.server.logOn(session, name, header.userId(), Bookmarks.nameHash(name),
					header.messageType() == null || header.messageType().equalsIgnoreCase("json"));
		}
		if (refusal != null) {
			// Never the password.
			log.info("AMPS test server: refused logon of client '{}' (user '{}') from {}: {}", name, header.userId(),
					session.remoteAddress(), refusal);
			for (String type : AckTypes.of(header.ackTypes())) {
				session.deliverHeader(session, "c", "ack", "a", type, "cid", header.commandId(), "client_name", name,
						"status", "failure", "reason", refusal);
			}
			return;
		}
		Long lastSequence = this.server.highestSequence(name);
		byte[] push = this.server.takePushAfterLogon();
		List<String> types = AckTypes.of(header.ackTypes());
		String commandId = header.commandId();
		session.sendTogether(() -> {
			for (String type : types) {
				session.deliverHeader(session, "c", "ack", "a", type, "cid", commandId, "client_name", name, "s",
						lastSequence, "status", "success", "v", SERVER_VERSION, "bm", session.nameHash() + "|0|");
			}
			if (push != null) {
				session.writeVerbatim(session, push);
			}
		});
		log.debug("AMPS test server: client '{}' logged on from {}", name, session.remoteAddress());
		this.server.loggedOn(session);
	}

}
