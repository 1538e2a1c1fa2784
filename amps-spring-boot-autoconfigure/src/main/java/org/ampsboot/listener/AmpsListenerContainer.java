package org.ampsboot.listener;

import org.ampsboot.AmpsListener;

/**
 * One listener's subscription, with a lifecycle of its own: an
 * {@link AmpsListener @AmpsListener} method, or an {@link AmpsListenerEndpoint} registered at run
 * time. Found by id in the {@link AmpsListenerRegistry}.
 * <p>
 * A running container has its subscription placed while its client is logged on: started while
 * the client is down (or not started yet), it subscribes once the client logs on; after a
 * failover the client resubscribes it. A stopped container is unsubscribed and stays so across
 * failovers. A bookmark subscription subscribes with its {@linkplain #getId() id} as the
 * subscription id (stable across restarts, as resuming from a bookmark store needs); other kinds
 * use the client's generated ids, which the client routes faster.
 * <p>
 * What {@link #pause()} means depends on the kind of subscription, since AMPS keeps no backlog for
 * a plain subscription (see {@link PauseBehavior} and the README's listener table):
 * <ul>
 * <li>bookmark subscription: AMPS's own {@code pause} and {@code resume}; what is published
 * meanwhile is replayed from the transaction log on resume;</li>
 * <li>queue: the subscription is removed, so AMPS returns what it leased to this listener to the
 * queue and leases nothing more; resume subscribes again and receives what waits in the queue;</li>
 * <li>{@code sow_and_subscribe} and {@code sow_and_delta_subscribe}: the subscription is removed;
 * resume queries the State of the World again, so the listener sees the current state;</li>
 * <li>plain {@code subscribe} and {@code delta_subscribe}: refused, since what is published while
 * paused would be lost.</li>
 * </ul>
 * Thread-safe.
 */
public interface AmpsListenerContainer {

	/**
	 * The container's id: unique in the application (and a bookmark subscription's subscription id).
	 * @return the id
	 */
	String getId();

	/**
	 * The name of the client it subscribes with ({@code amps.clients.<name>}), or {@code ""}
	 * for the single client.
	 * @return the client's name
	 */
	String getClientName();

	/**
	 * The topic (or regular expression over topics).
	 * @return the topic
	 */
	String getTopic();

	/**
	 * The content filter in force, or {@code null} for none.
	 * @return the filter
	 */
	String getFilter();

	/**
	 * The kind of subscription.
	 * @return the kind
	 */
	AmpsListener.Kind getKind();

	/**
	 * What {@link #pause()} does for this container.
	 * @return its pause behaviour
	 */
	PauseBehavior getPauseBehavior();

	/**
	 * Starts the container: subscribes now if the client is logged on, otherwise once it logs
	 * on. Does nothing if it is running.
	 */
	void start();

	/**
	 * Stops the container: unsubscribes it (a paused container is unpaused). Does nothing if it
	 * is stopped.
	 */
	void stop();

	/**
	 * Pauses the container as its {@linkplain #getPauseBehavior() pause behaviour} says.
	 * @throws IllegalStateException if the container is not running, or its subscription cannot
	 * be paused without losing messages ({@link PauseBehavior#NOT_SUPPORTED}); the message names
	 * the alternatives
	 */
	void pause();

	/**
	 * Resumes a paused container. Does nothing if it is not paused.
	 */
	void resume();

	/**
	 * Whether the container is running (started and not stopped), paused or not, subscribed yet
	 * or waiting for its client to log on.
	 * @return whether it is running
	 */
	boolean isRunning();

	/**
	 * Whether the container is paused.
	 * @return whether it is paused
	 */
	boolean isPaused();

	/**
	 * Whether the container's subscription is placed with AMPS now (running, not paused or
	 * paused with AMPS's own {@code pause}, and its client logged on when it subscribed).
	 * @return whether it is subscribed
	 */
	boolean isSubscribed();

	/**
	 * Replaces the content filter, atomically, with AMPS's {@code replace} option when the
	 * subscription is placed: no message is missed or delivered twice in between, and for a
	 * State of the World subscription AMPS sends only the records new to the result (and, with
	 * the {@code oof} option, out-of-focus notices for those that left it). When the subscription
	 * is not placed, the filter is used from the next subscribe on.
	 * @param filter the new filter, or {@code null} or empty for none
	 */
	void replaceFilter(String filter);

	/**
	 * What {@link AmpsListenerContainer#pause()} does, by the kind of subscription.
	 */
	enum PauseBehavior {

		/** A bookmark subscription: AMPS pauses it, and replays what it missed on resume. Nothing is lost. */
		BOOKMARK_PAUSE,

		/**
		 * A queue subscription: it is removed; leased messages go back to the queue, new ones wait there, and
		 * resume subscribes again. Nothing is lost.
		 */
		QUEUE_UNSUBSCRIBE,

		/**
		 * A State of the World subscription: it is removed; resume queries the State of the World again, so the
		 * listener sees the current records (updates made meanwhile arrive as current records).
		 */
		REQUERY_ON_RESUME,

		/**
		 * A plain subscription: AMPS keeps no backlog for it, so {@code pause()} is refused; use a bookmark or
		 * State of the World subscription, or {@code stop()} when losing what is published meanwhile is acceptable.
		 */
		NOT_SUPPORTED

	}

}
