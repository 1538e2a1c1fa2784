package org.ampsboot.autoconfigure.listener;

import java.util.concurrent.atomic.AtomicLong;

import com.crankuptheamps.client.BookmarkStore;
import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.DefaultBookmarkStore;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.fields.Field;
import com.crankuptheamps.client.fields.StringField;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.ampsboot.AmpsBookmarks;
import org.ampsboot.autoconfigure.fallback.ReplayedBookmarkDeliveries;

/**
 * Marks the messages of one bookmark listener processed in its client's bookmark store
 * ({@link BookmarkStore#discard(Field, long)}), so that its subscription resumes after them: on a
 * reconnect or failover the client resubscribes from the store's recovery point, and at a restart
 * with a file store {@code bookmark = "recent"} does.
 * <p>
 * Two calls, so that the work may move off the receive thread: {@link #capture(Message)} on the
 * receive thread, before any hand-off, takes what is needed from the message (which the client
 * reuses) as a token; {@link #processed(long)} with that token once the listener returned normally
 * or the error handler did, from any thread and in any order. Completion out of order needs nothing
 * here: the client's stores keep each subscription's recovery point at the last message up to which
 * every message was discarded (the Javadoc of {@code LoggedBookmarkStore}: it "fully supports
 * discarding messages in an order different from the order they arrived"), and skip a replayed
 * message that was discarded already ({@code isDiscarded}); {@code BookmarkDiscardTests} shows both
 * with the real stores.
 */
final class BookmarkDiscard {

	private static final Log logger = LogFactory.getLog(BookmarkDiscard.class);

	/** The token of a message the store did not log (no bookmark store, or no bookmark): nothing to mark. */
	static final long NONE = 0;

	private final Client client;

	private final String id;

	/** The subscription id the store keys the listener's bookmarks by: the container id. */
	private final Field subId;

	private final AtomicLong failures = new AtomicLong();

	BookmarkDiscard(Client client, String subscriptionId) {
		this.client = client;
		this.id = subscriptionId;
		this.subId = new StringField(subscriptionId);
		ReplayedBookmarkDeliveries.of(client).add(subscriptionId);
	}

	/**
	 * The discard of a listener: one for a bookmark subscription (its subscription id is its
	 * container id, see {@link ListenerSpec#command}), else {@code null}.
	 */
	static BookmarkDiscard of(ListenerSpec spec, Client client) {
		if (!spec.isBookmark()) {
			return null;
		}
		BookmarkStore store = client.getBookmarkStore();
		if (AmpsBookmarks.RECENT.equals(spec.bookmark().trim())
				&& (store == null || store instanceof DefaultBookmarkStore)) {
			String prefix = (spec.client() == null || spec.client().isEmpty()) ? "amps."
					: "amps.clients." + spec.client() + ".";
			logger.warn("Bookmark listener '" + spec.id() + "' subscribes from 'recent', but its AMPS client has no "
					+ "bookmark store: the client resolves 'recent' to 0, so the whole transaction log is replayed at "
					+ "every start. Set " + prefix + "bookmark-store.type=file (with " + prefix
					+ "bookmark-store.path) to resume where it left off.");
		}
		return new BookmarkDiscard(client, spec.id());
	}

	/**
	 * On the receive thread, before any hand-off: the token of this delivery, the sequence number
	 * the bookmark store gave it when the client logged it ({@link #NONE}: nothing to mark).
	 */
	long capture(Message message) {
		return message.getBookmarkSeqNo();
	}

	/**
	 * The message of this token was processed (the listener returned normally, or the error handler
	 * did): marks it discarded. Any thread, any order.
	 */
	void processed(long token) {
		if (token == NONE) {
			return;
		}
		try {
			BookmarkStore store = this.client.getBookmarkStore();
			if (store != null) {
				store.discard(this.subId, token);
			}
		}
		catch (Exception ex) {
			long failed = this.failures.incrementAndGet();
			if (failed == 1 || failed % 1000 == 0) {
				logger.warn("Could not mark a message of bookmark listener '" + this.id + "' processed in the "
						+ "bookmark store (" + failed + " failure(s) so far; such a message is delivered again when "
						+ "the subscription resumes): " + ex);
			}
		}
	}

	/** How many messages could not be marked processed. */
	long failures() {
		return this.failures.get();
	}

}
