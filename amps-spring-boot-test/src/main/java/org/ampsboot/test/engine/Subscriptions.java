package org.ampsboot.test.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * The subscriptions of one {@link Subscriber}: a copy-on-write array, read by any thread, changed only under the
 * engine's lock.
 *
 * <p>Internal: not API.
 */
public final class Subscriptions {

	private static final Subscription[] NO_SUBSCRIPTIONS = {};

	private volatile Subscription[] subscriptions = NO_SUBSCRIPTIONS;

	/**
	 * Adds or replaces (by id) a subscription.
	 * @return the subscription it replaced, or {@code null}
	 */
	Subscription replace(Subscription subscription) {
		Subscription[] current = this.subscriptions;
		for (int i = 0; i < current.length; i++) {
			if (current[i].id().equals(subscription.id())) {
				Subscription replaced = current[i];
				Subscription[] updated = current.clone();
				updated[i] = subscription;
				this.subscriptions = updated;
				return replaced;
			}
		}
		Subscription[] added = Arrays.copyOf(current, current.length + 1);
		added[current.length] = subscription;
		this.subscriptions = added;
		return null;
	}

	/** The subscriptions now. */
	public Subscription[] all() {
		return this.subscriptions;
	}

	/** Removes the subscriptions with these ids ({@code "all"} removes every one); returns those removed. */
	List<Subscription> remove(String subIds) {
		Subscription[] current = this.subscriptions;
		if (subIds == null) {
			return List.of();
		}
		List<String> ids = Arrays.asList(subIds.split(","));
		if (ids.contains("all")) {
			this.subscriptions = NO_SUBSCRIPTIONS;
			return Arrays.asList(current);
		}
		List<Subscription> kept = new ArrayList<>(current.length);
		List<Subscription> removed = new ArrayList<>();
		for (Subscription subscription : current) {
			if (ids.contains(subscription.id())) {
				removed.add(subscription);
			}
			else {
				kept.add(subscription);
			}
		}
		this.subscriptions = kept.toArray(NO_SUBSCRIPTIONS);
		return removed;
	}

	/**
	 * The comma list of the ids of the subscriptions that match the topic and whose content filter (if any)
	 * matches the document, or {@code null}.
	 */
	String matchingSubIds(String topic, Supplier<JsonNode> document) {
		Subscription[] current = this.subscriptions;
		String first = null;
		StringBuilder more = null;
		for (Subscription subscription : current) {
			if (subscription.matches(topic, document)) {
				if (first == null) {
					first = subscription.id();
				}
				else {
					if (more == null) {
						more = new StringBuilder(first);
					}
					more.append(',').append(subscription.id());
				}
			}
		}
		return (more != null) ? more.toString() : first;
	}

}
