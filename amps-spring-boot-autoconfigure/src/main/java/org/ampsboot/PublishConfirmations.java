package org.ampsboot;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.CommandException;
import com.crankuptheamps.client.exception.TimedOutException;

import org.ampsboot.autoconfigure.support.AmpsReasons;

/**
 * Internal: not API (public only because the starter builds the client and its publish store in
 * another package).
 * <p>
 * The futures of {@link AmpsTemplate#publishConfirmed confirmed publishes} over a client with a
 * publish store the starter built: each waits for the persisted acknowledgement that covers its
 * sequence number. AMPS acknowledges the most recent persisted publish to confirm every earlier
 * one (User Guide, "Acknowledgment Conflation and Publish Acknowledgements"); the client then
 * discards them from the store, and the store tells this object how far ({@link #persistedUpTo}).
 * A publish AMPS refuses reaches the client's failed-write handler, which tells this object
 * ({@link #failed}). One per client instance.
 */
public final class PublishConfirmations {

	private static final Map<Client, PublishConfirmations> all = Collections.synchronizedMap(new WeakHashMap<>());

	/** Refusals kept for publishes whose future is not registered yet (the ack came first). */
	private static final int RECENT_FAILURES = 1024;

	private final ConcurrentNavigableMap<Long, CompletableFuture<Void>> pending = new ConcurrentSkipListMap<>();

	/** Guarded by itself. */
	private final Map<Long, AmpsOperationException> recentFailures = new LinkedHashMap<>();

	private volatile long persistedUpTo;

	private volatile boolean storeInstalled;

	private volatile String closed;

	private PublishConfirmations() {
	}

	/**
	 * The confirmations of a client.
	 * @param client the client
	 * @return its confirmations, created on first use
	 */
	public static PublishConfirmations of(Client client) {
		synchronized (all) {
			PublishConfirmations confirmations = all.get(client);
			if (confirmations == null) {
				confirmations = new PublishConfirmations();
				all.put(client, confirmations);
			}
			return confirmations;
		}
	}

	/** The starter installed a publish store that reports its discards here. */
	public void storeInstalled() {
		this.storeInstalled = true;
	}

	/**
	 * Whether the starter installed a publish store that reports its discards here.
	 * @return whether confirmed publishes complete on persisted acknowledgements
	 */
	public boolean isStoreInstalled() {
		return this.storeInstalled;
	}

	/**
	 * Sends a publish and returns its future. With the starter's publish store, the client stores
	 * it (and replays it after a failover) and the future completes on the persisted
	 * acknowledgement. Without a publish store, the client asks for the processed acknowledgement
	 * and waits for it on this thread (at most {@code timeoutMillis}): the future is done on
	 * return.
	 * @throws IllegalStateException with a publish store the starter did not build, which does not
	 * report acknowledgements
	 * @throws Exception what the client threw before the message was sent
	 */
	CompletableFuture<Void> send(Client client, Command command, String what, long timeoutMillis) throws Exception {
		if (this.storeInstalled) {
			client.executeAsync(command, null);
			return expect(command.getClientSequenceNumber(), what);
		}
		if (client.getPublishStore() != null) {
			throw new IllegalStateException("AMPS " + what + ": publishConfirmed needs the publish store the starter "
					+ "builds (amps.publish-store.type) or none; client '" + client.getName() + "' has a "
					+ client.getPublishStore().getClass().getName() + " bean, which does not report acknowledgements");
		}
		command.setAckType(Message.AckType.Processed).setTimeout(timeoutMillis);
		try {
			client.executeAsync(command, null);
			return CompletableFuture.completedFuture(null);
		}
		catch (CommandException ex) {
			// AMPS answered with a failure ack
			String reason = AmpsOperationException.reasonOf(ex);
			return CompletableFuture.failedFuture(new AmpsOperationException("AMPS refused " + what + ": "
					+ ((reason != null) ? reason : ex.getMessage()), reason, ex));
		}
		catch (TimedOutException ex) {
			return CompletableFuture.failedFuture(new AmpsOperationException("AMPS did not acknowledge " + what
					+ " within " + timeoutMillis + " ms; whether AMPS received it is unknown", null, ex));
		}
	}

	/**
	 * The future of the publish with this sequence number, which the client has stored.
	 * @param sequence the sequence number the client's publish returned
	 * @param what the publish, for the failure's message
	 */
	CompletableFuture<Void> expect(long sequence, String what) {
		CompletableFuture<Void> future = new CompletableFuture<>();
		String closedReason = this.closed;
		if (closedReason != null) {
			future.completeExceptionally(notConfirmed(what, closedReason));
			return future;
		}
		// the acknowledgement may have come before the future was registered; a refusal is
		// registered under the same lock, so that it is seen either here or by failed()
		AmpsOperationException failure;
		synchronized (this.recentFailures) {
			this.pending.put(sequence, future);
			failure = this.recentFailures.remove(sequence);
		}
		if (failure != null) {
			complete(sequence, failure);
		}
		else if (sequence <= this.persistedUpTo) {
			complete(sequence, null);
		}
		return future;
	}

	/**
	 * AMPS persisted every publish up to this sequence number (the store discarded them).
	 * @param sequence the sequence number
	 */
	public void persistedUpTo(long sequence) {
		if (sequence > this.persistedUpTo) {
			this.persistedUpTo = sequence;
		}
		Iterator<Map.Entry<Long, CompletableFuture<Void>>> done = this.pending.headMap(sequence, true)
			.entrySet()
			.iterator();
		while (done.hasNext()) {
			Map.Entry<Long, CompletableFuture<Void>> entry = done.next();
			done.remove();
			entry.getValue().complete(null);
		}
	}

	/**
	 * AMPS refused a stored publish.
	 * @param message the refused message, with its sequence number
	 * @param reason the client's reason code
	 */
	public void failed(Message message, int reason) {
		long sequence = message.getSequence();
		String text = message.getReasonText();
		String why = ((text != null && !text.isEmpty()) ? text : AmpsReasons.name(reason));
		AmpsOperationException failure = new AmpsOperationException("AMPS refused the publish to '"
				+ message.getTopic() + "' (sequence " + sequence + "): " + why, why, null);
		synchronized (this.recentFailures) {
			if (!complete(sequence, failure)) {
				this.recentFailures.put(sequence, failure);
				if (this.recentFailures.size() > RECENT_FAILURES) {
					Iterator<Long> oldest = this.recentFailures.keySet().iterator();
					oldest.next();
					oldest.remove();
				}
			}
		}
	}

	/**
	 * The client closes: every future still waiting fails.
	 * @param reason why, for the failures' message
	 * @return how many futures were still waiting
	 */
	public int closed(String reason) {
		this.closed = reason;
		int count = 0;
		Iterator<Map.Entry<Long, CompletableFuture<Void>>> left = this.pending.entrySet().iterator();
		while (left.hasNext()) {
			Map.Entry<Long, CompletableFuture<Void>> entry = left.next();
			left.remove();
			if (entry.getValue().completeExceptionally(notConfirmed("the publish", reason))) {
				count++;
			}
		}
		return count;
	}

	/** The client started again: confirmed publishes are accepted again. */
	public void reopen() {
		this.closed = null;
	}

	/** How many confirmed publishes wait for their acknowledgement. */
	int waiting() {
		return this.pending.size();
	}

	private boolean complete(long sequence, AmpsOperationException failure) {
		CompletableFuture<Void> future = this.pending.remove(sequence);
		if (future == null) {
			return false;
		}
		if (failure != null) {
			future.completeExceptionally(failure);
		}
		else {
			future.complete(null);
		}
		return true;
	}

	private static AmpsOperationException notConfirmed(String what, String reason) {
		return new AmpsOperationException("AMPS did not acknowledge " + what + " before " + reason
				+ "; it stays in the publish store (a file store replays it at the next start)", null, null);
	}

}
