package org.ampsboot.test.engine;

import java.util.function.Supplier;

import org.ampsboot.test.wire.Json;

import tools.jackson.databind.JsonNode;

/**
 * Delivers a publish to a topic that is neither a SOW topic nor a queue: one frame per subscriber, carrying the
 * ids of all its matching subscriptions in {@code sids}, with a bookmark only if the topic is in the
 * {@link TransactionLog}.
 */
final class Router {

	private final Engine engine;

	Router(Engine engine) {
		this.engine = engine;
	}

	/**
	 * A topic in the transaction log: the message is recorded and delivered under the engine's lock (so that a
	 * bookmark subscription's replay and its live messages neither overlap nor leave a gap) and carries its bookmark;
	 * any other topic: delivered without a bookmark ("Replaying Messages with Bookmark Subscription": the bookmark is
	 * added "to each message recorded in the transaction log").
	 */
	void deliver(Subscriber publisher, String topic, byte[] frame, int headerEnd, int payloadLength) {
		if (!this.engine.txlog.records(topic)) {
			deliver(publisher, topic, frame, headerEnd, payloadLength, null);
			return;
		}
		this.engine.lock.lock();
		try {
			String bookmark = this.engine.nextBookmark(publisher);
			this.engine.txlog.append(topic, bookmark,
					java.util.Arrays.copyOfRange(frame, headerEnd, headerEnd + payloadLength), null);
			deliver(publisher, topic, frame, headerEnd, payloadLength, bookmark);
		}
		finally {
			this.engine.lock.unlock();
		}
	}

	private void deliver(Subscriber publisher, String topic, byte[] frame, int headerEnd, int payloadLength,
			String bookmark) {
		// Only a content filter needs the parsed document: it is parsed once, on first use.
		Supplier<JsonNode> document = Json.lazyDocument(frame, headerEnd, payloadLength);
		for (Subscriber target : this.engine.subscribers()) {
			if (!target.takesDeliveries()) {
				continue;
			}
			String subIds = target.subscriptions().matchingSubIds(topic, document);
			if (subIds == null) {
				continue;
			}
			target.deliver(publisher, frame, headerEnd, payloadLength, "c", "p", "t", topic, "sids", subIds, "bm",
					bookmark);
		}
	}

}
