package org.ampsboot.autoconfigure.fallback;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;

/**
 * Internal: not API (public only because the listener containers live in another package).
 * <p>
 * The queue subscriptions of one client that a listener container ended (paused or stopped).
 * AMPS may have leased messages to such a subscription just before its unsubscribe arrived; they
 * reach the client after it has dropped the subscription, so they would land in the fallback
 * handlers as "unexpected". They are not lost: AMPS returns a message leased to a subscription
 * that ends to the queue. The {@link FallbackDispatcher} leaves them out (counted, at DEBUG)
 * instead of logging a WARN for each.
 */
public final class LateQueueDeliveries {

	private static final Map<Client, LateQueueDeliveries> all = Collections.synchronizedMap(new WeakHashMap<>());

	private final Set<String> ended = ConcurrentHashMap.newKeySet();

	private final LongAdder skipped = new LongAdder();

	private volatile boolean any;

	private LateQueueDeliveries() {
	}

	/**
	 * The late deliveries of a client.
	 * @param client the client
	 * @return its tracker, created on first use
	 */
	public static LateQueueDeliveries of(Client client) {
		synchronized (all) {
			LateQueueDeliveries deliveries = all.get(client);
			if (deliveries == null) {
				deliveries = new LateQueueDeliveries();
				all.put(client, deliveries);
			}
			return deliveries;
		}
	}

	/**
	 * A container ended its queue subscription.
	 * @param subId the subscription id
	 */
	public void ended(String subId) {
		this.ended.add(subId);
		this.any = true;
	}

	/**
	 * A container placed its queue subscription (again).
	 * @param subId the subscription id
	 */
	public void placed(String subId) {
		if (this.ended.remove(subId)) {
			this.any = !this.ended.isEmpty();
		}
	}

	/** Whether a message is a delivery to an ended queue subscription; counts it if so. */
	boolean isLate(Message message) {
		if (!this.any || message.getCommand() != Message.Command.Publish) {
			return false;
		}
		// a queue delivery names one subscription
		if (!allSubscriptionsIn(this.ended, message)) {
			return false;
		}
		this.skipped.increment();
		return true;
	}

	/**
	 * Whether every subscription a delivery names is in the set: deliveries name their subscriptions in
	 * {@code sids} (a comma list), else in {@code sub_id}; {@code false} for one that names none.
	 */
	static boolean allSubscriptionsIn(Set<String> subIds, Message message) {
		String ids = message.getSubIds();
		if (ids == null) {
			ids = message.getSubId();
		}
		if (ids == null) {
			return false;
		}
		for (String subId : ids.split(",")) {
			if (!subIds.contains(subId.trim())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * How many late deliveries were left out so far.
	 * @return the count
	 */
	public long skipped() {
		return this.skipped.sum();
	}

}
