package org.ampsboot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@code String} parameter of an {@link AmpsListener @AmpsListener} method to a header of
 * the received message instead of its payload. A header the message does not carry is
 * {@code null}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AmpsHeader {

	/**
	 * The header.
	 * @return the header
	 */
	Field value();

	/**
	 * Headers of a received AMPS message.
	 */
	enum Field {

		/** The topic the message was published to. */
		TOPIC,

		/** The bookmark of the message. */
		BOOKMARK,

		/** The State of the World key of the record. */
		SOW_KEY,

		/**
		 * The subscription id that matched: a delivery names its subscriptions in AMPS's {@code sids}
		 * header (comma-separated when several subscriptions of the connection match), other messages
		 * in {@code sub_id}. For a bookmark listener's messages it is the listener's container id.
		 */
		SUB_ID,

		/** The command: {@code publish}, {@code sow}, {@code oof} (out of focus), ... */
		COMMAND,

		/** The correlation id set by the publisher. */
		CORRELATION_ID,

		/** The timestamp AMPS gave the message, if requested. */
		TIMESTAMP,

		/** The reason of an out-of-focus notice: {@code match}, {@code deleted}, {@code expired}, ... */
		REASON

	}

}
