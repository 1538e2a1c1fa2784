package org.ampsboot.test.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.ampsboot.test.engine.filter.ContentFilter;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Json;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

import tools.jackson.databind.JsonNode;

/**
 * Message queues (AMPS User Guide, "Message Queues"): each message leased to one subscription at a time, at most
 * {@code max_backlog} per subscription, acknowledged by {@code sow_delete} with bookmarks, returned to the queue
 * when its lease expires or its subscription goes away. Runs under the {@link Engine}'s lock.
 */
final class Queues {

	private static final Logger log = ServerLog.LOG;

	private static final DateTimeFormatter LEASE_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final Engine engine;

	final ConcurrentHashMap<String, QueueTopic> topics = new ConcurrentHashMap<>();

	Queues(Engine engine) {
		this.engine = engine;
	}

	void declare(String topic, Duration leasePeriod) {
		QueueTopic existing = this.topics.putIfAbsent(topic, new QueueTopic(topic, leasePeriod));
		if (existing != null && !existing.leasePeriod.equals(leasePeriod)) {
			throw new IllegalStateException("Topic '" + topic + "' is already a queue with the lease period "
					+ existing.leasePeriod + "; it cannot be declared again with " + leasePeriod);
		}
	}

	/** Puts a publish into a queue and delivers what can be delivered. */
	void enqueue(Subscriber publisher, String topic, byte[] payload, String correlationId) {
		QueueTopic queue = this.topics.get(topic);
		this.engine.lock.lock();
		try {
			String bookmark = this.engine.nextBookmark(publisher);
			QueueMessage message = new QueueMessage(queue.nextSequence++, payload,
					Json.document(payload, 0, payload.length), bookmark, correlationId);
			queue.available.put(message.sequence, message);
			dispatch(publisher, queue);
		}
		finally {
			this.engine.lock.unlock();
		}
	}

	/** Delivers what can be delivered of every queue the subscription takes from. */
	void dispatchFor(Subscriber origin, Subscription subscription) {
		for (QueueTopic queue : this.topics.values()) {
			if (subscription.matches(queue.name)) {
				dispatch(origin, queue);
			}
		}
	}

	/**
	 * Leases available messages, oldest first, to the subscriptions of the queue that have room in their backlog
	 * ({@code max_backlog}, 1 by default) and whose filter matches, taking turns between subscriptions. Each delivery is
	 * {@code {"c":"p","t":<queue>,"sids":<sub>,"bm":<bookmark>,"lp":<lease expiry>}}.
	 */
	private void dispatch(Subscriber origin, QueueTopic queue) {
		if (queue.available.isEmpty()) {
			return;
		}
		List<Subscription> subscribers = new ArrayList<>();
		for (Subscriber subscriber : this.engine.subscribers()) {
			if (!subscriber.takesDeliveries() || !subscriber.isOpen()) {
				continue;
			}
			for (Subscription subscription : subscriber.subscriptions().all()) {
				if (subscription.matches(queue.name)) {
					subscribers.add(subscription);
				}
			}
		}
		if (subscribers.isEmpty()) {
			return;
		}
		for (QueueMessage message : new ArrayList<>(queue.available.values())) {
			Subscription chosen = null;
			for (int i = 0; i < subscribers.size(); i++) {
				Subscription candidate = subscribers.get(Math.floorMod(queue.turn + i, subscribers.size()));
				if (candidate.leased < candidate.maxBacklog() && candidate.matchesContent(message.document)) {
					chosen = candidate;
					queue.turn = Math.floorMod(queue.turn + i + 1, subscribers.size());
					break;
				}
			}
			if (chosen == null) {
				continue;
			}
			lease(origin, queue, message, chosen);
		}
	}

	private void lease(Subscriber origin, QueueTopic queue, QueueMessage message, Subscription subscription) {
		queue.available.remove(message.sequence);
		queue.leased.put(message.bookmark, message);
		message.leasedTo = subscription;
		message.deliveries++;
		subscription.leased++;
		long leaseMillis = queue.leasePeriod.toMillis();
		int delivery = message.deliveries;
		message.lease = this.engine.scheduler.schedule(() -> leaseExpired(queue, message, delivery), leaseMillis);
		String leaseExpiry = LEASE_FORMAT.format(Instant.now().plusMillis(leaseMillis));
		subscription.subscriber().deliver(origin, message.data, 0, message.data.length, "c", "p", "t", queue.name,
				"sids", subscription.id(), "bm", message.bookmark, "lp", leaseExpiry, "x", message.correlationId);
	}

	/** The lease of this delivery (counted by {@code deliveries}) expired, unless it ended before. */
	private void leaseExpired(QueueTopic queue, QueueMessage message, int delivery) {
		this.engine.lock.lock();
		try {
			if (message.leasedTo == null || message.deliveries != delivery) {
				return;
			}
			log.debug("AMPS test server: the lease of queue message {} on '{}' to {} expired; it goes back to the queue",
					message.bookmark, queue.name, message.leasedTo);
			returnToQueue(queue, message);
			dispatch(null, queue);
		}
		finally {
			this.engine.lock.unlock();
		}
	}

	private static void returnToQueue(QueueTopic queue, QueueMessage message) {
		release(queue, message);
		queue.available.put(message.sequence, message);
	}

	private static void release(QueueTopic queue, QueueMessage message) {
		queue.leased.remove(message.bookmark);
		if (message.lease != null) {
			message.lease.cancel(false);
			message.lease = null;
		}
		if (message.leasedTo != null) {
			message.leasedTo.leased--;
			message.leasedTo = null;
		}
	}

	/**
	 * A queue acknowledgement: {@code sow_delete} with one or more comma-separated bookmarks. Each leased message is
	 * removed from the queue ({@code expire} removes it as well: no expiry action can be configured here), or, with
	 * the {@code cancel} option, returned to it for redelivery. The acknowledgement is honoured whichever connection
	 * sends it, not only the lease holder's (AMPS's default leasing model, {@code sublet}: issue 12, 60East page not
	 * found in the stored docs); the holder's backlog gets the room back. Bookmarks of messages that are not leased
	 * now (unknown, already acknowledged, or back in the queue) change nothing.
	 * @return {@code null}, or the failure reason
	 */
	String acknowledge(Subscriber subscriber, InboundHeader header, QueryAcks acks) {
		QueueTopic queue = this.topics.get(header.topic());
		boolean cancel = Subscription.hasOption(header.options(), "cancel");
		this.engine.lock.lock();
		try {
			acks.before();
			int removed = 0;
			for (String part : header.bookmark().split(",")) {
				String bookmark = part.trim();
				QueueMessage message = queue.leased.get(bookmark);
				if (message == null || message.leasedTo == null) {
					log.debug("AMPS test server: {} acknowledged queue message {} on '{}', which is not leased now; "
							+ "nothing changes", subscriber, bookmark, queue.name);
					continue;
				}
				if (message.leasedTo.subscriber() != subscriber) {
					log.debug("AMPS test server: {} acknowledged queue message {} on '{}' leased to {}; honoured "
							+ "(sublet leasing)", subscriber, bookmark, queue.name, message.leasedTo);
				}
				if (cancel) {
					returnToQueue(queue, message);
				}
				else {
					release(queue, message);
					removed++;
				}
			}
			dispatch(subscriber, queue);
			acks.afterDelete(removed);
			return null;
		}
		finally {
			this.engine.lock.unlock();
		}
	}

	/**
	 * A {@code sow} query of a queue (User Guide, "Advanced Messaging and Queues", "Querying Queues as a View"): the
	 * messages available now (waiting, not leased), oldest first, that pass the filter, at most {@code top_n}, in
	 * {@code sow} frames of {@code batch_size} records ({@code {"bm":<bookmark>,"l":<length>}} before each), between
	 * {@code group_begin} and {@code group_end}, with the acks around. "A query of a queue is read-only": nothing is
	 * leased or removed.
	 * @param filter the content filter, or {@code null}
	 */
	void query(Subscriber subscriber, InboundHeader header, ContentFilter filter, QueryAcks acks) {
		QueueTopic queue = this.topics.get(header.topic());
		this.engine.lock.lock();
		try {
			List<QueueMessage> matching = new ArrayList<>();
			for (QueueMessage message : queue.available.values()) {
				if (filter == null || filter.matches(message.document)) {
					matching.add(message);
				}
			}
			Long topN = header.topNumber();
			List<QueueMessage> returned = (topN != null && topN < matching.size())
					? matching.subList(0, topN.intValue()) : matching;
			String queryId = (header.queryId() != null) ? header.queryId() : header.commandId();
			acks.before();
			subscriber.deliverHeader(subscriber, "c", "group_begin", "query_id", queryId);
			int batchSize = header.batchSizeOrOne();
			for (int i = 0; i < returned.size(); i += batchSize) {
				SowBatch batch = new SowBatch();
				for (QueueMessage message : returned.subList(i, Math.min(returned.size(), i + batchSize))) {
					batch.add(null, message.bookmark, message.correlationId, message.data);
				}
				batch.deliver(subscriber, queue.name, queryId, null);
			}
			subscriber.deliverHeader(subscriber, "c", "group_end", "query_id", queryId);
			acks.after(queue.available.size(), matching.size(), returned.size());
		}
		finally {
			this.engine.lock.unlock();
		}
	}

	/**
	 * A subscription replaced another with the same id: the messages leased to the old one stay leased, to the new
	 * one, with their leases running on (User Guide, "Replacing Queue Subscriptions": "AMPS does not break message
	 * leases or adjust the number of currently-unacknowledged messages for the subscription"). The new subscription's
	 * {@code max_backlog} applies from now on, even below what it holds.
	 */
	void replaced(Subscription previous, Subscription replacement) {
		if (previous.leased == 0) {
			return;
		}
		for (QueueTopic queue : this.topics.values()) {
			for (QueueMessage message : queue.leased.values()) {
				if (message.leasedTo == previous) {
					message.leasedTo = replacement;
					replacement.leased++;
				}
			}
		}
		previous.leased = 0;
	}

	/** The messages of a queue not yet acknowledged, leased or not, in the order they were published. */
	List<String> contents(String topic) {
		QueueTopic queue = this.topics.get(topic);
		if (queue == null) {
			throw new IllegalArgumentException("'" + topic + "' is not a queue of this server");
		}
		this.engine.lock.lock();
		try {
			TreeMap<Long, QueueMessage> all = new TreeMap<>(queue.available);
			for (QueueMessage message : queue.leased.values()) {
				all.put(message.sequence, message);
			}
			List<String> contents = new ArrayList<>();
			for (QueueMessage message : all.values()) {
				contents.add(new String(message.data, StandardCharsets.UTF_8));
			}
			return Collections.unmodifiableList(contents);
		}
		finally {
			this.engine.lock.unlock();
		}
	}

	/** The messages leased to a subscription that went away go back to their queues and are delivered again. */
	void released(Subscription subscription) {
		if (subscription.leased == 0) {
			return;
		}
		for (QueueTopic queue : this.topics.values()) {
			for (QueueMessage message : new ArrayList<>(queue.leased.values())) {
				if (message.leasedTo == subscription) {
					returnToQueue(queue, message);
				}
			}
			dispatch(null, queue);
		}
	}

	static final class QueueTopic {

		final String name;

		final Duration leasePeriod;

		/** Messages waiting for a subscriber, by publish order. */
		final TreeMap<Long, QueueMessage> available = new TreeMap<>();

		/** Messages leased to a subscription, by bookmark. */
		final Map<String, QueueMessage> leased = new LinkedHashMap<>();

		long nextSequence;

		int turn;

		QueueTopic(String name, Duration leasePeriod) {
			this.name = name;
			this.leasePeriod = leasePeriod;
		}

	}

	static final class QueueMessage {

		final long sequence;

		final byte[] data;

		final JsonNode document;

		final String bookmark;

		final String correlationId;

		Subscription leasedTo;

		ScheduledFuture<?> lease;

		int deliveries;

		QueueMessage(long sequence, byte[] data, JsonNode document, String bookmark, String correlationId) {
			this.sequence = sequence;
			this.data = data;
			this.document = document;
			this.bookmark = bookmark;
			this.correlationId = correlationId;
		}

	}

}
