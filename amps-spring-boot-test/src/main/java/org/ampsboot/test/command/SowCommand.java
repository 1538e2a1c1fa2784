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

}
