package org.ampsboot.test.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ampsboot.test.engine.Options;
import org.ampsboot.test.wire.Commands;
import org.ampsboot.test.wire.InboundHeader;

/**
 * The one check of what a command asks for, run by {@link CommandDispatcher} before any command is handled: the
 * options (the {@code opts} header) and the headers that change what a command does. Each command accepts what
 * {@link #OPTIONS} and {@link #HEADERS} list for it; anything else is refused loudly with
 * {@link Acks#notSupported(Session, InboundHeader, String)} naming it, so the test server never ignores an option
 * or a header (issue 12: "It never ignores an option, a header or a setting"). The same table is in
 * {@code /work/notes/options.md}.
 *
 * <p>Some accepted names are implemented by the SOW, transaction-log and queue areas (see their classes); they are
 * listed here so that the check does not refuse them while those areas are being built.
 *
 * <p>An option or header that is neither documented by 60East nor known to the test server (garbage) is refused
 * the same loud way: what AMPS answers to it is not documented, and accepting it would be ignoring it. The
 * {@code heartbeat} command is not checked here: its options ({@code start,<seconds>}, {@code beat}) are its
 * protocol and {@link HeartbeatCommand} reads them.
 */
final class CommandOptions {

	private static final Set<String> SUBSCRIBE_OPTIONS = Set.of("replace", "oof", "max_backlog", "non_regex_topic",
			"pause", "resume", "live", "select");

	/** {@code non_regex_topic} is implemented for subscriptions without a SOW query only. */
	private static final Set<String> QUERY_AND_SUBSCRIBE_OPTIONS = Set.of("replace", "oof", "max_backlog", "pause",
			"resume", "live", "select", "top_n", "skip_n", "no_sowkey");

	private static final Set<String> DELTA_OPTIONS = Set.of("no_empties", "send_keys", "no_sowkey");

	/** The options each command accepts (canonical command name to lower-case option names). */
	static final Map<String, Set<String>> OPTIONS = Map.ofEntries(
			Map.entry("logon", Set.of()),
			Map.entry("p", Set.of()),
			Map.entry("delta_publish", Set.of()),
			Map.entry("flush", Set.of()),
			Map.entry("subscribe", SUBSCRIBE_OPTIONS),
			Map.entry("delta_subscribe", union(SUBSCRIBE_OPTIONS, DELTA_OPTIONS)),
			Map.entry("unsubscribe", Set.of()),
			Map.entry("sow", Set.of("top_n", "skip_n", "select", "no_sowkey")),
			Map.entry("sow_and_subscribe", QUERY_AND_SUBSCRIBE_OPTIONS),
			Map.entry("sow_and_delta_subscribe", union(QUERY_AND_SUBSCRIBE_OPTIONS, DELTA_OPTIONS)),
			Map.entry("sow_delete", Set.of("cancel", "expire")));

	/**
	 * Options 60East documents that no command here implements (so they are refused as "option", not "unknown
	 * option"); every option the table accepts anywhere is documented too.
	 */
	private static final Set<String> DOCUMENTED_OPTIONS = Set.of("timestamp", "conflation", "conflation_key",
			"fully_durable", "pretty", "ack_conflation", "rate", "rate_max_gap", "projection", "grouping",
			"topic_matching_policy", "bookmark_not_found");

	private static final Set<String> QUERY_HEADERS = Set.of("filter", "sow_keys", "top_n", "orderby", "batch_size",
			"bookmark");

	/**
	 * The headers that change what a command does, and the commands that accept them (canonical command name to
	 * header names as {@link InboundHeader} reads them). Identity and routing headers ({@code c}, {@code cid},
	 * {@code t}, {@code a}, {@code sub_id}, {@code query_id}, {@code s}, {@code opts}) are not listed.
	 */
	static final Map<String, Set<String>> HEADERS = Map.ofEntries(
			Map.entry("logon", Set.of("client_name", "user_id", "pw", "mt", "v", "x")),
			Map.entry("p", Set.of("e", "x", "k")),
			Map.entry("delta_publish", Set.of("e", "x", "k")),
			Map.entry("flush", Set.of()),
			Map.entry("subscribe", Set.of("filter", "bookmark")),
			Map.entry("delta_subscribe", Set.of("filter", "bookmark")),
			Map.entry("unsubscribe", Set.of()),
			Map.entry("sow", QUERY_HEADERS),
			Map.entry("sow_and_subscribe", QUERY_HEADERS),
			Map.entry("sow_and_delta_subscribe", QUERY_HEADERS),
			Map.entry("sow_delete", Set.of("filter", "sow_keys", "bookmark")));

	private CommandOptions() {
	}

	/**
	 * Refuses the command loudly if it carries an option or header it does not accept.
	 * @return whether the command may be handled ({@code false}: it was refused)
	 */
	static boolean check(Session session, InboundHeader header) {
		String command = Commands.canonical(header.command());
		Set<String> options = (command != null) ? OPTIONS.get(command) : null;
		if (options == null) {
			// not a command the server implements: the dispatcher refuses the command itself
			return true;
		}
		String refused = refusedHeader(header, HEADERS.get(command));
		if (refused == null) {
			refused = refusedOption(header.options(), options);
		}
		if (refused == null) {
			return true;
		}
		Acks.notSupported(session, header, refused + " on '" + command + "'");
		return false;
	}

	private static String refusedHeader(InboundHeader header, Set<String> accepted) {
		String[][] present = { { "filter", header.filter() }, { "sow_keys", header.sowKeys() },
				{ "k", header.sowKey() }, { "top_n", header.topN() }, { "orderby", header.orderBy() },
				{ "batch_size", header.batchSize() }, { "bookmark", header.bookmark() },
				{ "e", header.expiration() }, { "client_name", header.clientName() }, { "user_id", header.userId() },
				{ "pw", header.password() }, { "mt", header.messageType() }, { "x", header.correlationId() } };
		for (String[] field : present) {
			if (field[1] != null && !accepted.contains(field[0])) {
				return "header '" + field[0] + "'";
			}
		}
		for (String name : header.otherFields()) {
			if (!accepted.contains(name)) {
				return "header '" + name + "'";
			}
		}
		return null;
	}

	private static String refusedOption(String opts, Set<String> accepted) {
		for (String option : names(opts)) {
			if (!accepted.contains(option)) {
				return (isDocumented(option) ? "option '" : "unknown option '") + option + "'";
			}
		}
		return null;
	}

	private static boolean isDocumented(String option) {
		if (DOCUMENTED_OPTIONS.contains(option)) {
			return true;
		}
		for (Set<String> accepted : OPTIONS.values()) {
			if (accepted.contains(option)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The option names of a comma list, lower case, each without its {@code =value}; commas inside brackets (as in
	 * {@code select=[-/,+/id]}) do not separate options.
	 */
	static List<String> names(String opts) {
		List<String> names = new ArrayList<>(2);
		for (String option : Options.split(opts)) {
			String name = Options.name(option).toLowerCase(Locale.ROOT);
			if (!name.isEmpty()) {
				names.add(name);
			}
		}
		return names;
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new HashSet<>(a);
		all.addAll(b);
		return Set.copyOf(all);
	}

}
