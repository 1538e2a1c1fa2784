package org.ampsboot.test.command;

import java.util.List;

import org.ampsboot.test.engine.QueryAcks;
import org.ampsboot.test.wire.AckTypes;
import org.ampsboot.test.wire.Commands;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Reasons;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/**
 * The acks of every command: success and failure for the requested types ({@link #fail}: a publish's failure also
 * when none was requested), the acks around a query or delete, and the one loud refusal of what the test server
 * does not implement ({@link #notSupported(Session, InboundHeader, String)}).
 *
 * <p>Internal: not API.
 */
public final class Acks {

	private static final Logger log = ServerLog.LOG;

	private Acks() {
	}

	/** A success ack for every ack type the command requested, and nothing if it requested none. */
	public static void ackRequested(Session session, InboundHeader header) {
		String ackTypes = header.ackTypes();
		if (ackTypes == null || ackTypes.isEmpty()) {
			return;
		}
		for (String type : AckTypes.of(ackTypes)) {
			ack(session, header, type, "success", null);
		}
	}

	/**
	 * A failure ack for every ack type the command requested. A publish ({@code p}, {@code publish},
	 * {@code delta_publish}) that requested none still gets a {@code processed} failure ack: the client guides'
	 * "Unexpected Messages" page says "if a client publishes a message that AMPS cannot parse, AMPS returns a failure
	 * acknowledgment", which the client hands to its last-chance handler. Any other command that requested none gets
	 * nothing (Command Reference "subscribe": "Regardless of success or failure, the processed acknowledgment will
	 * only be returned if requested").
	 */
	public static void fail(Session session, InboundHeader header, String reason) {
		List<String> types = isPublish(header.command()) ? AckTypes.orProcessed(header.ackTypes())
				: AckTypes.of(header.ackTypes());
		for (String type : types) {
			ack(session, header, type, "failure", reason);
		}
	}

	/** A failure ack for every requested ack type, or a processed one if none was requested (loud refusals). */
	private static void failLoudly(Session session, InboundHeader header, String reason) {
		for (String type : AckTypes.orProcessed(header.ackTypes())) {
			ack(session, header, type, "failure", reason);
		}
	}

	/**
	 * The loud refusal of something the test server does not implement: a failure ack with the reason
	 * {@link Reasons#notSupported(String) not supported by the AMPS test server: <what>} for every requested ack
	 * type (or {@code processed} if none was requested), and exactly one WARN line naming the command, the client
	 * and what is not supported.
	 * @param what what is not supported, for example {@code "command 'teleport'"} or {@code "option 'x'"}
	 */
	public static void notSupported(Session session, InboundHeader header, String what) {
		String reason = Reasons.notSupported(what);
		log.warn("AMPS test server: '{}' from {} asks for {}, which the test server does not implement; answering "
				+ "with a failure ack '{}'", header.command(), session, what, reason);
		failLoudly(session, header, reason);
	}

	static void ack(Session session, InboundHeader header, String type, String status, String reason) {
		boolean publish = isPublish(header.command());
		boolean persisted = type.equals("persisted");
		session.deliverHeader(session, "c", "ack", "a", type, "cid", header.commandId(), "t",
				(publish && !persisted) ? header.topic() : null, "s",
				(publish && persisted) ? header.sequenceNumber() : null, "sub_id", header.subId(), "query_id",
				header.queryId(), "status", status, "reason", reason);
	}

	private static boolean isPublish(String command) {
		String canonical = Commands.canonical(command);
		return "p".equals(canonical) || "delta_publish".equals(canonical);
	}

	/** The acks after a query or delete, in the requested order: {@code completed}, and {@code stats} as given. */
	private static void completedAndStats(Session session, InboundHeader header, Runnable stats) {
		for (String type : AckTypes.of(header.ackTypes())) {
			if (type.equals("completed")) {
				ack(session, header, type, "success", null);
			}
			else if (type.equals("stats")) {
				stats.run();
			}
		}
	}

	/**
	 * The acks of a query or delete, around its results: {@code received}, {@code processed} (and any other type)
	 * before, {@code completed} and {@code stats} after.
	 */
	static QueryAcks around(Session session, InboundHeader header) {
		return new QueryAcks() {

			@Override
			public void before() {
				for (String type : AckTypes.of(header.ackTypes())) {
					if (!type.equals("completed") && !type.equals("stats")) {
						ack(session, header, type, "success", null);
					}
				}
			}

			@Override
			public void after(int compared, int matches, int returned) {
				completedAndStats(session, header, () -> session.deliverHeader(session, "c", "ack", "a", "stats", "cid",
						header.commandId(), "sub_id", header.subId(), "query_id", header.queryId(), "status", "success",
						"matches", matches, "topic_matches", compared, "records_returned", returned));
			}

			@Override
			public void afterDelete(int compared, int deleted) {
				completedAndStats(session, header, () -> session.deliverHeader(session, "c", "ack", "a", "stats", "cid",
						header.commandId(), "t", header.topic(), "status", "success", "matches", deleted, "topic_matches",
						compared, "records_deleted", deleted));
			}

		};
	}

}
