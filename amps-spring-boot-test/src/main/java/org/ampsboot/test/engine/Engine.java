package org.ampsboot.test.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.ampsboot.test.engine.filter.ContentFilter;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Json;
import org.ampsboot.test.wire.Reasons;

/**
 * The engine of one test server: topics and messages, with no sockets. It routes publishes to matching
 * subscriptions ({@link Router}), keeps the State of the World topics a test declared ({@link SowStore},
 * queries in {@link SowQuery}, delta merge and difference in {@link Deltas}) and the message queues
 * ({@link Queues}). It delivers through {@link Subscriber} and runs timers through {@link Scheduler}; it never
 * calls a connection or the server.
 *
 * <p>One lock guards the SOW topics, the queues and every subscription's state, and is held while the resulting
 * frames are written, so a query and the subscription it places are atomic with respect to publishes, and every
 * subscriber sees the changes of a topic in the same order.
 *
 * <p>Internal: not API.
 */
public final class Engine {

	final ReentrantLock lock = new ReentrantLock();

	final Scheduler scheduler;

	private final Iterable<? extends Subscriber> subscribers;

	private final AtomicLong bookmarkSequence = new AtomicLong();

	final SowStore sow = new SowStore(this);

	private final SowQuery queries = new SowQuery(this);

	private final Queues queues = new Queues(this);

	private final Router router = new Router(this);

	final TransactionLog txlog = new TransactionLog(this);

	private final BookmarkSubscriptions bookmarks = new BookmarkSubscriptions(this, this.txlog);

	/**
	 * @param subscribers the live subscribers (iterated for every delivery; it must tolerate concurrent change)
	 * @param scheduler runs SOW expiration and queue leases
	 */
	public Engine(Iterable<? extends Subscriber> subscribers, Scheduler scheduler) {
		this.subscribers = subscribers;
		this.scheduler = scheduler;
	}

	Iterable<? extends Subscriber> subscribers() {
		return this.subscribers;
	}

	/** The next number of the server-wide, increasing bookmark sequence. */
	public long nextBookmarkSequence() {
		return this.bookmarkSequence.incrementAndGet();
	}

	/** Where the server-wide bookmark sequence is now (the last one issued). */
	long bookmarkSequenceNow() {
		return this.bookmarkSequence.get();
	}

	/** Keeps the history of a declared SOW topic for historical queries, as {@code AmpsTestServer.sowHistory}. */
	public void keepSowHistory(String topic) {
		SowTopic sow = this.sow.topics.get(topic);
		if (sow == null) {
			throw new IllegalStateException("Topic '" + topic + "' is not a SOW topic: declare it with sowTopic first");
		}
		this.lock.lock();
		try {
			if (sow.history == null) {
				sow.history = new SowHistory();
				for (Record record : sow.records.values()) {
					sow.history.changed(record.sowKey, record, bookmarkSequenceNow());
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** A new bookmark for a message of this publisher: {@code <name hash>|<sequence>|}. */
	String nextBookmark(Subscriber publisher) {
		return publisher.nameHash() + "|" + nextBookmarkSequence() + "|";
	}

	// ---- configuration

	/** Declares a SOW topic, as {@code AmpsTestServer.sowTopic} describes. */
	public void declareSowTopic(String topic, String... keyPaths) {
		Declarations.checkSowTopic(topic, keyPaths);
		if (this.queues.topics.containsKey(topic)) {
			throw new IllegalStateException("Topic '" + topic + "' is already a queue; it cannot also be a SOW topic");
		}
		this.sow.declare(topic, List.of(keyPaths));
	}

	/** Declares a SOW topic whose publishers give the SowKeys, as {@code AmpsTestServer.sowTopicWithPublisherKeys}. */
	public void declareSowTopicWithPublisherKeys(String topic) {
		Declarations.checkSowTopicName(topic);
		if (this.queues.topics.containsKey(topic)) {
			throw new IllegalStateException("Topic '" + topic + "' is already a queue; it cannot also be a SOW topic");
		}
		this.sow.declare(topic, List.of());
	}

	/** Whether a SOW topic's publishers give the SowKeys. */
	public boolean hasPublisherKeys(String topic) {
		SowTopic sow = (topic != null) ? this.sow.topics.get(topic) : null;
		return sow != null && sow.publisherKeys;
	}

	/** Declares a queue, as {@code AmpsTestServer.queue} describes. */
	public void declareQueue(String topic, Duration leasePeriod) {
		Declarations.checkQueue(topic, leasePeriod);
		if (this.sow.topics.containsKey(topic)) {
			throw new IllegalStateException("Topic '" + topic + "' is already a SOW topic; it cannot also be a queue");
		}
		this.queues.declare(topic, leasePeriod);
	}

	/** Records the publishes to these topics (names, or regular expressions) in the transaction log. */
	public void transactionLog(String... topicPatterns) {
		for (String pattern : topicPatterns) {
			Declarations.checkTransactionLogTopic(pattern);
		}
		this.txlog.record(topicPatterns);
	}

	/** The number of entries the transaction log keeps; past it the oldest are dropped. */
	public void transactionLogCapacity(int maxEntries) {
		this.txlog.capacity(maxEntries);
	}

	/** Whether publishes to this topic are recorded in the transaction log. */
	public boolean isRecorded(String topic) {
		return topic != null && this.txlog.records(topic);
	}

	/** Whether a transaction log records any topic. */
	public boolean hasTransactionLog() {
		return this.txlog.isEnabled();
	}

	public boolean isQueue(String topic) {
		return topic != null && this.queues.topics.containsKey(topic);
	}

	public boolean isSowTopic(String topic) {
		return topic != null && this.sow.topics.containsKey(topic);
	}

	// ---- publish

	/** Delivers a publish to a plain topic (neither SOW nor queue) to every matching subscription. */
	public void route(Subscriber publisher, String topic, byte[] frame, int headerEnd, int payloadLength) {
		route(publisher, topic, frame, headerEnd, payloadLength, null);
	}

	/**
	 * Delivers a publish to a plain topic (neither SOW nor queue) to every matching subscription, with the
	 * publisher's correlation id ({@code null}: none), "passed, verbatim, to subscribers" (Command Reference,
	 * "publish: Content from Server").
	 */
	public void route(Subscriber publisher, String topic, byte[] frame, int headerEnd, int payloadLength,
			String correlationId) {
		this.router.deliver(publisher, topic, frame, headerEnd, payloadLength, correlationId);
	}

	/**
	 * Stores a publish to a SOW topic (merging a delta publish) and delivers it.
	 * @return {@code null}, or the failure reason when the message cannot be stored
	 * @see SowStore#publish
	 */
	public String publishToSow(Subscriber publisher, String topic, byte[] payload, Long expirationSeconds,
			boolean deltaPublish) {
		return publishToSow(publisher, topic, payload, expirationSeconds, deltaPublish, null);
	}

	/**
	 * Stores a publish to a SOW topic (merging a delta publish) with its correlation id ({@code null}: none) and
	 * delivers it.
	 * @return {@code null}, or the failure reason when the message cannot be stored
	 * @see SowStore#publish
	 */
	public String publishToSow(Subscriber publisher, String topic, byte[] payload, Long expirationSeconds,
			boolean deltaPublish, String correlationId) {
		return publishToSow(publisher, topic, payload, expirationSeconds, deltaPublish, correlationId, null);
	}

	/**
	 * Stores a publish to a SOW topic with the SowKey its publisher gave ({@code null}: derived from the key fields).
	 * @return {@code null}, or the failure reason when the message cannot be stored
	 * @see SowStore#publish
	 */
	public String publishToSow(Subscriber publisher, String topic, byte[] payload, Long expirationSeconds,
			boolean deltaPublish, String correlationId, String sowKey) {
		return this.sow.publish(publisher, topic, payload, expirationSeconds, deltaPublish, correlationId, sowKey);
	}

	/**
	 * Seeds a declared SOW topic or queue with messages, as publishes from no connection would (the test's set-up),
	 * in order: each stored (or queued) and delivered to the matching subscriptions there are.
	 * @throws IllegalArgumentException if the topic is neither a SOW topic nor a queue, or a message would be refused
	 * (the messages before it are stored)
	 */
	public void seed(String topic, String... jsonPayloads) {
		if (!isSowTopic(topic) && !isQueue(topic)) {
			throw new IllegalArgumentException("Cannot seed '" + topic + "': it is not a SOW topic or queue of this "
					+ "server; declare it first with sowTopic(...) or queue(...)");
		}
		for (int i = 0; i < jsonPayloads.length; i++) {
			byte[] payload = Objects.requireNonNull(jsonPayloads[i], "jsonPayloads").getBytes(StandardCharsets.UTF_8);
			String refusal = !Json.isValidJson(payload, 0, payload.length) ? Reasons.PARSE_ERROR : seed(topic, payload);
			if (refusal != null) {
				throw new IllegalArgumentException("Cannot seed '" + topic + "' with message " + (i + 1) + " of "
						+ jsonPayloads.length + " (" + jsonPayloads[i] + "): a publish of it is refused with '"
						+ refusal + "'");
			}
		}
	}

	private String seed(String topic, byte[] payload) {
		if (isQueue(topic)) {
			enqueue(Seeder.INSTANCE, topic, payload);
			return null;
		}
		return publishToSow(Seeder.INSTANCE, topic, payload, null, false);
	}

	/** Puts a publish into a queue and delivers what can be delivered. */
	public void enqueue(Subscriber publisher, String topic, byte[] payload) {
		enqueue(publisher, topic, payload, null);
	}

	/** Puts a publish with its correlation id ({@code null}: none) into a queue and delivers what can be delivered. */
	public void enqueue(Subscriber publisher, String topic, byte[] payload, String correlationId) {
		this.queues.enqueue(publisher, topic, payload, correlationId);
	}

	// ---- queries, deletes, acknowledgements

	/**
	 * Validates a query's topic, order, keys and query options; see {@link Query#refusal()}. With {@code subscribe}
	 * ({@code sow_and_subscribe}, {@code sow_and_delta_subscribe}) a topic without a SOW is a query with no records.
	 */
	public Query prepareQuery(InboundHeader header, ContentFilter filter, boolean subscribe) {
		return this.queries.prepare(header, filter, subscribe);
	}

	/**
	 * Answers a valid query, placing the subscription (if any) in the same atomic step.
	 * @return {@code null}, or what the test server does not implement (nothing was sent)
	 */
	public String query(Subscriber subscriber, InboundHeader header, Query query, Subscription subscription,
			QueryAcks acks) {
		return this.queries.query(subscriber, header, query, subscription, acks);
	}

	/**
	 * A {@code sow_delete} by keys, filter or data.
	 * @return {@code null}, or the failure reason (nothing was deleted or acknowledged)
	 */
	public String delete(Subscriber subscriber, InboundHeader header, ContentFilter filter, byte[] payload,
			QueryAcks acks) {
		return this.sow.delete(subscriber, header, filter, payload, acks);
	}

	/**
	 * A queue acknowledgement ({@code sow_delete} with bookmarks on a queue topic).
	 * @return {@code null}, or the failure reason
	 */
	public String acknowledge(Subscriber subscriber, InboundHeader header, QueryAcks acks) {
		return this.queues.acknowledge(subscriber, header, acks);
	}

	/**
	 * A {@code sow} query of a queue: its available messages, read-only.
	 * @param filter the content filter, or {@code null}
	 */
	public void queryQueue(Subscriber subscriber, InboundHeader header, ContentFilter filter, QueryAcks acks) {
		this.queues.query(subscriber, header, filter, acks);
	}

	/** The messages of a queue not yet acknowledged, leased or not, in the order they were published. */
	public List<String> queueContents(String topic) {
		return this.queues.contents(topic);
	}

	/**
	 * The records of a SOW topic, in the order their keys were first published, as their JSON payloads (a test
	 * helper's order; a {@code sow} query without {@code orderby} does not return publish order).
	 */
	public List<String> records(String topic) {
		return this.sow.records(topic);
	}

	// ---- subscriptions

	/**
	 * Places a subscription (a plain or delta subscribe) under the lock, so SOW deliveries see it atomically, then
	 * leases it the queue messages already waiting for it (as {@link #subscribe(Subscriber, Subscription, Runnable)}
	 * does, with no acks in between).
	 */
	public void subscribe(Subscriber subscriber, Subscription subscription) {
		subscribe(subscriber, subscription, () -> {
		});
	}

	/**
	 * Places a subscription under the lock, then runs {@code placed} (the subscribe's acks), then leases it what its
	 * queues hold: AMPS "returns an ack message when the subscription is processed ... and then begins providing
	 * publish messages" (User Guide, "Messages in AMPS"). A subscription that replaces one with the same id keeps
	 * its queue leases ({@link Queues#replaced}).
	 */
	public void subscribe(Subscriber subscriber, Subscription subscription, Runnable placed) {
		this.lock.lock();
		try {
			Subscription replaced = subscriber.subscriptions().replace(subscription);
			if (replaced != null) {
				this.queues.replaced(replaced, subscription);
				released(replaced);
			}
			placed.run();
			this.queues.dispatchFor(subscriber, subscription);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Places a bookmark subscription: replays the transaction log from the bookmark (or, with {@code paused}, waits for
	 * a resume), then makes it live, all under the lock, so that nothing is missed and nothing comes twice.
	 * {@code acks.before()} goes out first, {@code acks.after(replayed, replayed)} after the replay.
	 * @return {@code null}, or what the test server does not support about this bookmark (nothing was placed)
	 */
	public String bookmarkSubscribe(Subscriber subscriber, Subscription subscription, String bookmark,
			boolean paused, boolean persistedAcks, QueryAcks acks) {
		return this.bookmarks.subscribe(subscriber, subscription, bookmark, paused, persistedAcks, acks);
	}

	/**
	 * Pauses the subscriptions with these ids (comma-delimited), or resumes them (replaying what they missed).
	 * {@code acks.before()} goes out first; after a resume, {@code acks.after} follows the replays.
	 * @return {@code null}, or what the test server does not support (nothing was changed)
	 */
	public String pauseOrResume(Subscriber subscriber, String subIds, boolean resume, QueryAcks acks) {
		return this.bookmarks.pauseOrResume(subscriber, subIds, resume, acks);
	}

	/** Removes the subscriptions with these ids ({@code "all"}: every one). */
	public void unsubscribe(Subscriber subscriber, String subIds) {
		this.lock.lock();
		try {
			for (Subscription removed : subscriber.subscriptions().remove(subIds)) {
				released(removed);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** A subscriber went away: its subscriptions are gone. */
	public void subscriberGone(Subscriber subscriber) {
		this.lock.lock();
		try {
			for (Subscription subscription : subscriber.subscriptions().all()) {
				released(subscription);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A subscription was removed or replaced: its focus is forgotten, and the queue messages leased to it go back to
	 * their queues and are delivered to other subscriptions.
	 */
	void released(Subscription subscription) {
		subscription.inFocus.clear();
		this.queues.released(subscription);
		this.txlog.released(subscription);
	}

}
