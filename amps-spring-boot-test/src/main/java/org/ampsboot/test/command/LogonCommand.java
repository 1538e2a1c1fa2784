package org.ampsboot.test.command;

import java.util.List;

import org.ampsboot.test.wire.AckTypes;
import org.ampsboot.test.wire.Bookmarks;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Reasons;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/**
 * {@code logon}: credentials, the client name (one live session per name), and the ack with {@code s}, {@code v}
 * and {@code bm}, followed in the same write by a frame a test scripted.
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
		String refusal = this.server.checkCredentials(header.userId(), header.password()) ? null : Reasons.AUTH_FAILURE;
		if (refusal == null && !this.server.logOn(session, name, Bookmarks.nameHash(name),
				header.messageType() == null || header.messageType().equalsIgnoreCase("json"))) {
			refusal = Reasons.NAME_IN_USE;
		}
		if (refusal != null) {
			// Never the password.
			log.info("AMPS test server: refused logon of client '{}' (user '{}') from {}: {}", name, header.userId(),
					session.remoteAddress(), refusal);
			for (String type : AckTypes.orProcessed(header.ackTypes())) {
				session.deliverHeader(session, "c", "ack", "a", type, "cid", header.commandId(), "client_name", name,
						"status", "failure", "reason", refusal);
			}
			return;
		}
		Long lastSequence = this.server.highestSequence(name);
		byte[] push = this.server.takePushAfterLogon();
		List<String> types = AckTypes.orProcessed(header.ackTypes());
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
