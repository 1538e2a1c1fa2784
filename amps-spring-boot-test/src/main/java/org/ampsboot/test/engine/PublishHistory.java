package org.ampsboot.test.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * The highest publish-store sequence number seen per client name: what a server uses for duplicate detection
 * and for the {@code s} of its logon ack. One per server, or one shared by the servers of a replicated group
 * (the server's {@code replicatePublishesWith}).
 *
 * <p>Joining two groups moves every entry of one history into the other and leaves the emptied history
 * forwarding to the one that absorbed it, so that a publish handled concurrently on a server that still holds
 * the old history is not lost.
 *
 * <p>Internal: not API.
 */
public final class PublishHistory {

	/** Guarded by {@code this}. */
	private final Map<String, Long> highest = new HashMap<>();

	/** Guarded by {@code this}: the history this one was merged into, or {@code null}. */
	private PublishHistory successor;

	/** The highest sequence number seen from this client name, or {@code null}. */
	public Long highest(String clientName) {
		PublishHistory next;
		synchronized (this) {
			next = this.successor;
			if (next == null) {
				return this.highest.get(clientName);
			}
		}
		return next.highest(clientName);
	}

	/**
	 * Records a sequence number.
	 * @return {@code false} if it is not above the highest seen for that client name (a duplicate)
	 */
	public boolean advance(String clientName, long sequence) {
		// Holding this lock while the successor records it (lock order: absorbed history, then its successor,
		// as in absorb) keeps a publish that raced with a merge from being lost.
		synchronized (this) {
			if (this.successor != null) {
				return this.successor.advance(clientName, sequence);
			}
			Long current = this.highest.get(clientName);
			if (current != null && sequence <= current) {
				return false;
			}
			this.highest.put(clientName, sequence);
			return true;
		}
	}

	/** Moves every entry of {@code other} into this history (keeping the higher number) and makes it forward here. */
	public void absorb(PublishHistory other) {
		synchronized (other) {
			synchronized (this) {
				for (Map.Entry<String, Long> entry : other.highest.entrySet()) {
					this.highest.merge(entry.getKey(), entry.getValue(), Math::max);
				}
				other.highest.clear();
				other.successor = this;
			}
		}
	}

}
