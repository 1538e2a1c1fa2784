/**
 * Command handling of the AMPS test server, one class per command family (logon, heartbeat, publish,
 * subscribe/unsubscribe, sow queries, sow_delete and queue acknowledgements), dispatched by
 * {@link org.ampsboot.test.command.CommandDispatcher}. Commands talk to the connection through
 * {@link org.ampsboot.test.command.Session} and to the server through
 * {@link org.ampsboot.test.command.ServerContext}, both implemented by the server layer, and to the engine directly.
 * {@link org.ampsboot.test.command.Acks} holds every ack, and the one loud refusal of what is not supported.
 *
 * <p>Internal: not API.
 */
package org.ampsboot.test.command;
