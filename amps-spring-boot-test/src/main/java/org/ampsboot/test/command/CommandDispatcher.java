package org.ampsboot.test.command;

import java.util.Objects;

import org.ampsboot.test.engine.Engine;
import org.ampsboot.test.wire.Commands;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Reasons;

/**
 * Hands each command to the class of its family: {@link LogonCommand}, {@link HeartbeatCommand},
 * {@link PublishCommand}, {@link SubscribeCommand}, {@link SowCommand}, {@link SowDeleteCommand} ({@code flush} is
 * answered with its requested acks), after {@link CommandOptions} checked its options and headers. A command it does
 * not know is refused loudly
 * ({@link Acks#notSupported(Session, InboundHeader, String)}). Runs on the sending session's reader thread, so the
 * commands of one session are handled strictly in order.
 *
 * <p>Internal: not API.
 */
public final class CommandDispatcher {

	/** The AMPS server version the test server announces in its logon ack. */
	public static final String SERVER_VERSION = LogonCommand.SERVER_VERSION;

	private final LogonCommand logon;

	private final HeartbeatCommand heartbeat = new HeartbeatCommand();

	private final PublishCommand publish;

	private final SubscribeCommand subscribe;

	private final SowCommand sow;

	private final SowDeleteCommand sowDelete;

	public CommandDispatcher(ServerContext server, Engine engine) {
		this.logon = new LogonCommand(server);
		this.publish = new PublishCommand(server, engine);
		this.subscribe = new SubscribeCommand(engine);
		this.sow = new SowCommand(engine, this.subscribe);
		this.sowDelete = new SowDeleteCommand(engine);
	}

	/** A {@code heartbeat} (handled before recording and scripted faults). */
	public void heartbeat(Session session, InboundHeader header) {
		this.heartbeat.handle(session, header);
	}

	/** Any other command, after the server recorded it and applied its scripted faults. */
	public void handle(Session session, byte[] frame, int headerEnd, InboundHeader header) {
		String command = header.command();
		if (!CommandOptions.check(session, header)) {
			return;
		}
		if ("logon".equals(command)) {
			this.logon.handle(session, header);
			return;
		}
		if (!session.isLoggedOn()) {
			Acks.fail(session, header, Reasons.LOGON_REQUIRED);
			return;
		}
		switch (Objects.requireNonNullElse(Commands.canonical(command), "")) {
			case "p", "delta_publish" -> this.publish.handle(session, frame, headerEnd, header);
			case "subscribe" -> this.subscribe.subscribe(session, header, false);
			case "delta_subscribe" -> this.subscribe.subscribe(session, header, true);
			case "unsubscribe" -> this.subscribe.unsubscribe(session, header);
			case "flush" -> Acks.ackRequested(session, header);
			case "sow" -> this.sow.handle(session, header, false, false);
			case "sow_and_subscribe" -> this.sow.handle(session, header, true, false);
			case "sow_and_delta_subscribe" -> this.sow.handle(session, header, true, true);
			case "sow_delete" -> this.sowDelete.handle(session, frame, headerEnd, header);
			default -> Acks.notSupported(session, header, "command '" + command + "'");
		}
	}

}
