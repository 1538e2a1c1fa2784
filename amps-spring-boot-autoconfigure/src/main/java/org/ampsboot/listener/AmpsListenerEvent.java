package org.ampsboot.listener;

import org.springframework.context.ApplicationEvent;

/**
 * An application event about a listener container; its source is the container.
 */
public abstract class AmpsListenerEvent extends ApplicationEvent {

	AmpsListenerEvent(AmpsListenerContainer container) {
		super(container);
	}

	/**
	 * The container.
	 * @return the container
	 */
	public AmpsListenerContainer getContainer() {
		return (AmpsListenerContainer) getSource();
	}

	/**
	 * The container's id.
	 * @return the id
	 */
	public String getId() {
		return getContainer().getId();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + getId() + "]";
	}

	/**
	 * A container's subscription was placed with AMPS (at start, or once its client logged on):
	 * wait for this instead of polling for "subscribed".
	 */
	public static final class Started extends AmpsListenerEvent {

		/**
		 * Create the event.
		 * @param container the container
		 */
		public Started(AmpsListenerContainer container) {
			super(container);
		}

	}

	/** A container was stopped (unsubscribed). */
	public static final class Stopped extends AmpsListenerEvent {

		/**
		 * Create the event.
		 * @param container the container
		 */
		public Stopped(AmpsListenerContainer container) {
			super(container);
		}

	}

	/** A container was paused. */
	public static final class Paused extends AmpsListenerEvent {

		/**
		 * Create the event.
		 * @param container the container
		 */
		public Paused(AmpsListenerContainer container) {
			super(container);
		}

	}

	/** A container was resumed (its subscription is placed again). */
	public static final class Resumed extends AmpsListenerEvent {

		/**
		 * Create the event.
		 * @param container the container
		 */
		public Resumed(AmpsListenerContainer container) {
			super(container);
		}

	}

	/**
	 * A running, subscribed container received nothing for {@code amps.listener.idle-event-interval};
	 * published again after each further interval without a message.
	 */
	public static final class Idle extends AmpsListenerEvent {

		private final long idleMillis;

		/**
		 * Create the event.
		 * @param container the container
		 * @param idleMillis how long it received nothing
		 */
		public Idle(AmpsListenerContainer container, long idleMillis) {
			super(container);
			this.idleMillis = idleMillis;
		}

		/**
		 * How long the container received nothing, in milliseconds.
		 * @return the idle time
		 */
		public long getIdleMillis() {
			return this.idleMillis;
		}

		@Override
		public String toString() {
			return "AmpsListenerEvent.Idle[" + getId() + ", " + this.idleMillis + " ms]";
		}

	}

}
