package org.ampsboot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean that receives the messages of an AMPS subscription. Each such
 * method is a listener container ({@link org.ampsboot.listener.AmpsListenerContainer}) with an
 * {@link #id()}, found in the {@link org.ampsboot.listener.AmpsListenerRegistry}: it can be
 * started later, stopped, paused and resumed, and its filter replaced, while the application
 * runs. The subscription is placed once the client has logged on (also when the client is
 * started later), is resubscribed by the client after a failover, and is removed before the
 * client disconnects.
 * <p>
 * Parameters are resolved by type:
 * <ul>
 * <li>{@link com.crankuptheamps.client.Message}: the message (valid until the method returns);</li>
 * <li>{@code String}: the payload as text; {@code byte[]}: the payload bytes; any other type: the
 * payload converted from JSON with the application's Jackson {@code JsonMapper} (at most one
 * payload parameter);</li>
 * <li>a {@code String} annotated with {@link AmpsHeader @AmpsHeader}: the topic, bookmark, SOW key,
 * command and so on;</li>
 * <li>{@link AmpsAcknowledgement}: the handle to acknowledge a queue message yourself
 * ({@link AckMode#MANUAL});</li>
 * <li>{@link com.crankuptheamps.client.Client}: the client.</li>
 * </ul>
 * Any other signature fails startup naming the method. A listener that throws goes to the
 * {@link AmpsListenerErrorHandler} (by default: retries if {@code amps.listener.retry.enabled},
 * then the {@link org.ampsboot.listener.AmpsListenerRecoverer}); the subscription goes on.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AmpsListener {

	/**
	 * The id of the listener's container ({@link org.ampsboot.listener.AmpsListenerRegistry}),
	 * unique in the application (and, for a bookmark subscription, its subscription id). Empty: derived
	 * from the bean and the method, {@code <bean name>.<method name>}, the same at every start.
	 * Property placeholders are resolved.
	 * @return the id
	 */
	String id() default "";

	/**
	 * Whether the container starts with the application ({@code "true"} or {@code "false"};
	 * property placeholders are resolved). Empty: {@code amps.listener.auto-startup} (default
	 * {@code true}). A container that does not start can be started from the registry.
	 * @return whether it starts
	 */
	String autoStartup() default "";

	/**
	 * The named client ({@code amps.clients.<name>}) to subscribe with; empty for the single
	 * client configured under {@code amps}.
	 * @return the client name
	 */
	String client() default "";

	/**
	 * The topic, or a regular expression over topics. Property placeholders are resolved.
	 * @return the topic
	 */
	String topic();

	/**
	 * An AMPS content filter such as {@code /qty > 10}; empty for none. Property placeholders
	 * are resolved.
	 * @return the filter
	 */
	String filter() default "";

	/**
	 * AMPS subscription options, comma-separated (for example {@code oof} to receive
	 * out-of-focus notices, or {@code replace}).
	 * @return the options
	 */
	String options() default "";

	/**
	 * The kind of subscription.
	 * @return the kind
	 */
	Kind kind() default Kind.SUBSCRIBE;

	/**
	 * Records per batch of the State of the World part of a {@code sow_and_*} subscription; 0
	 * for the client's default.
	 * @return the batch size
	 */
	int batchSize() default 0;

	/**
	 * At most this many records from the State of the World; 0 for all.
	 * @return the top N
	 */
	int topN() default 0;

	/**
	 * Bookmark to replay from (for example {@code 0} for the whole transaction log, or
	 * {@code recent}); empty for a live subscription.
	 * @return the bookmark
	 */
	String bookmark() default "";

	/**
	 * For a queue: how many unacknowledged messages AMPS may hand this subscription at once; 0
	 * for a topic that is not a queue.
	 * @return the maximum backlog
	 */
	int maxBacklog() default 0;

	/**
	 * For a queue: who acknowledges each message.
	 * @return the acknowledgement mode
	 */
	AckMode ackMode() default AckMode.AUTO;

	/**
	 * The kinds of AMPS subscription a listener can place.
	 */
	enum Kind {

		/** {@code subscribe}: new messages only. */
		SUBSCRIBE("subscribe"),

		/** {@code sow_and_subscribe}: the current State of the World, then new messages. */
		SOW_AND_SUBSCRIBE("sow_and_subscribe"),

		/** {@code delta_subscribe}: new messages, with only what changed. */
		DELTA_SUBSCRIBE("delta_subscribe"),

		/** {@code sow_and_delta_subscribe}: the State of the World, then changes. */
		SOW_AND_DELTA_SUBSCRIBE("sow_and_delta_subscribe");

		private final String command;

		Kind(String command) {
			this.command = command;
		}

		/**
		 * The AMPS command name.
		 * @return the command
		 */
		public String command() {
			return this.command;
		}

	}

	/**
	 * Who acknowledges queue messages.
	 */
	enum AckMode {

		/**
		 * The starter acknowledges each message when the listener returns normally; when it
		 * throws, the error handler decides (the default returns the message to the queue).
		 */
		AUTO,

		/**
		 * The listener acknowledges through an {@link AmpsAcknowledgement} parameter.
		 */
		MANUAL

	}

}
