package org.ampsboot.test.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The bookmark-subscription orchestration of the {@link Engine}: placing a bookmark subscription (replay from the
 * {@link TransactionLog}, then live) and pausing or resuming bookmark subscriptions. Every step runs under the
 * engine's lock, so a subscription sees the replay and then the live messages with no gap and no duplicate.
 *
 * <p>Internal: not API.
 */
final class BookmarkSubscriptions {

	private final Engine engine;

	private final TransactionLog txlog;

	BookmarkSubscriptions(Engine engine, TransactionLog txlog) {
		this.engine = engine;
		this.txlog = txlog;
	}

	/** See {@link Engine#bookmarkSubscribe}. */
	String subscribe(Subscriber subscriber, Subscription subscription, String bookmark, boolean paused,
			boolean persistedAcks, QueryAcks acks) {
		ReplayPoint point = ReplayPoint.parse(bookmark);
		if (point == null) {
			return "bookmark '" + bookmark + "' (the test server knows 0, 0|1|, the bookmarks it issued, timestamps "
					+ "YYYYMMDDThhmmss[Z] and comma-delimited lists of them)";
		}
		this.engine.lock.lock();
		try {
			if (this.txlog.needsDropped(point)) {
				return "a replay from bookmark '" + bookmark + "', older than the oldest entry the transaction log "
						+ "keeps (capacity " + this.txlog.capacity() + ")";
			}
			String notHeld = this.txlog.notHeld(point);
			if (notHeld != null) {
				return "bookmark '" + notHeld + "', which names no message of this server's transaction log (the "
						+ "test server finds a bookmark by its publisher and sequence; a bookmark of another server, "
						+ "or of this one before it started anew, is not a position here)";
			}
			acks.before();
			Subscription replaced = subscriber.subscriptions().replace(subscription);
			if (replaced != null) {
				this.engine.released(replaced);
			}
			if (paused) {
				subscription.paused = true;
				this.txlog.placed(subscription, persistedAcks, point);
				return null;
			}
			int replayed = this.txlog.replay(subscriber, subscription, point);
			acks.after(replayed, replayed, replayed);
			this.txlog.placed(subscription, persistedAcks, null);
			return null;
		}
		finally {
			this.engine.lock.unlock();
		}
	}

	/** See {@link Engine#pauseOrResume}. */
	String pauseOrResume(Subscriber subscriber, String subIds, boolean resume, QueryAcks acks) {
		this.engine.lock.lock();
		try {
			List<Subscription> targets = new ArrayList<>();
			for (String id : subIds.split(",")) {
				Subscription found = find(subscriber, id.trim());
				String refusal = refusal(found, id.trim(), resume);
				if (refusal != null) {
					return refusal;
				}
				targets.add(found);
			}
			acks.before();
			int replayed = 0;
			for (Subscription target : targets) {
				if (resume) {
					replayed += this.txlog.resume(subscriber, target);
				}
				else {
					this.txlog.pause(target);
				}
			}
			if (resume) {
				acks.after(replayed, replayed, replayed);
			}
			return null;
		}
		finally {
			this.engine.lock.unlock();
		}
	}

	/** The last subscription of this subscriber with this id, or {@code null}. */
	private static Subscription find(Subscriber subscriber, String id) {
		Subscription found = null;
		for (Subscription subscription : subscriber.subscriptions().all()) {
			if (subscription.id().equals(id)) {
				found = subscription;
			}
		}
		return found;
	}

	/** Why this subscription cannot be paused or resumed, or {@code null}. */
	private String refusal(Subscription found, String id, boolean resume) {
		if (found == null || !this.txlog.isBookmarkSubscription(found)) {
			return (resume ? "resume" : "pause") + " of '" + id
					+ "', which is not a bookmark subscription of this connection";
		}
		if (!resume) {
			return null;
		}
		ReplayPoint from = this.txlog.pausedAt(found);
		if (from == null) {
			return "resume of '" + id + "', which is not paused";
		}
		if (this.txlog.needsDropped(from)) {
			return "resume of '" + id + "': entries it missed were dropped from the transaction log "
					+ "(capacity " + this.txlog.capacity() + ")";
		}
		return null;
	}

}
