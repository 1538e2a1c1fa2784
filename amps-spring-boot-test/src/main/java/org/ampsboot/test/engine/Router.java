package org.ampsboot.test.engine;

import java.util.function.Supplier;

import org.ampsboot.test.wire.Json;

import tools.jackson.databind.JsonNode;

/**
 * Delivers a publish to a topic that is neither a SOW topic nor a queue: one frame per subscriber, carrying the
 * ids of all its matching subscriptions in {@code sids} and one bookmark for every subscriber.
 */
final class Router {

	private final Engine engine;

	Router(Engine engine) {
		this.engine = engine;
	}

	void deliver(Subscriber publisher, String topic, byte[] frame, int headerEnd, int payloadLength) {
		String bookmark = null;
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
			if (bookmark == null) {
				bookmark = this.engine.nextBookmark(publisher);
			}
			target.deliver(publisher, frame, headerEnd, payloadLength, "c", "p", "t", topic, "sids", subIds, "bm",
					bookmark);
		}
	}

}
