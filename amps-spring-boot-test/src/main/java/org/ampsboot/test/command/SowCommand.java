package org.ampsboot.test.command;

import org.ampsboot.test.engine.Engine;
import org.ampsboot.test.engine.Query;
import org.ampsboot.test.engine.Subscription;
import org.ampsboot.test.engine.filter.ContentFilter;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/** {@code sow}, {@code sow_and_subscribe} and {@code sow_and_delta_subscribe}. */
final class SowCommand {

	private static final Logger log = ServerLog.LOG;

	private final Engine engine;

	private final SubscribeCommand subscriptions;

	SowCommand(Engine engine, SubscribeCommand subscriptions) {
		this.engine = engine;
		this.subscriptions = subscriptions;
	}

	void handle(Session session, InboundHeader header, boolean subscribe, boolean delta) {
		ContentFilter filter = Filters.parse(session, header);
		if (filter == Filters.INVALID) {
			return;
		}
		if (this.engine.isQueue(header.topic())) {
			if (header.bookmark() != null) {
				Acks.notSupported(session, header, "bookmark on '" + header.command() + "' of a queue");
				return;
			}
			queryQueue(session, header, filter, subscribe);
			return;
		}
		if (subscribe && DeliveryOptions.refused(this.engine, session, header, true, delta)) {
			return;
		}
		Query query = this.engine.prepareQuery(header, filter, subscribe);
		String reason = query.refusal();
		if (reason != null && query.notSupported()) {
			Acks.notSupported(session, header, reason);
			return;
		}
		if (reason != null) {
			log.debug("AMPS test server: '{}' to '{}' from {} refused with '{}'", header.command(), header.topic(),
					session, reason);
			Acks.fail(session, header, reason);
			return;
		}
		Subscription subscription = null;
		if (subscribe) {
			subscription = this.subscriptions.newSubscription(session, header, filter, delta);
			if (subscription == null) {
				return;
			}
		}
		String notSupported = this.engine.query(session, header, query, subscription, Acks.around(session, header));
		if (notSupported != null) {
			Acks.notSupported(session, header, notSupported);
		}
	}

	/**
	 * A {@code sow} on a queue: its available messages, read-only (AMPS User Guide, "Advanced Messaging and Queues",
	 * "Querying Queues as a View"). What the test server does not do on a queue is refused loudly.
	 */
	private void queryQueue(Session session, InboundHeader header, ContentFilter filter, boolean subscribe) {
		if (subscribe) {
			Acks.notSupported(session, header, "'" + header.command() + "' on a queue");
		}
		else if (header.orderBy() != null && !header.orderBy().isBlank()) {
			Acks.notSupported(session, header, "'orderby' in a query of a queue");
		}
		else if (header.sowKeys() != null && !header.sowKeys().isBlank()) {
			Acks.notSupported(session, header, "'sow_keys' in a query of a queue");
		}
		else {
			this.engine.queryQueue(session, header, filter, Acks.around(session, header));
		}
	}

}
