package org.ampsboot.test.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.ampsboot.test.engine.filter.ContentFilter;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Json;
import org.ampsboot.test.wire.Reasons;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The State of the World topics and their records, and what changes them: publishes (with delta merge),
 * expiration and {@code sow_delete}, with the deliveries and out-of-focus notices each change causes. Runs under
 * the {@link Engine}'s lock.
 */
final class SowStore {

	private static final Logger log = ServerLog.LOG;

	static final String OOF_MATCH = "match";

	static final String OOF_DELETED = "deleted";

	static final String OOF_EXPIRED = "expired";

	private final Engine engine;

	final ConcurrentHashMap<String, SowTopic> topics = new ConcurrentHashMap<>();

	SowStore(Engine engine) {
		this.engine = engine;
	}

	void declare(String topic, List<String> keyPaths) {
		SowTopic declared = new SowTopic(topic, keyPaths);
		SowTopic existing = this.topics.putIfAbsent(topic, declared);
		if (existing != null && !existing.keyPaths.equals(declared.keyPaths)) {
			throw new IllegalStateException("Topic '" + topic + "' is already a SOW topic keyed by " + existing.keyPaths
					+ "; it cannot be declared again with the keys " + declared.keyPaths);
		}
	}

	/** The SOW topics a query's topic names: that topic, or every SOW topic a regex topic matches. */
	List<SowTopic> queried(String topic) {
		if (!Subscription.isRegex(topic)) {
			SowTopic sow = this.topics.get(topic);
			return (sow != null) ? List.of(sow) : List.of();
		}
		Pattern pattern = Pattern.compile(topic);
		List<SowTopic> matched = new ArrayList<>();
		for (SowTopic sow : this.topics.values()) {
			if (pattern.matcher(sow.name).find()) {
				matched.add(sow);
			}
		}
		matched.sort(Comparator.comparing((SowTopic sow) -> sow.name));
		return matched;
	}

	// ---- publish

	/**
	 * Stores a publish to a SOW topic and delivers it to the topic's subscribers. A delta publish is merged into the
	 * existing record first (as the AMPS User Guide's "Understanding Delta Publish" describes): fields of the update
	 * replace those of the record, nested objects merge field by field, arrays and other values are replaced
	 * whole, fields the update does not name keep their value, and NULL fields of the update are ignored (issue 12;
	 * no 60East page found); with no existing record it is stored as sent.
	 * @return {@code null}, or the failure reason when the message cannot be stored
	 */
	String publish(Subscriber publisher, String topic, byte[] payload, Long expirationSeconds, boolean deltaPublish,
			String correlationId, String givenSowKey) {
		SowTopic sow = this.topics.get(topic);
		JsonNode document = Json.document(payload, 0, payload.length);
		if (!document.isObject()) {
			return Reasons.PARSE_ERROR;
		}
		String keyText = sow.publisherKeys ? givenSowKey : sow.keyText(document);
		if (keyText == null) {
			log.info("AMPS test server: publish to SOW topic '{}' from {} lacks a key field {}; answering '{}'", topic,
					publisher, sow.keyPaths, Reasons.BAD_SOW_KEY);
			return Reasons.BAD_SOW_KEY;
		}
		this.engine.lock.lock();
		try {
			// only messages recorded in the transaction log carry a bookmark ("Replaying Messages with Bookmark
			// Subscription"): live updates, query results and oof messages alike
			boolean recorded = this.engine.txlog.records(topic);
			String bookmark = recorded ? this.engine.nextBookmark(publisher) : null;
			// "When the SOW key is provided with a message, AMPS returns the original value in the SOW key header"
			String sowKey = sow.publisherKeys ? givenSowKey : sow.sowKey(keyText);
			Record previous = sow.records.get(sowKey);
			Record record;
			if (deltaPublish && previous != null) {
				ObjectNode merged = ((ObjectNode) previous.document).deepCopy();
				Deltas.merge(merged, (ObjectNode) document);
				// "Delta publish messages update the CorrelationId if the delta publish contains the CorrelationId"
				// (FAQ "Can I add a correlation token to the header of a message?")
				record = new Record(sowKey, Json.MAPPER.writeValueAsBytes(merged), merged, bookmark,
						(correlationId != null) ? correlationId : previous.correlationId);
			}
			else {
				record = new Record(sowKey, payload, document, bookmark, correlationId);
			}
			sow.records.put(sowKey, record);
			sow.changed(sowKey, record, this.engine.bookmarkSequenceNow());
			if (recorded) {
				// "The AMPS transaction log stores the fully merged message." (Delta Publish Support)
				this.engine.txlog.append(topic, bookmark, record.data, sowKey, record.correlationId);
			}
			if (previous != null && previous.expiry != null) {
				previous.expiry.cancel(false);
			}
			if (expirationSeconds != null) {
				scheduleExpiry(sow, record, expirationSeconds);
			}
			deliverUpdate(publisher, sow, previous, record, bookmark);
			return null;
		}
		finally {
			this.engine.lock.unlock();
		}
	}

	private void scheduleExpiry(SowTopic sow, Record record, long seconds) {
		record.expiresAtNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		record.expiry = this.engine.scheduler.schedule(() -> expire(sow, record), TimeUnit.SECONDS.toMillis(seconds));
	}

	private void expire(SowTopic sow, Record record) {
		this.engine.lock.lock();
		try {
			if (sow.records.get(record.sowKey) != record) {
				return;
			}
			sow.records.remove(record.sowKey);
			sow.changed(record.sowKey, null, this.engine.bookmarkSequenceNow());
			log.debug("AMPS test server: SOW record {} of '{}' expired", record.sowKey, sow.name);
			deliverRemoval(null, sow, record, OOF_EXPIRED);
		}
		finally {
			this.engine.lock.unlock();
		}
	}

	/**
	 * Sends the new state of a record to every subscription of its topic (delta subscriptions get only what changed),
	 * and oof notices where it left focus. Subscriptions with a select list or {@code no_sowkey} get a frame of
	 * their own (their part of the record; no {@code k}).
	 */
	private void deliverUpdate(Subscriber publisher, SowTopic sow, Record previous, Record record, String bookmark) {
		byte[] delta = null;
		boolean emptyDelta = false;
		for (Subscriber target : this.engine.subscribers()) {
			if (!target.takesDeliveries()) {
				continue;
			}
			StringBuilder full = null;
			StringBuilder deltas = null;
			for (Subscription subscription : target.subscriptions().all()) {
				if (!subscription.matches(sow.name)) {
					continue;
				}
				if (subscription.matchesContent(record.document)) {
					boolean added = subscription.tracksFocus() && subscription.inFocus.add(record.sowKey);
					boolean comingIntoFocus = subscription.oof() && added;
					boolean own = subscription.select() != null || subscription.noSowKey();
					if (!subscription.delta() || previous == null || comingIntoFocus) {
						if (own) {
							byte[] data = (subscription.select() != null)
									? subscription.select().apply(record.document) : record.data;
							deliverOwn(publisher, target, sow, subscription, record, data);
						}
						else {
							full = append(full, subscription.id());
						}
						continue;
					}
					if (delta == null) {
						ObjectNode changes = Deltas.difference(sow, previous.document, record.document);
						emptyDelta = previous.document.equals(record.document);
						delta = Json.MAPPER.writeValueAsBytes(changes);
					}
					if (!(emptyDelta && subscription.noEmpties())) {
						if (own) {
							deliverOwn(publisher, target, sow, subscription, record, delta);
						}
						else {
							deltas = append(deltas, subscription.id());
						}
					}
				}
				else if (subscription.tracksFocus() && subscription.inFocus.remove(record.sowKey)
						&& subscription.oof()) {
					sendOof(publisher, target, sow, subscription, record, OOF_MATCH);
				}
			}
			if (full != null) {
				target.deliver(publisher, record.data, 0, record.data.length, "c", "p", "t", sow.name, "sids",
						full.toString(), "bm", bookmark, "k", record.sowKey, "x", record.correlationId);
			}
			if (deltas != null) {
				target.deliver(publisher, delta, 0, delta.length, "c", "p", "t", sow.name, "sids", deltas.toString(),
						"bm", bookmark, "k", record.sowKey, "x", record.correlationId);
			}
		}
	}

	private static void deliverOwn(Subscriber publisher, Subscriber target, SowTopic sow, Subscription subscription,
			Record record, byte[] data) {
		target.deliver(publisher, data, 0, data.length, "c", "p", "t", sow.name, "sids", subscription.id(), "bm",
				record.bookmark, "k", subscription.noSowKey() ? null : record.sowKey, "x", record.correlationId);
	}

	/**
	 * Sends oof notices for a record that left the SOW (deleted or expired) to the subscriptions it was in focus for,
	 * and takes it out of every result set.
	 */
	private void deliverRemoval(Subscriber origin, SowTopic sow, Record record, String reason) {
		for (Subscriber target : this.engine.subscribers()) {
			if (!target.takesDeliveries()) {
				continue;
			}
			for (Subscription subscription : target.subscriptions().all()) {
				if (subscription.tracksFocus() && subscription.matches(sow.name)
						&& subscription.inFocus.remove(record.sowKey) && subscription.oof()) {
					sendOof(origin, target, sow, subscription, record, reason);
				}
			}
		}
	}

	private static void sendOof(Subscriber origin, Subscriber target, SowTopic sow, Subscription subscription,
			Record record, String reason) {
		byte[] data = (subscription.select() != null) ? subscription.select().apply(record.document) : record.data;
		target.deliver(origin, data, 0, data.length, "c", "oof", "t", sow.name, "sids", subscription.id(), "sub_id",
				subscription.id(), "bm", record.bookmark, "k", subscription.noSowKey() ? null : record.sowKey,
				"reason", reason, "x", record.correlationId);
	}

	private static StringBuilder append(StringBuilder list, String id) {
		if (list == null) {
			return new StringBuilder(id);
		}
		return list.append(',').append(id);
	}

	// ---- sow_delete

	/**
	 * Deletes records from a SOW topic, as the AMPS Command Reference's {@code sow_delete} describes: by
	 * {@code sow_keys}, by {@code filter}, or by data (the key of the message in the payload). Answers the requested
	 * acks around it ({@code stats} with {@code matches}, {@code topic_matches} (the records compared) and
	 * {@code records_deleted}) and sends
	 * oof notices (reason {@code deleted}) to the subscriptions the records were in focus for.
	 * @return {@code null}, or the failure reason (nothing was deleted or acknowledged)
	 */
	String delete(Subscriber subscriber, InboundHeader header, ContentFilter filter, byte[] payload, QueryAcks acks) {
		String topic = header.topic();
		if (topic == null || topic.isEmpty()) {
			return Reasons.NO_TOPIC;
		}
		List<SowTopic> topics;
		try {
			topics = queried(topic);
		}
		catch (PatternSyntaxException ex) {
			return Reasons.BAD_REGEX_TOPIC;
		}
		if (topics.isEmpty()) {
			return Reasons.INVALID_TOPIC;
		}
		Set<String> keys = SowQuery.sowKeys(header);
		if (keys == null && filter == null) {
			if (payload.length == 0) {
				return Reasons.INVALID_TOPIC_OR_FILTER;
			}
			JsonNode document = Json.document(payload, 0, payload.length);
			if (!document.isObject()) {
				return Reasons.PARSE_ERROR;
			}
			keys = new HashSet<>();
			for (SowTopic sow : topics) {
				if (sow.publisherKeys) {
					return Reasons.notSupported("sow_delete by data on '" + sow.name + "', whose publishers give the "
							+ "SowKeys (delete by sow_keys instead)");
				}
				String keyText = sow.keyText(document);
				if (keyText == null) {
					return Reasons.BAD_SOW_KEY;
				}
				keys.add(sow.sowKey(keyText));
			}
		}
		this.engine.lock.lock();
		try {
			long now = System.nanoTime();
			acks.before();
			int deleted = 0;
			int compared = 0;
			for (SowTopic sow : topics) {
				List<Record> removed = new ArrayList<>();
				for (Record record : sow.records.values()) {
					if (!record.liveAt(now)) {
						continue;
					}
					if (keys != null) {
						if (keys.contains(record.sowKey)) {
							compared++;
							removed.add(record);
						}
						continue;
					}
					compared++;
					if (filter.matches(record.document)) {
						removed.add(record);
					}
				}
				for (Record record : removed) {
					sow.records.remove(record.sowKey);
					sow.changed(record.sowKey, null, this.engine.bookmarkSequenceNow());
					if (record.expiry != null) {
						record.expiry.cancel(false);
					}
					deliverRemoval(subscriber, sow, record, OOF_DELETED);
				}
				deleted += removed.size();
			}
			log.debug("AMPS test server: sow_delete on '{}' from {} deleted {} record(s)", topic, subscriber, deleted);
			acks.afterDelete(compared, deleted);
			return null;
		}
		finally {
			this.engine.lock.unlock();
		}
	}

	/** The records of a SOW topic, in the order they were first published, as their JSON payloads. */
	List<String> records(String topic) {
		SowTopic sow = this.topics.get(topic);
		if (sow == null) {
			throw new IllegalArgumentException("'" + topic + "' is not a SOW topic of this server");
		}
		this.engine.lock.lock();
		try {
			List<String> records = new ArrayList<>();
			long now = System.nanoTime();
			for (Record record : sow.records.values()) {
				if (record.liveAt(now)) {
					records.add(new String(record.data, StandardCharsets.UTF_8));
				}
			}
			return Collections.unmodifiableList(records);
		}
		finally {
			this.engine.lock.unlock();
		}
	}

}
