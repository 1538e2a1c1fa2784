package org.ampsboot.autoconfigure.listener;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.CommandId;
import com.crankuptheamps.client.MessageHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsOperationException;
import org.ampsboot.autoconfigure.AmpsStartupException;
import org.ampsboot.autoconfigure.fallback.LateQueueDeliveries;
import org.ampsboot.listener.AmpsListenerContainer;
import org.ampsboot.listener.AmpsListenerEvent;

/**
 * The container of one listener: its subscription's state (running, paused, placed) and the
 * commands that change it. Subscribes with its id as the subscription id. The client it belongs
 * to ({@link ClientListenerContainers}) tells it when the client has logged on.
 */
final class ListenerContainer implements AmpsListenerContainer {

	private static final Log logger = LogFactory.getLog(ListenerContainer.class);

	private final ListenerMethod listener;

	private final ClientListenerContainers owner;

	private final ListenerInvoker invoker;

	/** What the subscription delivers to: the invoker, behind a {@link QueueGate} for a queue. */
	private final MessageHandler handler;

	/** For a queue listener, else {@code null}. */
	private final QueueGate gate;

	/** Where the listener's messages are handed off to; {@code null} when it runs on the receive thread. */
	private final HandOff handOff;

	private final boolean autoStartup;

	private volatile ListenerSpec spec;

	private volatile boolean running;

	private volatile boolean paused;

	/** Set by {@link #stopFromListener()} until the stop is done: the invoker hands nothing more to the listener. */
	private volatile boolean stopping;

	/** The placed subscription; {@code null} while not placed. Guarded by {@code this}. */
	private CommandId subscription;

	/** {@code System.nanoTime()} of the last message, or of the subscribe; for idle events. */
	private volatile long lastActivity = System.nanoTime();

	/** When the last idle event was published, so that one is published per interval. */
	private volatile long lastIdleEvent;

	ListenerContainer(ListenerMethod listener, ClientListenerContainers owner, boolean autoStartup) {
		this.listener = listener;
		this.owner = owner;
		this.spec = listener.spec();
		this.autoStartup = autoStartup;
		this.invoker = owner.invoker(listener, this);
		this.gate = (this.spec.pauseBehavior() == PauseBehavior.QUEUE_UNSUBSCRIBE) ? new QueueGate(this.invoker) : null;
		this.handler = (this.gate != null) ? this.gate : this.invoker;
		this.handOff = this.invoker.handOff();
	}

	boolean isAutoStartup() {
		return this.autoStartup;
	}

	ListenerMethod listener() {
		return this.listener;
	}

	@Override
	public String getId() {
		return this.spec.id();
	}

	@Override
	public String getClientName() {
		return this.spec.client();
	}

	@Override
	public String getTopic() {
		return this.spec.topic();
	}

	@Override
	public String getFilter() {
		String filter = this.spec.filter();
		return (filter != null && !filter.isEmpty()) ? filter : null;
	}

	@Override
	public AmpsListener.Kind getKind() {
		return this.spec.kind();
	}

	@Override
	public PauseBehavior getPauseBehavior() {
		return this.spec.pauseBehavior();
	}

	@Override
	public void start() {
		start(false);
	}

	/**
	 * Starts; subscribes now if the client is logged on.
	 * @param atStartup whether the application is starting: a refusal then fails startup
	 */
	void start(boolean atStartup) {
		boolean subscribed;
		synchronized (this) {
			if (this.running) {
				return;
			}
			this.running = true;
			this.paused = false;
			this.stopping = false;
			try {
				subscribed = this.owner.isLoggedOn() && subscribe(atStartup);
			}
			catch (RuntimeException ex) {
				this.running = false;
				throw ex;
			}
		}
		if (subscribed) {
			this.owner.publish(new AmpsListenerEvent.Started(this));
		}
	}

	@Override
	public void stop() {
		stop(this.owner.drainDeadline());
	}

	/**
	 * Stops; a listener that hands off drains what is in flight until the deadline. A queue's
	 * listener drains first (holding back what arrives meanwhile, unacknowledged), so that the
	 * acknowledgements reach AMPS before the unsubscribe; other kinds unsubscribe first.
	 * @param deadlineNanos {@code System.nanoTime()} until which to drain, at most
	 */
	void stop(long deadlineNanos) {
		boolean drainFirst = this.handOff != null && this.gate != null;
		CommandId placed = null;
		synchronized (this) {
			if (!this.running) {
				return;
			}
			this.running = false;
			this.paused = false;
			if (drainFirst) {
				placed = detach();
			}
			else {
				unsubscribe();
			}
		}
		if (this.handOff != null) {
			if (drainFirst) {
				this.handOff.beginDrain();
				this.gate.close(null);
			}
			this.handOff.drain(deadlineNanos, "stop", this.owner.drainBound());
			if (placed != null) {
				unsubscribe(placed);
			}
		}
		this.stopping = false;
		this.owner.publish(new AmpsListenerEvent.Stopped(this));
	}

	/** Stops from the listener's thread (a recoverer): nothing more reaches it; the stop runs on its own thread. */
	void stopFromListener() {
		if (!this.running || this.stopping) {
			return;
		}
		this.stopping = true;
		Thread stop = new Thread(this::stop, "amps-listener-stop-" + getId());
		stop.setDaemon(true);
		stop.start();
	}

	/** Whether {@link #stopFromListener()} is under way. */
	boolean isStopping() {
		return this.stopping;
	}

	@Override
	public void pause() {
		// A queue: the acknowledgement of the message in the listener has to reach AMPS before the unsubscribe,
		// which returns what is leased to the queue (an acknowledgement after it is ignored, and the message
		// delivered again on resume). Waited for outside the lock: the listener may call this container.
		boolean unsubscribeAfterListener = false;
		boolean drain = this.handOff != null && this.running && !this.paused
				&& getPauseBehavior() != PauseBehavior.NOT_SUPPORTED;
		if (this.gate != null && this.running && !this.paused) {
			if (drain) {
				// the receive thread stops waiting for room; what is in flight is processed (and acknowledged)
				// before the unsubscribe
				this.handOff.beginDrain();
				this.gate.close(null);
				this.handOff.drain(this.owner.drainDeadline(), "pause", this.owner.drainBound());
				drain = false;
			}
			else {
				unsubscribeAfterListener = !this.gate.close(this::unsubscribeIfPaused);
			}
		}
		synchronized (this) {
			if (!this.running) {
				throw new IllegalStateException("Listener container '" + getId() + "' is not running: start it first");
			}
			if (this.paused) {
				return;
			}
			switch (getPauseBehavior()) {
				case NOT_SUPPORTED -> throw new IllegalStateException("Listener container '" + getId()
						+ "' cannot be paused: it is a plain " + this.spec.kind().command() + " subscription to '"
						+ getTopic() + "', for which AMPS keeps no backlog, so what is published while it is paused "
						+ "would be lost. Use a bookmark subscription (bookmark = ..., on a topic in the transaction "
						+ "log) or a State of the World subscription (kind = SOW_AND_SUBSCRIBE) to pause without loss, "
						+ "or stop() it if losing those messages is acceptable.");
				case BOOKMARK_PAUSE -> {
					if (this.subscription != null) {
						send(new Command("subscribe").setSubId(getId()).setOptions("pause"), "pause");
					}
				}
				case QUEUE_UNSUBSCRIBE -> {
					if (!unsubscribeAfterListener) {
						unsubscribe();
					}
				}
				case REQUERY_ON_RESUME -> unsubscribe();
			}
			this.paused = true;
		}
		if (drain) {
			this.handOff.drain(this.owner.drainDeadline(), "pause", this.owner.drainBound());
		}
		this.owner.publish(new AmpsListenerEvent.Paused(this));
	}

	@Override
	public void resume() {
		synchronized (this) {
			if (!this.paused) {
				return;
			}
			this.paused = false;
			if (getPauseBehavior() == PauseBehavior.BOOKMARK_PAUSE && this.subscription != null) {
				send(new Command("subscribe").setSubId(getId()).setOptions("resume"), "resume");
			}
			else if (this.running && this.subscription != null && this.gate != null) {
				// paused and resumed by its own listener, before the unsubscribe after it
				this.gate.open();
			}
			else if (this.running && this.owner.isLoggedOn()) {
				subscribe(false);
			}
		}
		this.owner.publish(new AmpsListenerEvent.Resumed(this));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isPaused() {
		return this.paused;
	}

	@Override
	public synchronized boolean isSubscribed() {
		return this.subscription != null;
	}

	@Override
	public void replaceFilter(String filter) {
		synchronized (this) {
			this.spec = this.spec.withFilter(filter);
			if (this.subscription != null && !this.paused) {
				send(this.spec.command("replace", this.subscription), "replace the filter of");
			}
		}
		logger.info("Listener container '" + getId() + "': filter " + ((getFilter() != null) ? "now " + getFilter()
				: "removed"));
	}

	/** Unsubscribes a queue listener paused from its own listener, once that has returned (and acknowledged). */
	private synchronized void unsubscribeIfPaused() {
		if (this.paused) {
			unsubscribe();
		}
	}

	/** The client logged on: a running container whose subscription is not placed places it. */
	void loggedOn() {
		boolean subscribed = false;
		synchronized (this) {
			if (this.running && this.subscription == null
					&& (!this.paused || getPauseBehavior() == PauseBehavior.BOOKMARK_PAUSE)) {
				try {
					subscribed = subscribe(false);
				}
				catch (RuntimeException ex) {
					logger.error("Listener container '" + getId() + "' could not subscribe after the logon: "
							+ ex.getMessage());
				}
			}
		}
		if (subscribed) {
			this.owner.publish(new AmpsListenerEvent.Started(this));
		}
	}

	/**
	 * After a failover a paused bookmark subscription is paused again: a second line of defence, since the 5.3.5.3
	 * client re-places it with {@code pause} itself (ListenerFailoverTests).
	 */
	synchronized void resubscribed() {
		if (this.paused && getPauseBehavior() == PauseBehavior.BOOKMARK_PAUSE && this.subscription != null) {
			try {
				send(new Command("subscribe").setSubId(getId()).setOptions("pause"), "pause");
			}
			catch (RuntimeException ex) {
				logger.warn("Listener container '" + getId() + "' could not pause again after a failover: "
						+ ex.getMessage());
			}
		}
	}

	void received() {
		this.lastActivity = System.nanoTime();
	}

	/**
	 * Publishes an idle event when the container received nothing for the interval.
	 * @param intervalNanos the interval
	 */
	void checkIdle(long intervalNanos) {
		if (!this.running || this.paused || !isSubscribed()) {
			return;
		}
		long now = System.nanoTime();
		long since = Math.max(this.lastActivity, this.lastIdleEvent);
		if (now - since >= intervalNanos) {
			this.lastIdleEvent = now;
			this.owner.publish(new AmpsListenerEvent.Idle(this, (now - this.lastActivity) / 1_000_000));
		}
	}

	/** Places the subscription; must hold the lock. */
	private boolean subscribe(boolean atStartup) {
		Client client = this.owner.client();
		if (this.gate != null) {
			this.gate.open();
		}
		if (this.paused && getPauseBehavior() == PauseBehavior.BOOKMARK_PAUSE) {
			// placed paused: AMPS replays what it missed on resume
			this.subscription = execute(client, this.spec.command("pause", null), atStartup);
		}
		else {
			this.subscription = execute(client, this.spec.command(null, null), atStartup);
		}
		if (this.gate != null) {
			LateQueueDeliveries.of(client).placed(String.valueOf(this.subscription));
		}
		this.lastActivity = System.nanoTime();
		if (logger.isDebugEnabled()) {
			logger.debug("Subscribed " + this.listener + " to '" + getTopic() + "' as '" + this.subscription + "'");
		}
		return true;
	}

	private CommandId execute(Client client, Command command, boolean atStartup) {
		try {
			return client.executeAsync(command, this.handler);
		}
		catch (Exception ex) {
			String reason = AmpsOperationException.reasonOf(ex);
			String description = "Could not subscribe " + this.listener + " to '" + getTopic() + "': "
					+ ((reason != null) ? "AMPS refused it: " + reason : ex.getClass().getSimpleName() + ": "
							+ ex.getMessage());
			if (atStartup) {
				throw new AmpsStartupException(description,
						"Check the listener's topic, filter and options against the AMPS configuration.", null);
			}
			throw new AmpsOperationException(description, reason, ex);
		}
	}

	private void send(Command command, String what) {
		try {
			this.owner.client().executeAsync(command, this.handler);
		}
		catch (Exception ex) {
			String reason = AmpsOperationException.reasonOf(ex);
			throw new AmpsOperationException("Could not " + what + " listener container '" + getId() + "': "
					+ ((reason != null) ? reason : ex.getClass().getSimpleName()), reason, ex);
		}
	}

	/** Removes the subscription; must hold the lock. */
	private void unsubscribe() {
		unsubscribe(detach());
	}

	/** Forgets the subscription (to unsubscribe it later); must hold the lock. */
	private CommandId detach() {
		CommandId placed = this.subscription;
		this.subscription = null;
		return placed;
	}

	private void unsubscribe(CommandId placed) {
		if (placed == null) {
			return;
		}
		if (this.gate != null) {
			LateQueueDeliveries.of(this.owner.client()).ended(String.valueOf(placed));
		}
		try {
			this.owner.client().unsubscribe(placed);
		}
		catch (Exception ex) {
			logger.debug("Could not unsubscribe " + getId() + ": " + ex);
		}
	}

	@Override
	public String toString() {
		return "AmpsListenerContainer[" + getId() + " on '" + getTopic() + "', " + (this.running
				? (this.paused ? "paused" : "running") : "stopped") + "]";
	}

}
