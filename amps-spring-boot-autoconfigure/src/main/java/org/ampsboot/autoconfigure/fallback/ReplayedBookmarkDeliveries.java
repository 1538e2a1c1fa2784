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
 * The bookmark listeners of one client, by subscription id. When the client resubscribes a bookmark
 * subscription after a dropped connection or a failover, AMPS replays from the store's recovery
 * point, which is the last message up to which every message was processed; the messages after it
 * that this client had already received (processed out of order, still in a listener, or failed
 * without being handled) are found in its bookmark store, not delivered to the subscription again,
 * and handed to the last-chance handler instead (seen with the 5.3.5.3 client: such a message comes
 * with bookmark sequence number 0, the store's answer for one it already holds). They are not
 * unexpected: the {@link FallbackDispatcher} leaves them out (counted, at DEBUG) instead of logging
 * a WARN for each.
 */
public final class ReplayedBookmarkDeliveries {

	private static final Map<Client, ReplayedBookmarkDeliveries> all = Collections
		.synchronizedMap(new WeakHashMap<>());

	private final Set<String> subIds = ConcurrentHashMap.newKeySet();

	private final LongAdder skipped = new LongAdder();

	private volatile boolean any;

	private ReplayedBookmarkDeliveries() {
	}

	/**
	 * The bookmark listeners of a client.
	 * @param client the client
	 * @return its tracker, created on first use
	 */
	public static ReplayedBookmarkDeliveries of(Client client) {
		synchronized (all) {
			ReplayedBookmarkDeliveries deliveries = all.get(client);
			if (deliveries == null) {
				deliveries = new ReplayedBookmarkDeliveries();
				all.put(client, deliveries);
			}
			return deliveries;
		}
	}

	/**
	 * A bookmark listener of this client subscribes with this subscription id.
	 * @param subId the subscription id
	 */
	public void add(String subId) {
		this.subIds.add(subId);
		this.any = true;
	}

	/** Whether a message is a replayed delivery the client kept from a bookmark listener; counts it if so. */
	boolean isReplayed(Message message) {
		if (!this.any || message.getCommand() != Message.Command.Publish || message.isBookmarkNull()
				|| message.getBookmarkSeqNo() != 0) {
			return false;
		}
		if (!LateQueueDeliveries.allSubscriptionsIn(this.subIds, message)) {
			return false;
		}
		this.skipped.increment();
		return true;
	}

	/**
	 * How many replayed deliveries were left out so far.
	 * @return the count
	 */
	public long skipped() {
		return this.skipped.sum();
	}

}
