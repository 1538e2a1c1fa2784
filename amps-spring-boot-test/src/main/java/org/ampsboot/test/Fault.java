package org.ampsboot.test;

import org.ampsboot.test.wire.Commands;
import org.ampsboot.test.wire.Frames;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Scripted misbehaviour for an {@link AmpsTestServer}, handed to {@link AmpsTestServer#enqueue(Fault)} in the
 * manner of MockWebServer's queued responses. Each fault is used once; faults of one kind are used in the
 * order they were enqueued.
 *
 * <p>Command names are matched as sent, except that {@code "p"} and {@code "publish"} are the same command.
 * When a command matches more than one kind, a {@link #dropOnNext(String) drop} is used first, then a
 * {@link #silenceOnNext(String) silence}, then a {@link #failNext(String, String) failure}; the others stay
 * queued for the next such command. Commands that arrive on a silent connection consume no fault.
 */
public final class Fault {

	enum Kind {

		FAIL, DROP, SILENCE, PUSH_AFTER_LOGON

	}

	private final Kind kind;

	private final String command;

	private final String reason;

	private final byte[] frame;

	private Fault(Kind kind, String command, String reason, byte[] frame) {
		this.kind = kind;
		this.command = command;
		this.reason = reason;
		this.frame = frame;
	}

	/**
	 * The next command of this kind (from any connection) is answered with a failure ack, status
	 * {@code failure} and the given reason, for every ack type it requested; a command that requested none gets
	 * none (AMPS answers only the ack types requested), except a publish, which gets a {@code processed} failure
	 * ack (it reaches the client's last-chance handler). The command has no other effect.
	 * @param command the command, for example {@code "p"}, {@code "subscribe"}, {@code "logon"}
	 * @param reason the failure reason, for example {@code "parse error"} or {@code "not entitled"}
	 */
	public static Fault failNext(String command, String reason) {
		Objects.requireNonNull(reason, "reason");
		return new Fault(Kind.FAIL, Commands.canonical(Objects.requireNonNull(command, "command")), reason, null);
	}

	/**
	 * The connection that sends the next command of this kind is closed before the command is processed
	 * (the command is still recorded as received).
	 */
	public static Fault dropOnNext(String command) {
		return new Fault(Kind.DROP, Commands.canonical(Objects.requireNonNull(command, "command")), null, null);
	}

	/**
	 * The connection that sends the next command of this kind goes silent, like a hung server, before the
	 * command is processed (see {@link ServerConnection#goSilent()}): that command is recorded as received but
	 * has no effect and is not acknowledged, and from then on the connection discards what it reads and sends
	 * nothing at all, not even heartbeats, while its socket stays open.
	 * @param command the command, for example {@code "p"}, {@code "subscribe"}, {@code "logon"}
	 */
	public static Fault silenceOnNext(String command) {
		return new Fault(Kind.SILENCE, Commands.canonical(Objects.requireNonNull(command, "command")), null, null);
	}

	/**
	 * The next successful logon ack is followed immediately, in the same socket write, by this frame, sent
	 * verbatim.
	 * @param headerJson the header object, for example {@code {"c":"p","t":"orders","sids":"x","bm":"1|1|"}}
	 * @param payload the payload, may be empty
	 */
	public static Fault pushAfterLogon(String headerJson, String payload) {
		return new Fault(Kind.PUSH_AFTER_LOGON, null, null,
				Frames.verbatim(Objects.requireNonNull(headerJson, "headerJson"), payload));
	}

	Kind kind() {
		return this.kind;
	}

	String command() {
		return this.command;
	}

	String reason() {
		return this.reason;
	}

	byte[] frame() {
		return this.frame;
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case FAIL -> "Fault.failNext(" + this.command + ", " + this.reason + ")";
			case DROP -> "Fault.dropOnNext(" + this.command + ")";
			case SILENCE -> "Fault.silenceOnNext(" + this.command + ")";
			case PUSH_AFTER_LOGON -> "Fault.pushAfterLogon("
					+ new String(this.frame, StandardCharsets.UTF_8) + ")";
		};
	}

}
