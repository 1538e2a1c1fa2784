package org.ampsboot;

import com.crankuptheamps.client.Message;

/**
 * Receives every message that the AMPS client cannot route to any other handler: for example
 * the failure acknowledgement AMPS sends for a publish it cannot parse, an acknowledgement type
 * that nobody waits for, or a message for a subscription that no longer exists.
 * <p>
 * Declare any number of beans of this type. The starter owns the client's single last-chance
 * slot and hands each unclaimed message to every such bean, in {@link org.springframework.core.annotation.Order @Order}
 * order, and then to every {@link AmpsUnexpectedMessage @AmpsUnexpectedMessage} method.
 * <p>
 * The handler runs on the client's receive thread: return quickly, and copy the message
 * ({@link Message#copy()}) if you keep it after returning, because the client reuses it.
 * An exception thrown here is logged and reported to the client's exception listener; the
 * other handlers still run and the client keeps working. With several named clients, every
 * such bean receives the unexpected messages of every client; to know which client a message
 * came from, use an {@link AmpsUnexpectedMessage @AmpsUnexpectedMessage} method with a
 * {@code Client} parameter.
 */
@FunctionalInterface
public interface LastChanceMessageHandler {

	/**
	 * Handle a message that no other handler of the client claimed.
	 * @param message the unclaimed message, valid only until this method returns
	 */
	void handle(Message message);

}
