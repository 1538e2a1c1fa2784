package org.ampsboot.test.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;

import org.ampsboot.test.engine.filter.ContentFilter;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Reasons;

import tools.jackson.databind.JsonNode;

/**
 * SOW queries ({@code sow}, {@code sow_and_subscribe}, {@code sow_and_delta_subscribe}): validation, matching with
 * {@code filter} and {@code sow_keys}, {@code orderby} (with the {@code TEXT} hint), {@code top_n},
 * {@code skip_n}, {@code select}, {@code no_sowkey}, {@code replace}, and the batched answer. Without
 * {@code orderby} the order is deliberately not publish order (AMPS documents none): records come topic by topic,
 * by SowKey hash. Runs under the {@link Engine}'s lock.
 */
final class SowQuery {

	record OrderBy(ContentFilter field, String[] steps, boolean descending, boolean text) {
	}

	private record Match(SowTopic sow, Record record) {
	}

	/**
	 * Without {@code orderby}: topic by topic, records by a scrambled hash of their SowKey (AMPS leaves the order
	 * undefined; this order is stable, unrelated to publish order, and differs from key order even for keys 1, 2, 3).
	 */
	private static final Comparator<Match> DEFAULT_ORDER = Comparator.comparing((Match match) -> match.sow().name)
		.thenComparing((Match match) -> scramble(match.record().sowKey), Long::compareUnsigned);

	private final Engine engine;

	SowQuery(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Validates a query's topic, order, keys and query options ({@code top_n}, {@code skip_n}, {@code select},
	 * {@code no_sowkey}). With {@code subscribe} (a {@code sow_and_subscribe} or {@code sow_and_delta_subscribe}) a
	 * topic without a SOW is a valid query with no records (User Guide, "Query and Subscribe": "AMPS simply returns
	 * no messages between group_begin and group_end").
	 */
	Query prepare(InboundHeader header, ContentFilter filter, boolean subscribe) {
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
		if (topics.isEmpty() && (!subscribe || this.engine.isQueue(topic))) {
			return Query.refused(Reasons.INVALID_TOPIC);
		}
		String options = header.options();
		if (subscribe && topics.isEmpty() && Options.has(options, "oof")) {
			return Query.notSupported("oof on a topic that is not a SOW topic");
		}
		List<OrderBy> orderBy = new ArrayList<>();
		if (header.orderBy() != null && !header.orderBy().isBlank()) {
			for (String part : header.orderBy().split(",")) {
				Object parsed = orderBy(part);
				if (parsed instanceof Query refusal) {
					return refusal;
				}
				orderBy.add((OrderBy) parsed);
			}
		}
		Long topN = header.topNumber();
		String topOption = Options.value(options, "top_n");
		if (topOption != null) {
			Long value = count(topOption);
			if (value == null) {
				return Query.notSupported("top_n option '" + topOption + "' (not a number of records)");
			}
			if (header.topN() != null && !value.equals(topN)) {
				return Query.notSupported("top_n given as header (" + header.topN() + ") and as option (" + topOption
						+ ") with different values");
			}
			topN = value;
		}
		long skipN = 0;
		String skipOption = Options.value(options, "skip_n");
		if (skipOption != null) {
			Long value = count(skipOption);
			if (value == null) {
				return Query.notSupported("skip_n option '" + skipOption + "' (not a number of records)");
			}
			if (topN == null) {
				return Query.notSupported("skip_n without top_n (AMPS requires top_n with skip_n and does not "
						+ "document its answer)");
			}
			if (subscribe) {
				return Query.notSupported("paginated subscription (top_n with skip_n on " + header.command() + ")");
			}
			skipN = value;
		}
		SelectList select = null;
		String selectOption = Options.value(options, "select");
		if (selectOption != null) {
			try {
				select = SelectList.parse(selectOption);
			}
			catch (IllegalArgumentException ex) {
				return Query.notSupported("select list '" + selectOption + "' (" + ex.getMessage() + ")");
			}
		}
		Set<String> shape = new HashSet<>();
		if (topN != null) {
			shape.add("top_n");
		}
		if (skipOption != null) {
			shape.add("skip_n");
		}
		if (!orderBy.isEmpty()) {
			shape.add("orderby");
		}
		Query query = new Query(topics, filter, sowKeys(header), orderBy, topN, skipN, select,
				Options.has(options, "no_sowkey"), Set.copyOf(shape));
		return (header.bookmark() != null) ? historical(query, header, topics, subscribe) : query;
	}

	/**
	 * A historical query (User Guide, "Historical SOW Topic Queries"): the {@code Bookmark} header is one bookmark of
	 * this server's transaction log or one timestamp, on SOW topics that keep history. The rest is refused loudly:
	 * AMPS's answers to them are not in the stored pages.
	 */
	private Query historical(Query query, InboundHeader header, List<SowTopic> topics, boolean subscribe) {
		String bookmark = header.bookmark().trim();
		if (subscribe) {
			return Query.notSupported("bookmark on '" + header.command() + "' (a historical query and subscribe)");
		}
		for (SowTopic sow : topics) {
			if (sow.history == null) {
				return Query.notSupported("a historical query (bookmark '" + bookmark + "') of '" + sow.name
						+ "', which keeps no history (AmpsTestServer.sowHistory)");
			}
		}
		ReplayPoint point = bookmark.contains(",") ? null : ReplayPoint.parse(bookmark);
		if (point == null || point.epoch || point.isNow()) {
			return Query.notSupported("a historical query from bookmark '" + bookmark + "' (the test server takes one "
					+ "bookmark of its transaction log or one timestamp YYYYMMDDThhmmss[.f][Z])");
		}
		if (point.atOrAfterMillis != Long.MAX_VALUE) {
			query.asOfMillis = point.atOrAfterMillis;
			return query;
		}
		String notHeld = this.engine.txlog.notHeld(point);
		boolean recorded = topics.stream().allMatch((sow) -> this.engine.txlog.records(sow.name));
		if (notHeld != null || !recorded) {
			return Query.notSupported("a historical query from bookmark '" + bookmark + "', which "
					+ ((notHeld != null) ? "names no message of this server's transaction log"
							: "needs the topic in the transaction log"));
		}
		query.asOfSequence = point.afterSequence;
		return query;
	}

	/**
	 * One entry of {@code orderby}, User Guide "Managing Result Sets": {@code /field [ASC | DESC] [TEXT]}; an
	 * {@link OrderBy}, or the refused {@link Query}.
	 */
	private static Object orderBy(String part) {
		String[] words = part.trim().split("\\s+");
		String field = words[0];
		if (!field.startsWith("/")) {
			return Query.refused(Reasons.INVALID_ORDER_BY);
		}
		boolean descending = false;
		boolean text = false;
		int i = 1;
		if (i < words.length && (words[i].equalsIgnoreCase("ASC") || words[i].equalsIgnoreCase("DESC"))) {
			descending = words[i].equalsIgnoreCase("DESC");
			i++;
		}
		if (i < words.length && words[i].equalsIgnoreCase("TEXT")) {
			text = true;
			i++;
		}
		if (i < words.length) {
			return Query.notSupported("orderby '" + part.trim() + "' (the test server reads /field [ASC | DESC] "
					+ "[TEXT]; '" + words[i] + "' is not supported there)");
		}
		try {
			return new OrderBy(ContentFilter.parse(field), field.substring(1).split("/"), descending, text);
		}
		catch (ContentFilter.FilterSyntaxException ex) {
			return Query.refused(Reasons.INVALID_ORDER_BY);
		}
		catch (ContentFilter.UnsupportedFeatureException ex) {
			return Query.notSupported("orderby '" + field + "' (" + ex.feature() + ")");
		}
	}

	/**
	 * The SplitMix64 finaliser of a SowKey: neighbouring keys land far apart. A key the publisher gave (not the
	 * server's decimal number) is hashed first.
	 */
	private static long scramble(String sowKey) {
		long z = numeric(sowKey) + 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	private static long numeric(String sowKey) {
		try {
			return Long.parseUnsignedLong(sowKey);
		}
		catch (NumberFormatException ex) {
			return sowKey.hashCode();
		}
	}

	private static Long count(String text) {
		try {
			long value = Long.parseLong(text.trim());
			return (value >= 0) ? value : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
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
	 * in the same atomic step, before any later publish is delivered. A subscription that replaces one (option
	 * {@code replace}) gets only the records that were not already in the replaced one's result set (User Guide,
	 * "Replacing Subscriptions": "AMPS runs the SOW command again and provides any messages that were not previously
	 * in the result set").
	 * @return {@code null}, or what the test server does not implement (nothing was sent)
	 */
	String query(Subscriber subscriber, InboundHeader header, Query query, Subscription subscription, QueryAcks acks) {
		this.engine.lock.lock();
		try {
			Subscription replaced = (subscription != null && Options.has(header.options(), "replace"))
					? find(subscriber, subscription.id()) : null;
			if (replaced != null && replaced.tracksResultSet && !query.shape.containsAll(replaced.queryShape)) {
				return "replace without the " + String.join(", ", new TreeSet<>(replaced.queryShape))
						+ " of the replaced subscription (User Guide, \"Managing Result Sets\": they must be provided on "
						+ "the replacement)";
			}
			long now = System.nanoTime();
			int compared = 0;
			List<Match> matches = new ArrayList<>();
			for (SowTopic sow : query.topics) {
				Iterable<Record> records = query.isHistorical() ? sow.history.asOf(query.asOfMillis, query.asOfSequence)
						: sow.records.values();
				for (Record record : records) {
					if (!query.isHistorical() && !record.liveAt(now)) {
						continue;
					}
					if (query.sowKeys != null && !query.sowKeys.contains(record.sowKey)) {
						continue;
					}
					compared++;
					if (query.filter != null && !query.filter.matches(record.document)) {
						continue;
					}
					matches.add(new Match(sow, record));
				}
			}
			matches.sort(query.orderBy.isEmpty() ? DEFAULT_ORDER : order(query.orderBy));
			int from = (int) Math.min(query.skipN, matches.size());
			int to = (query.topN != null) ? (int) Math.min(matches.size(), from + query.topN) : matches.size();
			List<Match> window = matches.subList(from, to);
			List<Match> returned = window;
			if (replaced != null && replaced.tracksFocus()) {
				returned = new ArrayList<>();
				for (Match match : window) {
					if (!replaced.inFocus.contains(match.record().sowKey)) {
						returned.add(match);
					}
				}
			}
			String queryId = (header.queryId() != null) ? header.queryId() : header.commandId();
			String subId = (subscription != null) ? subscription.id() : null;
			acks.before();
			subscriber.deliverHeader(subscriber, "c", "group_begin", "query_id", queryId, "sub_id", subId);
			sendRecords(subscriber, returned, header.batchSizeOrOne(), queryId, subId, query);
			subscriber.deliverHeader(subscriber, "c", "group_end", "query_id", queryId, "sub_id", subId);
			if (subscription != null) {
				subscription.tracksResultSet = true;
				subscription.queryShape = query.shape;
				for (Match match : window) {
					subscription.inFocus.add(match.record().sowKey);
				}
				Subscription previous = subscriber.subscriptions().replace(subscription);
				if (previous != null) {
					this.engine.released(previous);
				}
			}
			acks.after(compared, matches.size(), returned.size());
			return null;
		}
		finally {
			this.engine.lock.unlock();
		}
	}

	private static Subscription find(Subscriber subscriber, String subId) {
		for (Subscription subscription : subscriber.subscriptions().all()) {
			if (subscription.id().equals(subId)) {
				return subscription;
			}
		}
		return null;
	}

	/**
	 * Sends query results as AMPS does: {@link SowBatch sow frames} of up to {@code batchSize} records of one topic
	 * each (no {@code k} with {@code no_sowkey}; a record's selected part with a select list).
	 */
	private static void sendRecords(Subscriber subscriber, List<Match> records, int batchSize, String queryId,
			String subId, Query query) {
		int i = 0;
		while (i < records.size()) {
			SowTopic topic = records.get(i).sow();
			SowBatch batch = new SowBatch();
			while (i < records.size() && batch.size() < batchSize && records.get(i).sow() == topic) {
				Record record = records.get(i).record();
				byte[] data = (query.select != null) ? query.select.apply(record.document) : record.data;
				batch.add(query.noSowKey ? null : record.sowKey, record.bookmark, record.correlationId, data);
				i++;
			}
			batch.deliver(subscriber, topic.name, queryId, subId);
		}
	}

	private static Comparator<Match> order(List<OrderBy> orderBy) {
		return (a, b) -> {
			for (OrderBy field : orderBy) {
				int order = field.text() ? compareText(text(a.record().document, field.steps()),
						text(b.record().document, field.steps()))
						: compareForOrder(field.field().value(a.record().document),
								field.field().value(b.record().document));
				if (order != 0) {
					return field.descending() ? -order : order;
				}
			}
			return 0;
		};
	}

	/** NULLs after every value, then AMPS's comparison rules (the mixed-type sort). */
	private static int compareForOrder(Object left, Object right) {
		Integer order = ContentFilter.compareScalars(first(left), first(right));
		if (order != null) {
			return order;
		}
		boolean leftNull = ContentFilter.compareScalars(first(left), first(left)) == null;
		boolean rightNull = ContentFilter.compareScalars(first(right), first(right)) == null;
		return Boolean.compare(leftNull, rightNull);
	}

	/** The {@code TEXT} hint: the textual form of the values, compared as strings; NULLs after every value. */
	private static int compareText(String left, String right) {
		if (left == null || right == null) {
			return Boolean.compare(left == null, right == null);
		}
		return left.compareTo(right);
	}

	/** The textual form of a field: a string's characters, a number's or boolean's JSON text; null if absent. */
	private static String text(JsonNode document, String[] steps) {
		JsonNode node = document;
		for (String step : steps) {
			node = (node != null && node.isObject()) ? node.get(step) : null;
		}
		if (node == null || node.isNull() || node.isContainer()) {
			return null;
		}
		return node.isString() ? node.stringValue() : node.toString();
	}

	private static Object first(Object value) {
		if (value instanceof ContentFilter.Multi multi) {
			return multi.values().isEmpty() ? null : multi.values().get(0);
		}
		return value;
	}

}
