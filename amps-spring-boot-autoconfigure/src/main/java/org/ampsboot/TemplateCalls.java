package org.ampsboot;

import java.nio.charset.StandardCharsets;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageStream;
import com.crankuptheamps.client.exception.DisconnectedException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@link AmpsTemplate}'s calls share: reading the result of a SOW delete, and turning what
 * the client threw into an {@link AmpsOperationException} that says what happened to the call.
 */
final class TemplateCalls {

	private TemplateCalls() {
	}

	/** The count of a SOW delete's {@code stats} acknowledgement; fails on AMPS's refusal. */
	static long deleted(MessageStream messages, String what, long timeoutMillis) {
		for (Message message : messages) {
			if (message.getCommand() == Message.Command.Ack && message.getAckType() == Message.AckType.Stats) {
				if (message.getStatus() == Message.Status.Failure) {
					throw new AmpsOperationException("AMPS refused " + what + ": " + message.getReasonText(),
							message.getReasonText(), null);
				}
				return message.getRecordsDeleted();
			}
		}
		throw new AmpsOperationException("AMPS did not report the result of " + what + " within " + timeoutMillis
				+ " ms", null, null);
	}

	/** A payload as bytes: {@code byte[]} as it is, a {@code String} in UTF-8, any other object as JSON. */
	static byte[] payload(JsonMapper jsonMapper, Object value) {
		if (value instanceof byte[] bytes) {
			return bytes;
		}
		return ((value instanceof String text) ? text : toJson(jsonMapper, value)).getBytes(StandardCharsets.UTF_8);
	}

	static String toJson(JsonMapper jsonMapper, Object value) {
		try {
			return jsonMapper.writeValueAsString(value);
		}
		catch (RuntimeException ex) {
			throw new AmpsOperationException("Could not write " + value.getClass().getName() + " as JSON", null, ex);
		}
	}

	/** Waits for the client's logon, at most the bound; fails saying what was not done. */
	static void awaitLogon(CallWatch watch, Client client, String what, long boundMillis, String consequence) {
		if (!watch.awaitLogon(boundMillis)) {
			throw new AmpsOperationException("AMPS " + what + " failed: client '" + client.getName()
					+ "' is not logged on (it is reconnecting) and did not log on within " + boundMillis + " ms; "
					+ consequence, null, null);
		}
	}

	static AmpsOperationException failure(String what, Exception ex) {
		if (ex instanceof AmpsOperationException operation) {
			return operation;
		}
		String reason = AmpsOperationException.reasonOf(ex);
		if (reason == null && ex instanceof DisconnectedException) {
			return new AmpsOperationException("AMPS " + what + " failed: the connection was lost during the call ("
					+ ex.getClass().getSimpleName() + "); whether AMPS received it is unknown", null, ex);
		}
		return new AmpsOperationException(
				"AMPS " + what + " failed: " + ((reason != null) ? reason : ex.getClass().getSimpleName()), reason,
				ex);
	}

	/** One call into the client. */
	@FunctionalInterface
	interface ClientCall {

		void run() throws Exception;

	}

}
