package org.ampsboot.test;

import org.ampsboot.test.command.Acks;
import org.ampsboot.test.command.CommandDispatcher;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/**
 * What the server does with each frame before the command layer sees it: a silent connection discards it, a
 * heartbeat goes straight to its command, every other frame is recorded for the test and may meet a scripted
 * {@link Fault} (drop, silence, failure); the rest goes to the {@link CommandDispatcher}. Runs on the sending
 * connection's reader thread.
 */
final class FrameHandler {

	private static final Logger log = ServerLog.LOG;

	private final FrameRecorder recorder;

	private final FaultScript faults;

	private final CommandDispatcher commands;

	FrameHandler(FrameRecorder recorder, FaultScript faults, CommandDispatcher commands) {
		this.recorder = recorder;
		this.faults = faults;
		this.commands = commands;
	}

	void handle(Connection connection, byte[] frame, int headerEnd, InboundHeader header) {
		String command = header.command();
		boolean heartbeat = "heartbeat".equals(command);
		if (connection.isSilent()) {
			// a hung server: read, record (not heartbeats), discard
			if (!heartbeat && this.recorder.recordsFrames()) {
				this.recorder.record(new ReceivedFrame(frame, headerEnd, command,
						"logon".equals(command) ? header.clientName() : connection.clientName()));
			}
			log.trace("AMPS test server: silent connection {} discards '{}'", connection, command);
			return;
		}
		if (heartbeat) {
			this.commands.heartbeat(connection, header);
			return;
		}
		boolean logon = "logon".equals(command);
		if (this.recorder.recordsFrames()) {
			this.recorder.record(new ReceivedFrame(frame, headerEnd, command,
					logon ? header.clientName() : connection.clientName()));
		}
		Fault fault = this.faults.takeFault(command);
		if (fault != null && fault.kind() == Fault.Kind.DROP) {
			log.info("AMPS test server: dropping connection {} on its '{}' command, as scripted by {}", connection,
					command, fault);
			connection.close();
			return;
		}
		if (fault != null && fault.kind() == Fault.Kind.SILENCE) {
			connection.goSilent("on its '" + command + "' command, as scripted by " + fault);
			return;
		}
		if (fault != null) {
			log.info("AMPS test server: failing '{}' command of {} with '{}', as scripted", command, connection,
					fault.reason());
			Acks.fail(connection, header, fault.reason());
			return;
		}
		this.commands.handle(connection, frame, headerEnd, header);
	}

}
