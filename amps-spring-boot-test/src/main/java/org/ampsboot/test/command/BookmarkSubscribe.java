package org.ampsboot.test.command;

import java.util.List;

import org.ampsboot.test.engine.Engine;
import org.ampsboot.test.engine.QueryAcks;
import org.ampsboot.test.engine.Subscription;
import org.ampsboot.test.wire.AckTypes;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Reasons;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/**
 * Bookmark subscriptions ({@code subscribe} with a {@code bookmark}) and the {@code pause} / {@code resume} options,
 * on top of the engine's transaction log. A bookmark subscription to a topic the log does not record fails with
 * {@link Reasons#NOT_IN_TRANSACTION_LOG}, as the User Guide's "Replaying Messages with Bookmark Subscription" says
 * ("AMPS returns an error"); see docs/test-server.md for why that page wins over the Command Reference.
 */
final class BookmarkSubscribe {

	private static final Logger log = ServerLog.LOG;

	/** Bookmark subscription options the test server does not implement; refused loudly. */
	private static final List<String> UNSUPPORTED_OPTIONS = List.of("oof", "live", "fully_durable", "rate",
			"rate_max_gap", "timestamp");

	private final Engine engine;

	BookmarkSubscribe(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Handles {@code pause} of existing subscriptions and {@code resume}.
	 * @return whether the command was handled; {@code false} for a command without these options, and for a
	 * {@code pause} that places a new (paused) bookmark subscription
	 */
	boolean pauseOrResume(Session session, InboundHeader header) {
		boolean pause = Subscription.hasOption(header.options(), "pause");
		boolean resume = Subscription.hasOption(header.options(), "resume");
		if (!pause && !resume) {
			return false;
		}
		String subIds = header.subId();
		if (pause && resume) {
			Acks.notSupported(session, header, "options 'pause' and 'resume' together");
			return true;
		}
		if (subIds == null || subIds.isBlank()) {
			Acks.notSupported(session, header, "option '" + (pause ? "pause" : "resume") + "' without a sub_id");
			return true;
		}
		if (pause && !allExist(session, subIds)) {
			return false;
		}
		String what = this.engine.pauseOrResume(session, subIds, resume, acks(session, header));
		if (what != null) {
			Acks.notSupported(session, header, what);
		}
		return true;
	}

	private static boolean allExist(Session session, String subIds) {
		for (String id : subIds.split(",")) {
			boolean found = false;
			for (Subscription subscription : session.subscriptions().all()) {
				found |= subscription.id().equals(id.trim());
			}
			if (!found) {
				return false;
			}
		}
		return true;
	}

	/** A subscribe with a bookmark: replay from the transaction log, then live (or paused, with {@code pause}). */
	void subscribe(Session session, InboundHeader header, Subscription subscription, boolean delta) {
		String topic = header.topic();
		String bookmark = header.bookmark().trim();
		if (delta) {
			Acks.notSupported(session, header, "bookmark on 'delta_subscribe'");
			return;
		}
		for (String option : UNSUPPORTED_OPTIONS) {
			if (Subscription.hasOption(header.options(), option)) {
				Acks.notSupported(session, header, "option '" + option + "' on a bookmark subscription");
				return;
			}
		}
		if (this.engine.isQueue(topic)) {
			Acks.notSupported(session, header, "bookmark subscription to a queue");
			return;
		}
		if (bookmark.equals("recent")) {
			Acks.notSupported(session, header, "bookmark 'recent' sent to the server (the AMPS client resolves it "
					+ "from its bookmark store)");
			return;
		}
		boolean recorded = Subscription.isRegex(topic) ? this.engine.hasTransactionLog() : this.engine.isRecorded(topic);
		if (!recorded) {
			log.debug("AMPS test server: bookmark subscription to '{}' from {} refused with '{}'", topic, session,
					Reasons.NOT_IN_TRANSACTION_LOG);
			Acks.fail(session, header, Reasons.NOT_IN_TRANSACTION_LOG);
			return;
		}
		boolean paused = Subscription.hasOption(header.options(), "pause");
		boolean persisted = AckTypes.contains(header.ackTypes(), "persisted");
		String what = this.engine.bookmarkSubscribe(session, subscription, bookmark, paused, persisted,
				acks(session, header));
		if (what != null) {
			Acks.notSupported(session, header, what);
		}
	}

	/**
	 * The acks around a replay: {@code received} and {@code processed} first, {@code completed} once the replay is
	 * done ("Bookmark Subscriptions and Completed Acknowledgments"). {@code persisted} is not answered here: the
	 * transaction log sends it with the last bookmark it wrote ("Bookmark Subscriptions and Persisted
	 * Acknowledgments").
	 */
	private static QueryAcks acks(Session session, InboundHeader header) {
		return new QueryAcks() {

			@Override
			public void before() {
				for (String type : AckTypes.of(header.ackTypes())) {
					if (!type.equals("completed") && !type.equals("persisted") && !type.equals("stats")) {
						Acks.ack(session, header, type, "success", null);
					}
				}
			}

			@Override
			public void after(int compared, int matches, int returned) {
				if (AckTypes.contains(header.ackTypes(), "completed")) {
					Acks.ack(session, header, "completed", "success", null);
				}
			}

			@Override
			public void afterDelete(int compared, int deleted) {
				throw new UnsupportedOperationException();
			}

		};
	}

}
