package org.ampsboot.test;

import org.ampsboot.test.engine.filter.ContentFilter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * What the server does with each command a client sends. Runs on the sending connection's reader thread, so
 * the commands of one connection are handled strictly in order.
 */
final class CommandHandler {

	private static final Logger log = LoggerFactory.getLogger(AmpsTestServer.class);

	static final String AUTH_FAILURE = "auth failure";

	static final String NAME_IN_USE = "name in use";

	static final String PARSE_ERROR = "parse error";

	static final String BAD_FILTER = "bad filter";

	static final String BAD_REGEX_TOPIC = "bad regex topic";

	static final String INVALID_TOPIC = "invalid topic";

	static final String NO_TOPIC = "no topic";

	static final String LOGON_REQUIRED = "logon required";

	static final String NOT_SUPPORTED = "not supported";

	static final String BAD_SOW_KEY = "bad sow key";

	static final String INVALID_ORDER_BY = "invalid orderby";

	static final String INVALID_TOPIC_OR_FILTER = "invalid topic or filter";

	private final AmpsTestServer server;

	private final StateOfTheWorld sow;

	private final Acks acks = new Acks();

	CommandHandler(AmpsTestServer server, StateOfTheWorld sow) {
		this.server = server;
		this.sow = sow;
	}

	void handle(Connection connection, byte[] frame, int headerEnd, InboundHeader header) {
		String command = header.command;
		boolean heartbeat = "heartbeat".equals(command);
		if (connection.isSilent()) {
			// a hung server: read, record (not heartbeats), discard
			if (!heartbeat && this.server.recordsFrames()) {
				this.server.record(new ReceivedFrame(frame, headerEnd, command,
						"logon".equals(command) ? header.clientName : connection.clientName()));
			}
			log.trace("AMPS test server: silent connection {} discards '{}'", connection, command);
			return;
		}
		if (heartbeat) {
			heartbeat(connection, header);
			return;
		}
		boolean logon = "logon".equals(command);
		if (this.server.recordsFrames()) {
			this.server.record(new ReceivedFrame(frame, headerEnd, command,
					logon ? header.clientName : connection.clientName()));
		}
		Fault fault = this.server.takeFault(command);
		if (fault != null && fault.kind() == Fault.Kind.DROP) {
			log.info("AMPS test server: dropping connection {} on its '{}' command, as scripted by {}",
					connection, command, fault);
			connection.close();
			return;
		}
		if (fault != null && fault.kind() == Fault.Kind.SILENCE) {
			connection.goSilent("on its '" + command + "' command, as scripted by " + fault);
			return;
		}
		if (fault != null) {
			log.info("AMPS test server: failing '{}' command of {} with '{}', as scripted", command, connection,
					fault.reason());
			fail(connection, header, fault.reason());
			return;
		}
		if (logon) {
			logon(connection, header);
			return;
		}
		if (!connection.isLoggedOn()) {
			fail(connection, header, LOGON_REQUIRED);
			return;
		}
		switch (Objects.requireNonNullElse(Commands.canonical(command), "")) {
			case "p", "delta_publish" -> publish(connection, frame, headerEnd, header);
			case "subscribe" -> subscribe(connection, header, false);
			case "delta_subscribe" -> subscribe(connection, header, true);
			case "unsubscribe" -> unsubscribe(connection, header);
			case "flush" -> ackRequested(connection, header);
			case "sow" -> sow(connection, header, false, false);
			case "sow_and_subscribe" -> sow(connection, header, true, false);
			case "sow_and_delta_subscribe" -> sow(connection, header, true, true);
			case "sow_delete" -> sowDelete(connection, frame, headerEnd, header);
			default -> {
				log.warn("AMPS test server: '{}' from {} is not a command the test server implements; answering "
						+ "with a failure ack '{}'", command, connection, NOT_SUPPORTED);
				fail(connection, header, NOT_SUPPORTED);
			}
		}
	}

	// ---- logon

	private void logon(Connection connection, InboundHeader header) {
		String name = header.clientName;
		String refusal = this.server.checkCredentials(header.userId, header.password) ? null : AUTH_FAILURE;
		if (refusal == null && !this.server.logOn(connection, name, nameHash(name),
				header.messageType == null || header.messageType.equalsIgnoreCase("json"))) {
			refusal = NAME_IN_USE;
		}
		if (refusal != null) {
			// Never the password.
			log.info("AMPS test server: refused logon of client '{}' (user '{}') from {}: {}", name, header.userId,
					connection.remoteAddress(), refusal);
			for (String type : AckTypes.orProcessed(header.ackTypes)) {
				connection.sendHeader(connection, "c", "ack", "a", type, "cid", header.commandId, "client_name", name,
						"status", "failure", "reason", refusal);
			}
			return;
		}
		Long lastSequence = this.server.highestSequence(name);
		Fault push = this.server.takePushAfterLogon();
		List<String> types = AckTypes.orProcessed(header.ackTypes);
		connection.sendTogether(() -> {
			for (String type : types) {
				connection.sendHeader(connection, "c", "ack", "a", type, "cid", header.commandId, "client_name", name,
						"s", lastSequence, "status", "success", "v", AmpsTestServer.SERVER_VERSION, "bm",
						connection.nameHash() + "|0|");
			}
			if (push != null) {
				connection.writeVerbatim(connection, push.frame());
			}
		});
		log.debug("AMPS test server: client '{}' logged on from {}", name, connection.remoteAddress());
		this.server.loggedOn(connection);
	}

	/** A stable, positive number for a client name, used as the publisher part of bookmarks. */
	static String nameHash(String name) {
		if (name == null) {
			return "0";
		}
		long hash = 0xcbf29ce484222325L;
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= 0x100000001b3L;
		}
		return Long.toString(hash & Long.MAX_VALUE);
	}

	// ---- heartbeat

	private void heartbeat(Connection connection, InboundHeader header) {
		String options = header.options;
		log.trace("AMPS test server: heartbeat '{}' from {}", options, connection);
		if (options != null && options.startsWith("start")) {
			int comma = options.indexOf(',');
			int interval = 0;
			if (comma >= 0) {
				try {
					interval = Integer.parseInt(options.substring(comma + 1).trim());
				}
				catch (NumberFormatException ex) {
					log.warn("AMPS test server: heartbeat from {} has unreadable options '{}'", connection, options);
				}
			}
			connection.startHeartbeat(interval);
		}
		ackRequested(connection, header);
	}

	// ---- publish

	private void publish(Connection connection, byte[] frame, int headerEnd, InboundHeader header) {
		String topic = header.topic;
		if (topic == null || topic.isEmpty()) {
			fail(connection, header, NO_TOPIC);
			return;
		}
		Long sequence = header.sequenceNumber();
		int payloadLength = frame.length - headerEnd;
		if (connection.jsonMessages() && !header.payloadIsValidJson(payloadLength)) {
			if (sequence != null) {
				this.server.advanceSequence(connection.clientName(), sequence);
			}
			log.debug("AMPS test server: publish to '{}' from {} is not valid JSON; answering '{}'", topic,
					connection, PARSE_ERROR);
			fail(connection, header, PARSE_ERROR);
			return;
		}
		boolean duplicate = sequence != null && !this.server.advanceSequence(connection.clientName(), sequence);
		if (duplicate) {
			log.debug("AMPS test server: publish {} to '{}' from {} is a duplicate; acknowledged, not delivered",
					sequence, topic, connection);
		}
		else if (this.sow.isQueue(topic)) {
			this.sow.enqueue(connection, topic, Arrays.copyOfRange(frame, headerEnd, frame.length));
		}
		else if (this.sow.isSowTopic(topic)) {
			String refusal = this.sow.publish(connection, topic, Arrays.copyOfRange(frame, headerEnd, frame.length),
					header.expirationSeconds(), "delta_publish".equals(header.command));
			if (refusal != null) {
				fail(connection, header, refusal);
				return;
			}
		}
		else {
			deliver(connection, topic, frame, headerEnd, payloadLength);
		}
		ackRequested(connection, header);
	}

	private void deliver(Connection publisher, String topic, byte[] frame, int headerEnd, int payloadLength) {
		String bookmark = null;
		Supplier<JsonNode> document = Json.lazyDocument(frame, headerEnd, payloadLength);
		for (Connection target : this.server.liveConnections()) {
			if (!target.isLoggedOn() || target.isSilent()) {
				continue;
			}
			String subIds = target.matchingSubIds(topic, document);
			if (subIds == null) {
				continue;
			}
			if (bookmark == null) {
				bookmark = publisher.nameHash() + "|" + this.server.nextBookmarkSequence() + "|";
			}
			target.sendFrame(publisher, frame, headerEnd, payloadLength, "c", "p", "t", topic, "sids", subIds, "bm",
					bookmark);
		}
	}

	// ---- subscriptions

	private void subscribe(Connection connection, InboundHeader header, boolean delta) {
		ContentFilter filter = parseFilter(connection, header);
		if (filter == INVALID_FILTER) {
			return;
		}
		Subscription subscription = newSubscription(connection, header, filter, delta);
		if (subscription == null) {
			return;
		}
		this.sow.subscribe(connection, subscription);
		ackRequested(connection, header);
	}

	/** A subscription for the command, or {@code null} after answering a bad topic with a failure ack. */
	private Subscription newSubscription(Connection connection, InboundHeader header, ContentFilter filter,
			boolean delta) {
		String topic = header.topic;
		if (topic == null || topic.isEmpty()) {
			fail(connection, header, NO_TOPIC);
			return null;
		}
		Pattern regex = null;
		if (Subscription.isRegex(topic)) {
			try {
				regex = Pattern.compile(topic);
			}
			catch (PatternSyntaxException ex) {
				fail(connection, header, BAD_REGEX_TOPIC);
				return null;
			}
		}
		String subId = (header.subId != null) ? header.subId : header.commandId;
		if (subId == null) {
			subId = "sub-" + this.server.nextBookmarkSequence();
		}
		return new Subscription(subId, topic, regex, header.options, filter, connection, delta);
	}

	// ---- State of the World

	private void sow(Connection connection, InboundHeader header, boolean subscribe, boolean delta) {
		ContentFilter filter = parseFilter(connection, header);
		if (filter == INVALID_FILTER) {
			return;
		}
		Object prepared = this.sow.prepareQuery(header, filter);
		if (prepared instanceof String reason) {
			log.debug("AMPS test server: '{}' to '{}' from {} refused with '{}'", header.command, header.topic,
					connection, reason);
			fail(connection, header, reason);
			return;
		}
		Subscription subscription = null;
		if (subscribe) {
			subscription = newSubscription(connection, header, filter, delta);
			if (subscription == null) {
				return;
			}
		}
		this.sow.query(connection, header, (StateOfTheWorld.Query) prepared, subscription, this.acks);
	}

	private void sowDelete(Connection connection, byte[] frame, int headerEnd, InboundHeader header) {
		if (header.bookmark != null && !header.bookmark.isBlank()) {
			// a queue acknowledgement; AMPS accepts bookmarks on queue topics only
			if (!this.sow.isQueue(header.topic)) {
				log.debug("AMPS test server: 'sow_delete' by bookmark on '{}' from {} refused with '{}': not a queue",
						header.topic, connection, INVALID_TOPIC);
				fail(connection, header, INVALID_TOPIC);
				return;
			}
			this.sow.acknowledge(connection, header, this.acks);
			return;
		}
		ContentFilter filter = parseFilter(connection, header);
		if (filter == INVALID_FILTER) {
			return;
		}
		String refusal = this.sow.delete(connection, header, filter, Arrays.copyOfRange(frame, headerEnd, frame.length),
				this.acks);
		if (refusal != null) {
			log.debug("AMPS test server: 'sow_delete' on '{}' from {} refused with '{}'", header.topic, connection,
					refusal);
			fail(connection, header, refusal);
		}
	}

	/** Marks a filter that did not parse (and was answered with a failure ack). */
	private static final ContentFilter INVALID_FILTER = ContentFilter.parse("1 = 1");

	/**
	 * The command's content filter, {@code null} if it has none, or {@link #INVALID_FILTER} after answering a filter
	 * that does not parse with a {@code bad filter} failure ack.
	 */
	private ContentFilter parseFilter(Connection connection, InboundHeader header) {
		String text = header.filter;
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return ContentFilter.parse(text);
		}
		catch (ContentFilter.FilterSyntaxException ex) {
			log.info("AMPS test server: '{}' to '{}' from {} refused with '{}': {}", header.command, header.topic,
					connection, BAD_FILTER, ex.getMessage());
			fail(connection, header, BAD_FILTER);
			return INVALID_FILTER;
		}
		catch (ContentFilter.UnsupportedFeatureException ex) {
			String reason = "not supported by the AMPS test server: " + ex.feature();
			log.warn("AMPS test server: '{}' to '{}' from {} refused with '{}' (filter \"{}\")", header.command,
					header.topic, connection, reason, text);
			fail(connection, header, reason);
			return INVALID_FILTER;
		}
	}

	private void unsubscribe(Connection connection, InboundHeader header) {
		this.sow.unsubscribe(connection, header.subId);
		ackRequested(connection, header);
	}

	// ---- acks

	/** A success ack for every ack type the command requested, and nothing if it requested none. */
	private void ackRequested(Connection connection, InboundHeader header) {
		String ackTypes = header.ackTypes;
		if (ackTypes == null || ackTypes.isEmpty()) {
			return;
		}
		for (String type : AckTypes.of(ackTypes)) {
			ack(connection, header, type, "success", null);
		}
	}

	/** A failure ack for every ack type the command requested, or a processed failure ack if it requested none. */
	private void fail(Connection connection, InboundHeader header, String reason) {
		for (String type : AckTypes.orProcessed(header.ackTypes)) {
			ack(connection, header, type, "failure", reason);
		}
	}

	private void ack(Connection connection, InboundHeader header, String type, String status, String reason) {
		boolean publish = isPublish(header.command);
		boolean persisted = type.equals("persisted");
		connection.sendHeader(connection, "c", "ack", "a", type, "cid", header.commandId, "t",
				(publish && !persisted) ? header.topic : null, "s", (publish && persisted) ? header.sequenceNumber() : null,
				"sub_id", header.subId, "query_id", header.queryId, "status", status, "reason", reason);
	}

	/**
	 * The acks of a query or delete, around its results: {@code received}, {@code processed} (and any other type)
	 * before, {@code completed} and {@code stats} after.
	 */
	final class Acks {

		void before(Connection connection, InboundHeader header) {
			for (String type : AckTypes.of(header.ackTypes)) {
				if (!type.equals("completed") && !type.equals("stats")) {
					ack(connection, header, type, "success", null);
				}
			}
		}

		/** The closing acks of a query: the stats ack carries the number of matches and of records returned. */
		void after(Connection connection, InboundHeader header, int matches, int returned) {
			for (String type : AckTypes.of(header.ackTypes)) {
				if (type.equals("completed")) {
					ack(connection, header, type, "success", null);
				}
				else if (type.equals("stats")) {
					connection.sendHeader(connection, "c", "ack", "a", "stats", "cid", header.commandId, "sub_id",
							header.subId, "query_id", header.queryId, "status", "success", "matches", matches,
							"topic_matches", matches, "records_returned", returned);
				}
			}
		}

		/** The closing acks of a sow_delete: the stats ack carries the number of records deleted. */
		void afterDelete(Connection connection, InboundHeader header, int deleted) {
			for (String type : AckTypes.of(header.ackTypes)) {
				if (type.equals("completed")) {
					ack(connection, header, type, "success", null);
				}
				else if (type.equals("stats")) {
					connection.sendHeader(connection, "c", "ack", "a", "stats", "cid", header.commandId, "t",
							header.topic, "status", "success", "matches", deleted, "topic_matches", deleted,
							"records_deleted", deleted);
				}
			}
		}

	}

	private static boolean isPublish(String command) {
		String canonical = Commands.canonical(command);
		return "p".equals(canonical) || "delta_publish".equals(canonical);
	}

}
