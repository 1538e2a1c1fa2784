package org.ampsboot.test;

import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Json;
import org.ampsboot.test.engine.filter.ContentFilter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The State of the World of an {@link AmpsTestServer}: the SOW topics the test declared with
 * {@link AmpsTestServer#sowTopic(String, String...)}, their records, and everything that reads or changes them
 * (publishes to SOW topics, {@code sow} queries, {@code sow_and_subscribe}, out-of-focus notices, expiration).
 *
 * <p>One lock guards all of it and is held while the resulting frames are written, so a query and the
 * subscription it places are atomic with respect to publishes, and every subscriber sees the changes of a topic in
 * the same order.
 */
final class StateOfTheWorld {

	private static final Logger log = LoggerFactory.getLogger(AmpsTestServer.class);

	static final String OOF_MATCH = "match";

	static final String OOF_DELETED = "deleted";

	static final String OOF_EXPIRED = "expired";

	private final AmpsTestServer server;

	private final ReentrantLock lock = new ReentrantLock();

	private final ConcurrentHashMap<String, SowTopic> sowTopics = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, QueueTopic> queues = new ConcurrentHashMap<>();

	private static final DateTimeFormatter LEASE_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	StateOfTheWorld(AmpsTestServer server) {
		this.server = server;
	}

	// ---- configuration

	void declareSowTopic(String topic, List<String> keyPaths) {
		if (this.queues.containsKey(topic)) {
			throw new IllegalStateException("Topic '" + topic + "' is already a queue; it cannot also be a SOW topic");
		}
		SowTopic declared = new SowTopic(topic, keyPaths);
		SowTopic existing = this.sowTopics.putIfAbsent(topic, declared);
		if (existing != null && !existing.keyPaths.equals(declared.keyPaths)) {
			throw new IllegalStateException("Topic '" + topic + "' is already a SOW topic keyed by " + existing.keyPaths
					+ "; it cannot be declared again with the keys " + declared.keyPaths);
		}
	}

	void declareQueue(String topic, Duration leasePeriod) {
		if (this.sowTopics.containsKey(topic)) {
			throw new IllegalStateException("Topic '" + topic + "' is already a SOW topic; it cannot also be a queue");
		}
		QueueTopic existing = this.queues.putIfAbsent(topic, new QueueTopic(topic, leasePeriod));
		if (existing != null && !existing.leasePeriod.equals(leasePeriod)) {
			throw new IllegalStateException("Topic '" + topic + "' is already a queue with the lease period "
					+ existing.leasePeriod + "; it cannot be declared again with " + leasePeriod);
		}
	}

	boolean isQueue(String topic) {
		return topic != null && this.queues.containsKey(topic);
	}

	boolean isSowTopic(String topic) {
		return topic != null && this.sowTopics.containsKey(topic);
	}

	/** The SOW topics a query's topic names: that topic, or every SOW topic a regex topic matches. */
	private List<SowTopic> queried(String topic) {
		if (!Subscription.isRegex(topic)) {
			SowTopic sow = this.sowTopics.get(topic);
			return (sow != null) ? List.of(sow) : List.of();
		}
		Pattern pattern = Pattern.compile(topic);
		List<SowTopic> matched = new ArrayList<>();
		for (SowTopic sow : this.sowTopics.values()) {
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
	 * whole, and fields the update does not name keep their value; with no existing record it is stored as sent.
	 * @return {@code null}, or the failure reason when the message cannot be stored
	 */
	String publish(Connection publisher, String topic, byte[] payload, Long expirationSeconds, boolean deltaPublish) {
		SowTopic sow = this.sowTopics.get(topic);
		JsonNode document = Json.document(payload, 0, payload.length);
		if (!document.isObject()) {
			return CommandHandler.PARSE_ERROR;
		}
		String keyText = sow.keyText(document);
		if (keyText == null) {
			log.info("AMPS test server: publish to SOW topic '{}' from {} lacks a key field {}; answering '{}'", topic,
					publisher, sow.keyPaths, CommandHandler.BAD_SOW_KEY);
			return CommandHandler.BAD_SOW_KEY;
		}
		this.lock.lock();
		try {
			String bookmark = publisher.nameHash() + "|" + this.server.nextBookmarkSequence() + "|";
			String sowKey = sow.sowKey(keyText);
			Record previous = sow.records.get(sowKey);
			Record record;
			if (deltaPublish && previous != null) {
				ObjectNode merged = ((ObjectNode) previous.document).deepCopy();
				merge(merged, (ObjectNode) document);
				record = new Record(sowKey, Json.MAPPER.writeValueAsBytes(merged), merged, bookmark);
			}
			else {
				record = new Record(sowKey, payload, document, bookmark);
			}
			sow.records.put(sowKey, record);
			if (previous != null && previous.expiry != null) {
				previous.expiry.cancel(false);
			}
			if (expirationSeconds != null) {
				scheduleExpiry(sow, record, expirationSeconds);
			}
			deliverUpdate(publisher, sow, previous, record);
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Merges a delta into a record: objects field by field, everything else replaced. */
	static void merge(ObjectNode target, ObjectNode delta) {
		for (Map.Entry<String, JsonNode> field : delta.properties()) {
			JsonNode existing = target.get(field.getKey());
			if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode deltaObject) {
				merge(existingObject, deltaObject);
			}
			else {
				target.set(field.getKey(), field.getValue().deepCopy());
			}
		}
	}

	/**
	 * What a delta subscription receives for an update (User Guide, "Receiving Only Updated Fields"): the key fields
	 * and every field whose value changed (nested objects reduced to their changed fields, arrays whole).
	 */
	static ObjectNode difference(SowTopic sow, JsonNode before, JsonNode after) {
		ObjectNode changes = Json.MAPPER.createObjectNode();
		for (String[] steps : sow.keySteps) {
			copyPath(after, changes, steps);
		}
		addChanges((ObjectNode) before, (ObjectNode) after, changes);
		return changes;
	}

	private static void addChanges(ObjectNode before, ObjectNode after, ObjectNode into) {
		for (Map.Entry<String, JsonNode> field : after.properties()) {
			JsonNode old = before.get(field.getKey());
			JsonNode now = field.getValue();
			if (now.equals(old)) {
				continue;
			}
			if (old instanceof ObjectNode oldObject && now instanceof ObjectNode newObject) {
				JsonNode existing = into.get(field.getKey());
				ObjectNode nested = (existing instanceof ObjectNode object) ? object : into.putObject(field.getKey());
				addChanges(oldObject, newObject, nested);
			}
			else {
				into.set(field.getKey(), now.deepCopy());
			}
		}
	}

	private static void copyPath(JsonNode from, ObjectNode into, String[] steps) {
		JsonNode source = from;
		ObjectNode target = into;
		for (int i = 0; i < steps.length; i++) {
			source = (source != null) ? source.get(steps[i]) : null;
			if (source == null) {
				return;
			}
			if (i == steps.length - 1) {
				target.set(steps[i], source.deepCopy());
			}
			else {
				JsonNode existing = target.get(steps[i]);
				target = (existing instanceof ObjectNode object) ? object : target.putObject(steps[i]);
			}
		}
	}

	private void scheduleExpiry(SowTopic sow, Record record, long seconds) {
		record.expiresAtNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		record.expiry = this.server.schedule(() -> expire(sow, record), TimeUnit.SECONDS.toMillis(seconds));
	}

	private void expire(SowTopic sow, Record record) {
		this.lock.lock();
		try {
			if (sow.records.get(record.sowKey) != record) {
				return;
			}
			sow.records.remove(record.sowKey);
			log.debug("AMPS test server: SOW record {} of '{}' expired", record.sowKey, sow.name);
			deliverRemoval(null, sow, record, OOF_EXPIRED);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Sends the new state of a record to every subscription of its topic (delta subscriptions get only what changed),
	 * and oof notices where it left focus.
	 */
	private void deliverUpdate(Connection publisher, SowTopic sow, Record previous, Record record) {
		byte[] delta = null;
		boolean emptyDelta = false;
		for (Connection target : this.server.liveConnections()) {
			if (!target.isLoggedOn() || target.isSilent()) {
				continue;
			}
			StringBuilder full = null;
			StringBuilder deltas = null;
			for (Subscription subscription : target.subscriptions()) {
				if (!subscription.matches(sow.name)) {
					continue;
				}
				if (subscription.matchesContent(record.document)) {
					boolean comingIntoFocus = false;
					if (subscription.oof()) {
						comingIntoFocus = subscription.inFocus.add(record.sowKey);
					}
					if (!subscription.delta() || previous == null || comingIntoFocus) {
						full = append(full, subscription.id());
						continue;
					}
					if (delta == null) {
						ObjectNode changes = difference(sow, previous.document, record.document);
						emptyDelta = previous.document.equals(record.document);
						delta = Json.MAPPER.writeValueAsBytes(changes);
					}
					if (!(emptyDelta && subscription.noEmpties())) {
						deltas = append(deltas, subscription.id());
					}
				}
				else if (subscription.oof() && subscription.inFocus.remove(record.sowKey)) {
					sendOof(publisher, target, sow, subscription, record, OOF_MATCH);
				}
			}
			if (full != null) {
				target.sendFrame(publisher, record.data, 0, record.data.length, "c", "p", "t", sow.name, "sids",
						full.toString(), "bm", record.bookmark, "k", record.sowKey);
			}
			if (deltas != null) {
				target.sendFrame(publisher, delta, 0, delta.length, "c", "p", "t", sow.name, "sids", deltas.toString(),
						"bm", record.bookmark, "k", record.sowKey);
			}
		}
	}

	/** Sends oof notices for a record that left the SOW (deleted or expired) to the subscriptions it was in focus for. */
	private void deliverRemoval(Connection origin, SowTopic sow, Record record, String reason) {
		for (Connection target : this.server.liveConnections()) {
			if (!target.isLoggedOn() || target.isSilent()) {
				continue;
			}
			for (Subscription subscription : target.subscriptions()) {
				if (subscription.oof() && subscription.matches(sow.name) && subscription.inFocus.remove(record.sowKey)) {
					sendOof(origin, target, sow, subscription, record, reason);
				}
			}
		}
	}

	private void sendOof(Connection origin, Connection target, SowTopic sow, Subscription subscription, Record record,
			String reason) {
		String bookmark = record.bookmark;
		target.sendFrame(origin, record.data, 0, record.data.length, "c", "oof", "t", sow.name, "sids",
				subscription.id(), "sub_id", subscription.id(), "bm", bookmark, "k", record.sowKey, "reason", reason);
	}

	private static StringBuilder append(StringBuilder list, String id) {
		if (list == null) {
			return new StringBuilder(id);
		}
		return list.append(',').append(id);
	}

	// ---- queries

	/** What a {@code sow} or {@code sow_and_subscribe} asks for, validated. */
	record Query(List<SowTopic> topics, ContentFilter filter, Set<String> sowKeys, List<OrderBy> orderBy, Long topN) {
	}

	record OrderBy(ContentFilter field, boolean descending) {
	}

	/**
	 * Validates a query's topic, order and keys.
	 * @return the query, or a failure reason as a String
	 */
	Object prepareQuery(InboundHeader header, ContentFilter filter) {
		String topic = header.topic();
		if (topic == null || topic.isEmpty()) {
			return CommandHandler.NO_TOPIC;
		}
		List<SowTopic> topics;
		try {
			topics = queried(topic);
		}
		catch (PatternSyntaxException ex) {
			return CommandHandler.BAD_REGEX_TOPIC;
		}
		if (topics.isEmpty()) {
			return CommandHandler.INVALID_TOPIC;
		}
		List<OrderBy> orderBy = new ArrayList<>();
		if (header.orderBy() != null && !header.orderBy().isBlank()) {
			for (String part : header.orderBy().split(",")) {
				String field = part.trim();
				boolean descending = false;
				String upper = field.toUpperCase(Locale.ROOT);
				if (upper.endsWith(" DESC")) {
					descending = true;
					field = field.substring(0, field.length() - 5).trim();
				}
				else if (upper.endsWith(" ASC")) {
					field = field.substring(0, field.length() - 4).trim();
				}
				if (!field.startsWith("/")) {
					return CommandHandler.INVALID_ORDER_BY;
				}
				try {
					orderBy.add(new OrderBy(ContentFilter.parse(field), descending));
				}
				catch (ContentFilter.FilterSyntaxException ex) {
					return CommandHandler.INVALID_ORDER_BY;
				}
			}
		}
		Set<String> keys = null;
		if (header.sowKeys() != null && !header.sowKeys().isBlank()) {
			keys = new HashSet<>();
			for (String key : header.sowKeys().split(",")) {
				if (!key.isBlank()) {
					keys.add(key.trim());
				}
			}
		}
		return new Query(topics, filter, keys, orderBy, header.topNumber());
	}

	/**
	 * Answers a query: the requested {@code received}/{@code processed} acks, {@code group_begin}, one {@code sow}
	 * frame per record, {@code group_end}, then {@code completed} and {@code stats}. With a subscription, it is placed
	 * in the same atomic step, before any later publish is delivered.
	 */
	void query(Connection connection, InboundHeader header, Query query, Subscription subscription,
			CommandHandler.Acks acks) {
		this.lock.lock();
		try {
			long now = System.nanoTime();
			List<Match> matches = new ArrayList<>();
			for (SowTopic sow : query.topics()) {
				for (Record record : sow.records.values()) {
					if (record.expiresAtNanos != 0 && record.expiresAtNanos - now <= 0) {
						continue;
					}
					if (query.sowKeys() != null && !query.sowKeys().contains(record.sowKey)) {
						continue;
					}
					if (query.filter() != null && !query.filter().matches(record.document)) {
						continue;
					}
					matches.add(new Match(sow, record));
				}
			}
			if (!query.orderBy().isEmpty()) {
				matches.sort(order(query.orderBy()));
			}
			List<Match> returned = (query.topN() != null && query.topN() < matches.size())
					? matches.subList(0, query.topN().intValue()) : matches;
			String queryId = (header.queryId() != null) ? header.queryId() : header.commandId();
			String subId = (subscription != null) ? subscription.id() : null;
			acks.before(connection, header);
			connection.sendHeader(connection, "c", "group_begin", "query_id", queryId, "sub_id", subId);
			sendRecords(connection, returned, header.batchSizeOrOne(), queryId, subId);
			if (subscription != null && subscription.oof()) {
				for (Match match : returned) {
					subscription.inFocus.add(match.record().sowKey);
				}
			}
			connection.sendHeader(connection, "c", "group_end", "query_id", queryId, "sub_id", subId);
			if (subscription != null) {
				Subscription replaced = connection.subscribeReplacing(subscription);
				if (replaced != null) {
					released(replaced);
				}
			}
			acks.after(connection, header, matches.size(), returned.size());
		}
		finally {
			this.lock.unlock();
		}
	}

	private record Match(SowTopic sow, Record record) {
	}

	/**
	 * Sends query results as AMPS does: {@code sow} frames of up to {@code batchSize} records of one topic each,
	 * {@code {"c":"sow","t":..,"query_id":..,"bs":<records in this frame>}}, whose payload is, per record, a header
	 * {@code {"k":<SowKey>,"bm":<bookmark>,"l":<length>}} followed by that many bytes of the record.
	 */
	private static void sendRecords(Connection connection, List<Match> records, int batchSize, String queryId,
			String subId) {
		int i = 0;
		while (i < records.size()) {
			SowTopic topic = records.get(i).sow();
			java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
			int count = 0;
			while (i < records.size() && count < batchSize && records.get(i).sow() == topic) {
				Record record = records.get(i).record();
				Json.HeaderBuffer inner = Json.encodeHeader("k", record.sowKey, "bm", record.bookmark, "l",
						record.data.length);
				body.write(inner.bytes(), 0, inner.length());
				body.write(record.data, 0, record.data.length);
				count++;
				i++;
			}
			byte[] bytes = body.toByteArray();
			connection.sendFrame(connection, bytes, 0, bytes.length, "c", "sow", "t", topic.name, "query_id", queryId,
					"sub_id", subId, "bs", count);
		}
	}

	private static Comparator<Match> order(List<OrderBy> orderBy) {
		return (a, b) -> {
			for (OrderBy field : orderBy) {
				Object left = field.field().value(a.record().document);
				Object right = field.field().value(b.record().document);
				int order = compareForOrder(left, right);
				if (order != 0) {
					return field.descending() ? -order : order;
				}
			}
			return 0;
		};
	}

	/** NULLs after every value, then AMPS's comparison rules. */
	private static int compareForOrder(Object left, Object right) {
		Integer order = ContentFilter.compareScalars(first(left), first(right));
		if (order != null) {
			return order;
		}
		boolean leftNull = ContentFilter.compareScalars(first(left), first(left)) == null;
		boolean rightNull = ContentFilter.compareScalars(first(right), first(right)) == null;
		return Boolean.compare(leftNull, rightNull);
	}

	private static Object first(Object value) {
		if (value instanceof ContentFilter.Multi multi) {
			return multi.values().isEmpty() ? null : multi.values().get(0);
		}
		return value;
	}

	// ---- sow_delete

	/**
	 * Deletes records from a SOW topic, as the AMPS Command Reference's {@code sow_delete} describes: by
	 * {@code sow_keys}, by {@code filter}, or by data (the key of the message in the payload). Answers the requested
	 * acks around it ({@code stats} with {@code matches}, {@code topic_matches} and {@code records_deleted}) and sends
	 * oof notices (reason {@code deleted}) to the subscriptions the records were in focus for.
	 * @return {@code null}, or the failure reason (nothing was deleted or acknowledged)
	 */
	String delete(Connection connection, InboundHeader header, ContentFilter filter, byte[] payload,
			CommandHandler.Acks acks) {
		String topic = header.topic();
		if (topic == null || topic.isEmpty()) {
			return CommandHandler.NO_TOPIC;
		}
		List<SowTopic> topics;
		try {
			topics = queried(topic);
		}
		catch (PatternSyntaxException ex) {
			return CommandHandler.BAD_REGEX_TOPIC;
		}
		if (topics.isEmpty()) {
			return CommandHandler.INVALID_TOPIC;
		}
		Set<String> keys = null;
		if (header.sowKeys() != null && !header.sowKeys().isBlank()) {
			keys = new HashSet<>();
			for (String key : header.sowKeys().split(",")) {
				if (!key.isBlank()) {
					keys.add(key.trim());
				}
			}
		}
		else if (filter == null) {
			if (payload.length == 0) {
				return CommandHandler.INVALID_TOPIC_OR_FILTER;
			}
			JsonNode document = Json.document(payload, 0, payload.length);
			if (!document.isObject()) {
				return CommandHandler.PARSE_ERROR;
			}
			keys = new HashSet<>();
			for (SowTopic sow : topics) {
				String keyText = sow.keyText(document);
				if (keyText == null) {
					return CommandHandler.BAD_SOW_KEY;
				}
				keys.add(sow.sowKey(keyText));
			}
		}
		this.lock.lock();
		try {
			long now = System.nanoTime();
			acks.before(connection, header);
			int deleted = 0;
			for (SowTopic sow : topics) {
				List<Record> removed = new ArrayList<>();
				for (Record record : sow.records.values()) {
					boolean live = record.expiresAtNanos == 0 || record.expiresAtNanos - now > 0;
					if (live && ((keys != null) ? keys.contains(record.sowKey) : filter.matches(record.document))) {
						removed.add(record);
					}
				}
				for (Record record : removed) {
					sow.records.remove(record.sowKey);
					if (record.expiry != null) {
						record.expiry.cancel(false);
					}
					deliverRemoval(connection, sow, record, OOF_DELETED);
				}
				deleted += removed.size();
			}
			log.debug("AMPS test server: sow_delete on '{}' from {} deleted {} record(s)", topic, connection, deleted);
			acks.afterDelete(connection, header, deleted);
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	// ---- queues

	/** Puts a publish into a queue and delivers what can be delivered. */
	void enqueue(Connection publisher, String topic, byte[] payload) {
		QueueTopic queue = this.queues.get(topic);
		this.lock.lock();
		try {
			String bookmark = publisher.nameHash() + "|" + this.server.nextBookmarkSequence() + "|";
			QueueMessage message = new QueueMessage(queue.nextSequence++, payload,
					Json.document(payload, 0, payload.length), bookmark);
			queue.available.put(message.sequence, message);
			dispatch(publisher, queue);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Leases available messages, oldest first, to the subscriptions of the queue that have room in their backlog
	 * ({@code max_backlog}, 1 by default) and whose filter matches, taking turns between subscriptions. Each delivery is
	 * {@code {"c":"p","t":<queue>,"sids":<sub>,"bm":<bookmark>,"lp":<lease expiry>}}.
	 */
	private void dispatch(Connection origin, QueueTopic queue) {
		if (queue.available.isEmpty()) {
			return;
		}
		List<Subscription> subscribers = new ArrayList<>();
		for (Connection connection : this.server.liveConnections()) {
			if (!connection.isLoggedOn() || connection.isSilent() || !connection.isOpen()) {
				continue;
			}
			for (Subscription subscription : connection.subscriptions()) {
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

	private void lease(Connection origin, QueueTopic queue, QueueMessage message, Subscription subscription) {
		queue.available.remove(message.sequence);
		queue.leased.put(message.bookmark, message);
		message.leasedTo = subscription;
		message.deliveries++;
		subscription.leased++;
		long leaseMillis = queue.leasePeriod.toMillis();
		message.lease = this.server.schedule(() -> leaseExpired(queue, message, subscription), leaseMillis);
		String leaseExpiry = LEASE_FORMAT.format(Instant.now().plusMillis(leaseMillis));
		subscription.connection().sendFrame(origin, message.data, 0, message.data.length, "c", "p", "t", queue.name,
				"sids", subscription.id(), "bm", message.bookmark, "lp", leaseExpiry);
	}

	private void leaseExpired(QueueTopic queue, QueueMessage message, Subscription subscription) {
		this.lock.lock();
		try {
			if (message.leasedTo != subscription) {
				return;
			}
			log.debug("AMPS test server: the lease of queue message {} on '{}' to {} expired; it goes back to the queue",
					message.bookmark, queue.name, subscription);
			returnToQueue(queue, message);
			dispatch(null, queue);
		}
		finally {
			this.lock.unlock();
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
	 * A queue acknowledgement: {@code sow_delete} with one or more comma-separated bookmarks. Each message leased to
	 * a subscription of this connection is removed from the queue, or, with the {@code cancel} option, returned to it
	 * for redelivery ({@code expire} removes it as well). Bookmarks this connection holds no lease for are ignored.
	 * @return {@code null}, or the failure reason
	 */
	String acknowledge(Connection connection, InboundHeader header, CommandHandler.Acks acks) {
		QueueTopic queue = this.queues.get(header.topic());
		boolean cancel = Subscription.hasOption(header.options(), "cancel");
		this.lock.lock();
		try {
			acks.before(connection, header);
			int removed = 0;
			for (String part : header.bookmark().split(",")) {
				String bookmark = part.trim();
				QueueMessage message = queue.leased.get(bookmark);
				if (message == null || message.leasedTo == null || message.leasedTo.connection() != connection) {
					log.debug("AMPS test server: {} acknowledged queue message {} on '{}', which it holds no lease for; "
							+ "ignored", connection, bookmark, queue.name);
					continue;
				}
				if (cancel) {
					returnToQueue(queue, message);
				}
				else {
					release(queue, message);
					removed++;
				}
			}
			dispatch(connection, queue);
			acks.afterDelete(connection, header, removed);
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The messages of a queue not yet acknowledged, leased or not, in the order they were published. */
	List<String> queueContents(String topic) {
		QueueTopic queue = this.queues.get(topic);
		if (queue == null) {
			throw new IllegalArgumentException("'" + topic + "' is not a queue of this server");
		}
		this.lock.lock();
		try {
			java.util.TreeMap<Long, QueueMessage> all = new java.util.TreeMap<>(queue.available);
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
			this.lock.unlock();
		}
	}

	// ---- subscriptions

	/** Places a subscription (a plain or delta subscribe) under the lock, so SOW deliveries see it atomically. */
	void subscribe(Connection connection, Subscription subscription) {
		this.lock.lock();
		try {
			Subscription replaced = connection.subscribeReplacing(subscription);
			if (replaced != null) {
				released(replaced);
			}
			for (QueueTopic queue : this.queues.values()) {
				if (subscription.matches(queue.name)) {
					dispatch(connection, queue);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	void unsubscribe(Connection connection, String subIds) {
		this.lock.lock();
		try {
			for (Subscription removed : connection.unsubscribe(subIds)) {
				released(removed);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** A connection closed: its subscriptions are gone. */
	void connectionClosed(Connection connection) {
		this.lock.lock();
		try {
			for (Subscription subscription : connection.subscriptions()) {
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
	private void released(Subscription subscription) {
		subscription.inFocus.clear();
		if (subscription.leased == 0) {
			return;
		}
		for (QueueTopic queue : this.queues.values()) {
			for (QueueMessage message : new ArrayList<>(queue.leased.values())) {
				if (message.leasedTo == subscription) {
					returnToQueue(queue, message);
				}
			}
			dispatch(null, queue);
		}
	}

	// ---- for tests

	/** The records of a SOW topic, in the order they were first published, as their JSON payloads. */
	List<String> records(String topic) {
		SowTopic sow = this.sowTopics.get(topic);
		if (sow == null) {
			throw new IllegalArgumentException("'" + topic + "' is not a SOW topic of this server");
		}
		this.lock.lock();
		try {
			List<String> records = new ArrayList<>();
			long now = System.nanoTime();
			for (Record record : sow.records.values()) {
				if (record.expiresAtNanos == 0 || record.expiresAtNanos - now > 0) {
					records.add(new String(record.data, StandardCharsets.UTF_8));
				}
			}
			return Collections.unmodifiableList(records);
		}
		finally {
			this.lock.unlock();
		}
	}

	// ---- the store

	static final class SowTopic {

		final String name;

		final List<String> keyPaths;

		final List<String[]> keySteps = new ArrayList<>();

		final LinkedHashMap<String, Record> records = new LinkedHashMap<>();

		SowTopic(String name, List<String> keyPaths) {
			this.name = name;
			this.keyPaths = List.copyOf(keyPaths);
			for (String path : keyPaths) {
				this.keySteps.add(path.substring(1).split("/"));
			}
		}

		/** The values of the key fields as one string, or {@code null} if one is missing or null. */
		String keyText(JsonNode document) {
			StringBuilder text = new StringBuilder();
			for (String[] steps : this.keySteps) {
				JsonNode node = document;
				for (String step : steps) {
					node = (node != null && node.isObject()) ? node.get(step) : null;
				}
				if (node == null || node.isNull() || node.isContainer()) {
					return null;
				}
				if (!text.isEmpty()) {
					text.append('\u0001');
				}
				text.append(node.isString() ? node.stringValue() : node.toString());
			}
			return text.toString();
		}

		/**
		 * The SowKey AMPS would send in {@code k}: here a stable decimal number derived from the topic and the key
		 * values (AMPS computes its own hash; clients treat the key as opaque).
		 */
		String sowKey(String keyText) {
			long hash = 0xcbf29ce484222325L;
			for (byte b : (this.name + '\u0000' + keyText).getBytes(StandardCharsets.UTF_8)) {
				hash ^= (b & 0xff);
				hash *= 0x100000001b3L;
			}
			return Long.toUnsignedString(hash);
		}

	}

	static final class QueueTopic {

		final String name;

		final Duration leasePeriod;

		/** Messages waiting for a subscriber, by publish order. */
		final java.util.TreeMap<Long, QueueMessage> available = new java.util.TreeMap<>();

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

		Subscription leasedTo;

		ScheduledFuture<?> lease;

		int deliveries;

		QueueMessage(long sequence, byte[] data, JsonNode document, String bookmark) {
			this.sequence = sequence;
			this.data = data;
			this.document = document;
			this.bookmark = bookmark;
		}

	}

	static final class Record {

		final String sowKey;

		final byte[] data;

		final JsonNode document;

		final String bookmark;

		long expiresAtNanos;

		ScheduledFuture<?> expiry;

		Record(String sowKey, byte[] data, JsonNode document, String bookmark) {
			this.sowKey = sowKey;
			this.data = Objects.requireNonNull(data);
			this.document = document;
			this.bookmark = bookmark;
		}

	}

}
