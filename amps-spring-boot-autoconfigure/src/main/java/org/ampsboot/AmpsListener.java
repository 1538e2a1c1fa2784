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
 * A parameter {@code List<T>} ({@code List<Message>}, {@code List<String>}, {@code List<byte[]>},
 * or a list of a type read from JSON) makes a batch listener: it receives up to
 * {@link #batchMaxMessages()} messages that have arrived, waiting at most {@link #batchMaxWait()}
 * after the first; it runs off the receive thread, and may take a {@code Client} and (queues,
 * {@link AckMode#MANUAL}) an {@link AmpsAcknowledgement} that covers the batch.
 * <p>
 * Any other signature fails startup naming the method. A listener that throws goes to the
 * {@link AmpsListenerErrorHandler} (by default: retries if {@code amps.listener.retry.enabled},
 * then the {@link org.ampsboot.listener.AmpsListenerRecoverer}); the subscription goes on.
 * {@link #dispatch()} moves the listener off the client's receive thread.
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
	 * Bookmark to replay from, one of {@link AmpsBookmarks} ({@code EPOCH}: the whole transaction log;
	 * {@code RECENT}: where this listener left off; {@code NOW}), a bookmark, a timestamp or a list; empty for a
	 * live subscription. A bookmark subscription subscribes with its {@link #id()} as subscription id, and each
	 * message is marked processed in the client's bookmark store when the method returns normally (or the error
	 * handler returns normally), so that with a file bookmark store ({@code amps.bookmark-store.type=file}) it
	 * resumes after the last processed message across reconnects, failovers and restarts.
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
	 * Where the listener runs: on the client's receive thread, or handed off to an executor with
	 * an ordering (see {@link Dispatch}). {@link Dispatch#DEFAULT}: {@code amps.listener.dispatch.mode}
	 * (default {@link Dispatch#RECEIVE_THREAD}).
	 * @return the dispatch
	 */
	Dispatch dispatch() default Dispatch.DEFAULT;

	/**
	 * With a hand-off: how many messages of this listener are processed at once, at most (a
	 * positive number; property placeholders are resolved). Empty:
	 * {@code amps.listener.dispatch.concurrency} (default 4).
	 * @return the concurrency
	 */
	String concurrency() default "";

	/**
	 * With a hand-off: how many messages may be handed off and not yet processed, at most (a
	 * positive number; property placeholders are resolved). When that many are in flight, the
	 * client's receive thread waits. Empty: {@code amps.listener.dispatch.max-in-flight}
	 * (default 256).
	 * @return the bound
	 */
	String maxInFlight() default "";

	/**
	 * With a hand-off: the name of the {@link java.util.concurrent.Executor} bean that runs the
	 * listener (property placeholders are resolved). Empty:
	 * {@code amps.listener.dispatch.executor}; when that is unset too, virtual threads with
	 * {@code spring.threads.virtual.enabled=true} (Java 21 and later), else the starter's own
	 * threads, {@code concurrency} of them, named after the container.
	 * @return the executor bean name
	 */
	String executor() default "";

	/**
	 * For a listener that takes a {@code List} (a batch listener): at most this many messages per
	 * call (a positive number; property placeholders are resolved). Empty:
	 * {@code amps.listener.batch.max-messages} (default 100).
	 * @return the largest batch
	 */
	String batchMaxMessages() default "";

	/**
	 * For a batch listener: how long a batch waits, at most, after its first message for more to
	 * arrive, as a duration ({@code 100ms}, {@code 1s}; property placeholders are resolved).
	 * Empty: {@code amps.listener.batch.max-wait} (default 100ms).
	 * @return the longest wait
	 */
	String batchMaxWait() default "";

	/**
	 * Where a listener runs.
	 */
	enum Dispatch {

		/** The setting of {@code amps.listener.dispatch.mode}. */
		DEFAULT,

		/**
		 * On the client's receive thread (the fastest): nothing else of the client, heartbeats
		 * included, is read while the listener runs.
		 */
		RECEIVE_THREAD,

		/**
		 * Handed off, ordered per SOW key: messages for one record in the order they arrived,
		 * records in parallel. A message without a SOW key is ordered with its topic.
		 */
		PER_KEY,

		/** Handed off, ordered per topic: messages of one topic in order, topics in parallel. */
		PER_TOPIC,

		/** Handed off, in no particular order, up to the concurrency at once. */
		UNORDERED

	}

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
