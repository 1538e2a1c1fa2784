package org.ampsboot.test.command;

import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/** {@code heartbeat}: {@code start,N} starts the session's heartbeat; the requested acks follow. */
final class HeartbeatCommand {

	private static final Logger log = ServerLog.LOG;

	void handle(Session session, InboundHeader header) {
		String options = header.options();
		log.trace("AMPS test server: heartbeat '{}' from {}", options, session);
		if (options != null && options.startsWith("start")) {
			int comma = options.indexOf(',');
			int interval = 0;
			if (comma >= 0) {
				try {
					interval = Integer.parseInt(options.substring(comma + 1).trim());
				}
				catch (NumberFormatException ex) {
					log.warn("AMPS test server: heartbeat from {} has unreadable options '{}'", session, options);
				}
			}
			session.startHeartbeat(interval);
		}
		Acks.ackRequested(session, header);
	}

}
