package org.ampsboot.test.engine;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

import org.ampsboot.test.engine.filter.ContentFilter;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Json;
import org.ampsboot.test.wire.Reasons;

/**
 * SOW queries ({@code sow}, {@code sow_and_subscribe}, {@code sow_and_delta_subscribe}): validation, matching with
 * {@code filter} and {@code sow_keys}, {@code orderby} and {@code top_n}, and the batched answer. Runs under the
 * {@link Engine}'s lock.
 */
final class SowQuery {

	record OrderBy(ContentFilter field, boolean descending) {
	}

	private record Match(SowTopic sow, Record record) {
	}

	private final Engine engine;

	SowQuery(Engine engine) {
		this.engine = engine;
	}

	/** Validates a query's topic, order and keys. */
	Query prepare(InboundHeader header, ContentFilter filter) {
		String topic = header.topic();
		if (topic == null || topic.isEmpty()) {
			return Query.refused(Reasons.NO_TOPIC);
		}
		List<SowTopic> topics;
		try {
			topics = this.engine.sow.queried(topic);
		}
		catch (PatternSyntaxException ex) {
			return Query.refused(Reasons.BAD_REGEX_TOPIC);
		}
		if (topics.isEmpty()) {
			return Query.refused(Reasons.INVALID_TOPIC);
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
					return Query.refused(Reasons.INVALID_ORDER_BY);
				}
				try {
					orderBy.add(new OrderBy(ContentFilter.parse(field), descending));
				}
				catch (ContentFilter.FilterSyntaxException ex) {
					return Query.refused(Reasons.INVALID_ORDER_BY);
				}
			}
		}
		return new Query(topics, filter, sowKeys(header), orderBy, header.topNumber());
	}

	/** The {@code sow_keys} of a command, or {@code null} if it has none. */
	static Set<String> sowKeys(InboundHeader header) {
		if (header.sowKeys() == null || header.sowKeys().isBlank()) {
			return null;
		}
		Set<String> keys = new HashSet<>();
		for (String key : header.sowKeys().split(",")) {
			if (!key.isBlank()) {
				keys.add(key.trim());
			}
		}
		return keys;
	}

	/**
	 * Answers a query: the requested {@code received}/{@code processed} acks, {@code group_begin}, one {@code sow}
	 * frame per record, {@code group_end}, then {@code completed} and {@code stats}. With a subscription, it is placed
	 * in the same atomic step, before any later publish is delivered.
	 */
	void query(Subscriber subscriber, InboundHeader header, Query query, Subscription subscription, QueryAcks acks) {
		this.engine.lock.lock();
		try {
			long now = System.nanoTime();
			List<Match> matches = new ArrayList<>();
			for (SowTopic sow : query.topics) {
				for (Record record : sow.records.values()) {
					if (!record.liveAt(now)) {
						continue;
					}
					if (query.sowKeys != null && !query.sowKeys.contains(record.sowKey)) {
						continue;
					}
					if (query.filter != null && !query.filter.matches(record.document)) {
						continue;
					}
					matches.add(new Match(sow, record));
				}
			}
			if (!query.orderBy.isEmpty()) {
				matches.sort(order(query.orderBy));
			}
			List<Match> returned = (query.topN != null && query.topN < matches.size())
					? matches.subList(0, query.topN.intValue()) : matches;
			String queryId = (header.queryId() != null) ? header.queryId() : header.commandId();
			String subId = (subscription != null) ? subscription.id() : null;
			acks.before();
			subscriber.deliverHeader(subscriber, "c", "group_begin", "query_id", queryId, "sub_id", subId);
			sendRecords(subscriber, returned, header.batchSizeOrOne(), queryId, subId);
			if (subscription != null && subscription.oof()) {
				for (Match match : returned) {
					subscription.inFocus.add(match.record().sowKey);
				}
			}
			subscriber.deliverHeader(subscriber, "c", "group_end", "query_id", queryId, "sub_id", subId);
			if (subscription != null) {
				Subscription replaced = subscriber.subscriptions().replace(subscription);
				if (replaced != null) {
					this.engine.released(replaced);
				}
			}
			acks.after(matches.size(), returned.size());
		}
		finally {
			this.engine.lock.unlock();
		}
	}

	/**
	 * Sends query results as AMPS does: {@code sow} frames of up to {@code batchSize} records of one topic each,
	 * {@code {"c":"sow","t":..,"query_id":..,"bs":<records in this frame>}}, whose payload is, per record, a header
	 * {@code {"k":<SowKey>,"bm":<bookmark>,"l":<length>}} followed by that many bytes of the record.
	 */
	private static void sendRecords(Subscriber subscriber, List<Match> records, int batchSize, String queryId,
			String subId) {
		int i = 0;
		while (i < records.size()) {
			SowTopic topic = records.get(i).sow();
			ByteArrayOutputStream body = new ByteArrayOutputStream();
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
			subscriber.deliver(subscriber, bytes, 0, bytes.length, "c", "sow", "t", topic.name, "query_id", queryId,
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

}
