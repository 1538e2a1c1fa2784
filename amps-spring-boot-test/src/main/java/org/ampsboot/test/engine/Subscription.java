package org.ampsboot.test.engine;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.ampsboot.test.engine.filter.ContentFilter;

import tools.jackson.databind.JsonNode;

/**
 * A subscription of one {@link Subscriber}. A topic that contains regular-expression metacharacters is a regex
 * topic, matched with {@link java.util.regex.Matcher#find()} semantics like AMPS does; any other topic
 * matches only itself. A subscription with a {@link ContentFilter} receives only the messages that match it.
 *
 * <p>The mutable state (the SOW keys in focus, the queue messages leased) is guarded by the
 * {@link Engine}'s lock.
 *
 * <p>Internal: not API.
 */
public final class Subscription {

	private static final String METACHARACTERS = ".*+?^$[](){}|\\";

	private final String id;

	private final String topic;

	private final Pattern regex;

	private final String options;

	private final ContentFilter filter;

	private final Subscriber subscriber;

	private final boolean delta;

	private final boolean oof;

	private final boolean noEmpties;

	private final int maxBacklog;

	private final SelectList select;

	private final boolean noSowKey;

	/**
	 * SOW keys of records this subscription has received and that still match it: kept with {@code oof}, and for a
	 * subscription placed with a SOW query (its result set, for {@code replace}).
	 */
	final Set<String> inFocus = new HashSet<>();

	/** Placed by a {@code sow_and_subscribe} / {@code sow_and_delta_subscribe}: {@link #inFocus} is its result set. */
	boolean tracksResultSet;

	/** Which of {@code top_n}, {@code skip_n}, {@code orderby} its SOW query had (a replacement must repeat them). */
	Set<String> queryShape = Set.of();

	/** Queue messages leased to this subscription and not yet acknowledged. */
	int leased;

	/** A paused bookmark subscription gets no deliveries until resumed ({@link TransactionLog}). */
	volatile boolean paused;

	public Subscription(String id, String topic, Pattern regex, String options, ContentFilter filter,
			Subscriber subscriber, boolean delta) {
		this.id = id;
		this.topic = topic;
		this.regex = regex;
		this.options = options;
		this.filter = filter;
		this.subscriber = subscriber;
		this.delta = delta;
		this.oof = hasOption(options, "oof");
		this.noEmpties = hasOption(options, "no_empties");
		this.maxBacklog = maxBacklog(options);
		String select = Options.value(options, "select");
		this.select = (select != null) ? SelectList.parse(select) : null;
		this.noSowKey = hasOption(options, "no_sowkey");
	}

	/** Whether the topic contains a regular-expression metacharacter (a regex topic). */
	public static boolean isRegex(String topic) {
		for (int i = 0; i < topic.length(); i++) {
			if (METACHARACTERS.indexOf(topic.charAt(i)) >= 0) {
				return true;
			}
		}
		return false;
	}

	/** Whether the comma list of options contains this one (before any {@code =}). */
	public static boolean hasOption(String options, String option) {
		return Options.has(options, option);
	}

	/** The {@code max_backlog=N} option, or 1 (AMPS's default) when absent or not a positive number. */
	static int maxBacklog(String options) {
		String value = Options.value(options, "max_backlog");
		if (value == null) {
			return 1;
		}
		try {
			return Math.max(1, Integer.parseInt(value));
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

	public String id() {
		return this.id;
	}

	String topic() {
		return this.topic;
	}

	String options() {
		return this.options;
	}

	ContentFilter filter() {
		return this.filter;
	}

	Subscriber subscriber() {
		return this.subscriber;
	}

	/** A {@code delta_subscribe} / {@code sow_and_delta_subscribe}: SOW updates arrive as deltas. */
	boolean delta() {
		return this.delta;
	}

	/** Whether the subscription asked for out-of-focus notices ({@code oof} option). */
	boolean oof() {
		return this.oof;
	}

	/** Whether a delta subscription asked not to receive updates that changed nothing ({@code no_empties}). */
	boolean noEmpties() {
		return this.noEmpties;
	}

	/** The select list of its options, or {@code null}. */
	SelectList select() {
		return this.select;
	}

	/** Whether its deliveries leave out the SowKey ({@code no_sowkey}). */
	boolean noSowKey() {
		return this.noSowKey;
	}

	/** Whether it keeps {@link #inFocus} (with {@code oof}, or as the result set of a SOW query). */
	boolean tracksFocus() {
		return this.oof || this.tracksResultSet;
	}

	int maxBacklog() {
		return this.maxBacklog;
	}

	/** Whether a live message on this topic is for this subscription (never while it is paused). */
	boolean matches(String publishedTopic) {
		return !this.paused && matchesTopic(publishedTopic);
	}

	/** Whether the topic is this subscription's (a replay uses this: it runs while the subscription is paused). */
	boolean matchesTopic(String publishedTopic) {
		return (this.regex != null) ? this.regex.matcher(publishedTopic).find() : this.topic.equals(publishedTopic);
	}

	/** Whether a message on this topic, with this (lazily parsed) document, is for this subscription. */
	boolean matches(String publishedTopic, Supplier<JsonNode> document) {
		// Only a content filter needs the parsed document: parsing every payload for nothing cost
		// about a quarter of the server's throughput (benchmarks/FINDINGS.md).
		return matches(publishedTopic) && (this.filter == null || this.filter.matches(document.get()));
	}

	/** Whether the document passes this subscription's filter (true without a filter). */
	boolean matchesContent(JsonNode document) {
		return this.filter == null || this.filter.matches(document);
	}

	@Override
	public String toString() {
		return "Subscription[" + this.id + " to " + this.topic + ((this.filter != null) ? " where " + this.filter.text() : "")
				+ "]";
	}

}
