package org.ampsboot.test.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.regex.Pattern;

import org.ampsboot.test.wire.Json;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/**
 * The transaction log of one test server, in memory: the publishes to the topics a test named (regular expressions,
 * like the {@code Topic} of AMPS's {@code TransactionLog} configuration), in the order they were delivered, each with
 * its bookmark; the oldest entries are dropped past the capacity. It replays them to bookmark subscriptions
 * ({@link ReplayPoint}), pauses and resumes them, and sends their periodic {@code persisted} acks with the last
 * bookmark written to the log. Recording, delivering and replaying all run under the {@link Engine}'s lock, so a
 * subscription sees the replay and then the live messages with no gap and no duplicate.
 *
 * <p>Internal: not API.
 */
final class TransactionLog {

	private static final Logger log = ServerLog.LOG;

	static final int DEFAULT_CAPACITY = 100_000;

	/** How often a bookmark subscription that asked for {@code persisted} acks gets one, when the log moved on. */
	static final long PERSISTED_ACK_INTERVAL_MILLIS = 1000;

	private final Engine engine;

	private final List<Pattern> patterns = new CopyOnWriteArrayList<>();

	private final List<String> names = new CopyOnWriteArrayList<>();

	private volatile int capacity = DEFAULT_CAPACITY;

	private final ArrayDeque<Entry> entries = new ArrayDeque<>();

	/** The highest sequence and the newest time of the entries dropped past the capacity (0 and MIN: none). */
	private long droppedSequence;

	private long droppedMillis = Long.MIN_VALUE;

	private String lastBookmark;

	private final Map<Subscription, State> subscriptions = new IdentityHashMap<>();

	private ScheduledFuture<?> persistedAcks;

	TransactionLog(Engine engine) {
		this.engine = engine;
	}

	/** Adds topics to record: a name without regular-expression metacharacters names one topic, others match. */
	void record(String... topicPatterns) {
		for (String topic : topicPatterns) {
			if (Subscription.isRegex(topic)) {
				this.patterns.add(Pattern.compile(topic));
			}
			else {
				this.names.add(topic);
			}
		}
	}

	void capacity(int maxEntries) {
		if (maxEntries < 1) {
			throw new IllegalArgumentException("The transaction log capacity must be at least 1, not " + maxEntries);
		}
		this.engine.lock.lock();
		try {
			this.capacity = maxEntries;
			trim();
		}
		finally {
			this.engine.lock.unlock();
		}
	}

	int capacity() {
		return this.capacity;
	}

	/** Whether publishes to this topic are recorded. */
	boolean records(String topic) {
		if (this.names.contains(topic)) {
			return true;
		}
		for (Pattern pattern : this.patterns) {
			if (pattern.matcher(topic).find()) {
				return true;
			}
		}
		return false;
	}

	/** Whether anything is configured (a bookmark subscription to a regex topic needs at least that). */
	boolean isEnabled() {
		return !this.names.isEmpty() || !this.patterns.isEmpty();
	}

	/** Records a message (under the engine's lock); the bookmark is {@code <hash>|<sequence>|}. */
	void append(String topic, String bookmark, byte[] payload, String sowKey, String correlationId) {
		long sequence = Long.parseLong(bookmark.substring(bookmark.indexOf('|') + 1, bookmark.length() - 1));
		this.entries.addLast(new Entry(sequence, bookmark, topic, payload, sowKey, correlationId,
				System.currentTimeMillis()));
		this.lastBookmark = bookmark;
		trim();
	}

	private void trim() {
		while (this.entries.size() > this.capacity) {
			Entry dropped = this.entries.removeFirst();
			this.droppedSequence = dropped.sequence;
			this.droppedMillis = dropped.timeMillis;
		}
	}

	/** Whether replaying from this point needs entries that were dropped past the capacity. */
	boolean needsDropped(ReplayPoint point) {
		return this.droppedSequence != 0 && !point.epoch
				&& (point.afterSequence < this.droppedSequence || point.atOrAfterMillis <= this.droppedMillis);
	}

	/**
	 * The first bookmark of this point that names no entry of this log, or {@code null}. AMPS locates a bookmark
	 * in its transaction log ("Replaying Messages with Bookmark Subscription": "AMPS locates the bookmark in the
	 * transaction log, and begins the subscription at that point"); its bookmarks identify a message by
	 * publisher and sequence across a replicated group. The test server's sequence is its own, so a bookmark of
	 * another server (a failover to a server whose log is not the same, or a server started anew) would silently
	 * be taken as a position here: it is refused instead. Bookmarks older than the log keeps are
	 * {@link #needsDropped}'s.
	 */
	String notHeld(ReplayPoint point) {
		for (String bookmark : point.issued) {
			long sequence = Long.parseLong(bookmark.substring(bookmark.indexOf('|') + 1, bookmark.length() - 1));
			if (sequence <= this.droppedSequence) {
				continue;
			}
			Entry found = null;
			for (Iterator<Entry> newest = this.entries.descendingIterator(); newest.hasNext();) {
				Entry entry = newest.next();
				if (entry.sequence <= sequence) {
					found = (entry.sequence == sequence) ? entry : null;
					break;
				}
			}
			if (found == null || !found.bookmark.equals(bookmark)) {
				return bookmark;
			}
		}
		return null;
	}

	/** The highest sequence recorded so far (0: none). */
	private long lastSequence() {
		return this.entries.isEmpty() ? this.droppedSequence : this.entries.getLast().sequence;
	}

	/** Sends the entries from this point that match the subscription, in the order they were recorded. */
	int replay(Subscriber subscriber, Subscription subscription, ReplayPoint point) {
		int replayed = 0;
		if (point.isNow()) {
			return 0;
		}
		for (Entry entry : this.entries) {
			if (!point.replays(entry.sequence, entry.timeMillis) || !subscription.matchesTopic(entry.topic)
					|| !(subscription.filter() == null || subscription
						.matchesContent(Json.document(entry.payload, 0, entry.payload.length)))) {
				continue;
			}
			subscriber.deliver(subscriber, entry.payload, 0, entry.payload.length, "c", "p", "t", entry.topic, "sids",
					subscription.id(), "bm", entry.bookmark, "k", entry.sowKey, "x", entry.correlationId);
			replayed++;
		}
		return replayed;
	}

	/** A bookmark subscription was placed (after its replay, or paused): it gets persisted acks if it asked. */
	void placed(Subscription subscription, boolean persistedAcks, ReplayPoint pausedAt) {
		State state = new State(persistedAcks);
		state.resumeFrom = pausedAt;
		this.subscriptions.put(subscription, state);
		if (persistedAcks && pausedAt == null) {
			sendPersisted(subscription, state);
		}
		if (persistedAcks && this.persistedAcks == null) {
			schedulePersistedAcks();
		}
	}

	boolean isBookmarkSubscription(Subscription subscription) {
		return this.subscriptions.containsKey(subscription);
	}

	/** Pauses a bookmark subscription: it gets nothing until resumed, then the entries recorded meanwhile. */
	void pause(Subscription subscription) {
		State state = this.subscriptions.get(subscription);
		if (state.resumeFrom == null) {
			state.resumeFrom = ReplayPoint.after(lastSequence());
			subscription.paused = true;
		}
	}

	/** The point a paused subscription resumes from, or {@code null} if it is not paused. */
	ReplayPoint pausedAt(Subscription subscription) {
		State state = this.subscriptions.get(subscription);
		return (state != null) ? state.resumeFrom : null;
	}

	/** Replays what a paused subscription missed and makes it live again. */
	int resume(Subscriber subscriber, Subscription subscription) {
		State state = this.subscriptions.get(subscription);
		int replayed = replay(subscriber, subscription, state.resumeFrom);
		state.resumeFrom = null;
		subscription.paused = false;
		if (state.persistedAcks) {
			sendPersisted(subscription, state);
		}
		return replayed;
	}

	void released(Subscription subscription) {
		this.subscriptions.remove(subscription);
	}

	private void schedulePersistedAcks() {
		this.persistedAcks = this.engine.scheduler.schedule(this::sendPersistedAcks, PERSISTED_ACK_INTERVAL_MILLIS);
	}

	private void sendPersistedAcks() {
		this.engine.lock.lock();
		try {
			this.persistedAcks = null;
			boolean wanted = false;
			for (Map.Entry<Subscription, State> entry : new ArrayList<>(this.subscriptions.entrySet())) {
				State state = entry.getValue();
				if (state.persistedAcks) {
					wanted = true;
					if (state.resumeFrom == null && this.lastBookmark != null
							&& !this.lastBookmark.equals(state.lastPersisted)) {
						sendPersisted(entry.getKey(), state);
					}
				}
			}
			if (wanted) {
				schedulePersistedAcks();
			}
		}
		catch (RuntimeException ex) {
			log.debug("AMPS test server: persisted acks for bookmark subscriptions failed: {}", ex.toString());
		}
		finally {
			this.engine.lock.unlock();
		}
	}

	/**
	 * The persisted ack of a bookmark subscription: {@code sub_id} and the last bookmark written to the log in
	 * {@code bm}, without {@code cid} (what the client's bookmark store records as the subscription's persisted point).
	 */
	private void sendPersisted(Subscription subscription, State state) {
		Subscriber subscriber = subscription.subscriber();
		if (this.lastBookmark == null || !subscriber.takesDeliveries()) {
			return;
		}
		state.lastPersisted = this.lastBookmark;
		subscriber.deliverHeader(null, "c", "ack", "a", "persisted", "sub_id", subscription.id(), "bm",
				this.lastBookmark, "status", "success");
	}

	/** One recorded message. */
	static final class Entry {

		final long sequence;

		final String bookmark;

		final String topic;

		final byte[] payload;

		final String sowKey;

		final String correlationId;

		final long timeMillis;

		Entry(long sequence, String bookmark, String topic, byte[] payload, String sowKey, String correlationId,
				long timeMillis) {
			this.sequence = sequence;
			this.bookmark = bookmark;
			this.topic = topic;
			this.payload = payload;
			this.sowKey = sowKey;
			this.correlationId = correlationId;
			this.timeMillis = timeMillis;
		}

	}

	/** What the log keeps about one bookmark subscription. */
	private static final class State {

		final boolean persistedAcks;

		/** Where a paused subscription resumes, or {@code null} while it is live. */
		ReplayPoint resumeFrom;

		String lastPersisted;

		State(boolean persistedAcks) {
			this.persistedAcks = persistedAcks;
		}

	}

}
