package org.ampsboot.test.command;

import java.util.Arrays;

import org.ampsboot.test.engine.Engine;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Reasons;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/**
 * {@code p}, {@code publish} and {@code delta_publish}: payload check, duplicate detection by sequence number,
 * then a queue, a SOW topic or plain routing; the requested acks follow.
 */
final class PublishCommand {

	private static final Logger log = ServerLog.LOG;

	private final ServerContext server;

	private final Engine engine;

	PublishCommand(ServerContext server, Engine engine) {
		this.server = server;
		this.engine = engine;
	}

	void handle(Session session, byte[] frame, int headerEnd, InboundHeader header) {
		String topic = header.topic();
		if (topic == null || topic.isEmpty()) {
			Acks.fail(session, header, Reasons.NO_TOPIC);
			return;
		}
		String correlationId = header.correlationId();
		if (correlationId != null && !isBase64Characters(correlationId)) {
			// "The CorrelationId contain only characters used in base64 encoding" (FAQ "Can I add a correlation token
			// to the header of a message?"); what AMPS answers otherwise is not documented
			Acks.notSupported(session, header, "a correlation id with characters outside base64");
			return;
		}
		String sowKey = header.sowKey();
		String keyRefusal = sowKeyRefusal(topic, sowKey);
		if (keyRefusal != null) {
			Acks.notSupported(session, header, keyRefusal);
			return;
		}
		Long sequence = header.sequenceNumber();
		int payloadLength = frame.length - headerEnd;
		if (session.jsonMessages() && !header.payloadIsValidJson(payloadLength)) {
			if (sequence != null) {
				advance(session, sequence);
			}
			log.debug("AMPS test server: publish to '{}' from {} is not valid JSON; answering '{}'", topic, session,
					Reasons.PARSE_ERROR);
			Acks.fail(session, header, Reasons.PARSE_ERROR);
			return;
		}
		boolean duplicate = sequence != null && !advance(session, sequence);
		if (duplicate) {
			log.debug("AMPS test server: publish {} to '{}' from {} is a duplicate; acknowledged, not delivered",
					sequence, topic, session);
		}
		else if (this.engine.isQueue(topic) && header.expiration() != null) {
			// AMPS can expire queue messages; the test server's queues keep every message until it is acknowledged
			Acks.notSupported(session, header, "an expiration ('e') on a publish to a queue");
			return;
		}
		else if (this.engine.isQueue(topic)) {
			this.engine.enqueue(session, topic, Arrays.copyOfRange(frame, headerEnd, frame.length), correlationId);
		}
		else if (this.engine.isSowTopic(topic)) {
			String refusal = this.engine.publishToSow(session, topic, Arrays.copyOfRange(frame, headerEnd, frame.length),
					header.expirationSeconds(), "delta_publish".equals(header.command()), correlationId, sowKey);
			if (refusal != null) {
				Acks.fail(session, header, refusal);
				return;
			}
		}
		else {
			this.engine.route(session, topic, frame, headerEnd, payloadLength, correlationId);
		}
		Acks.ackRequested(session, header);
	}

	/**
	 * What the test server refuses about a publish's SowKey ({@code k}), or {@code null}. The Command Reference
	 * ("publish") defines the header "for SOW topics that use an explicit key" and requires Base64 characters; what
	 * AMPS answers to a SowKey elsewhere, or to a missing one on such a topic, it does not document.
	 */
	private String sowKeyRefusal(String topic, String sowKey) {
		boolean publisherKeys = this.engine.hasPublisherKeys(topic);
		if (sowKey == null) {
			return publisherKeys ? "a publish without a SowKey ('k') to '" + topic + "', whose publishers give the SowKeys"
					: null;
		}
		if (!publisherKeys) {
			return "a SowKey ('k') on a publish to '" + topic + "', " + (this.engine.isSowTopic(topic)
					? "whose SowKeys AMPS derives from its key fields" : "which is not a SOW topic");
		}
		if (sowKey.isEmpty() || !isBase64Characters(sowKey)) {
			return "a SowKey with characters outside base64";
		}
		return null;
	}

	private static boolean isBase64Characters(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
					|| c == '/' || c == '=';
			if (!base64) {
				return false;
			}
		}
		return true;
	}

	private boolean advance(Session session, long sequence) {
		String clientName = session.clientName();
		return clientName == null || this.server.advanceSequence(clientName, sequence);
	}

}
