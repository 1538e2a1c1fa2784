package org.ampsboot.benchmarks;

import java.lang.reflect.Method;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageHandler;

/**
 * The point where a client's transport hands each parsed frame to the client: the handler returned by
 * {@code Client.getTransportMessageHandler()} (documented, {@code protected}, in the client's Javadoc). The
 * transport calls it with every message it reads; the client then routes the message to the handler of the
 * subscription or command it belongs to, or to the last-chance handler.
 * <p>
 * The dispatch benchmarks call it with the same {@link Message} on a raw client and on the starter's client,
 * so both take the client's real routing path into the handler; only the socket read and frame parsing
 * (identical on both sides) are left out.
 */
final class ClientEntry {

	private static final Method TRANSPORT_MESSAGE_HANDLER;

	static {
		try {
			TRANSPORT_MESSAGE_HANDLER = Client.class.getDeclaredMethod("getTransportMessageHandler");
			TRANSPORT_MESSAGE_HANDLER.setAccessible(true);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private ClientEntry() {
	}

	/** The handler the client's transport calls with each message it reads. */
	static MessageHandler of(Client client) {
		try {
			return (MessageHandler) TRANSPORT_MESSAGE_HANDLER.invoke(client);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot reach the transport message handler of " + client, ex);
		}
	}

	/** A raw {@link HAClient}, built as the starter builds its own (one URI in a DefaultServerChooser), logged on. */
	static HAClient rawClient(String uri, String name) throws Exception {
		HAClient client = new HAClient(name);
		DefaultServerChooser chooser = new DefaultServerChooser();
		chooser.add(uri);
		client.setServerChooser(chooser);
		client.connectAndLogon();
		return client;
	}

	/**
	 * What AMPS sends for a publish it cannot parse when the publish asked for no acknowledgement: a failure
	 * ack without a command id, which no command waits for, so the client hands it to its last-chance handler.
	 */
	static Message unexpectedFailureAck(Client client) throws Exception {
		return client.allocateMessage()
			.setCommand(Message.Command.Ack)
			.setAckType(Message.AckType.Processed)
			.setStatus(Message.Status.Failure)
			.setReason(Message.Reason.ParseError)
			.setTopic("orders");
	}

	/** A publish delivered to one subscription, as AMPS frames it: topic, sub ids, bookmark and payload. */
	static Message delivery(Client client, String topic, String subId, String payload) throws Exception {
		return client.allocateMessage()
			.setCommand(Message.Command.Publish)
			.setTopic(topic)
			.setSubIds(subId)
			.setBookmark("4242|1|")
			.setData(payload);
	}

	/** Calls the entry once and checks that {@code expected} handler calls happened. */
	static void check(MessageHandler entry, Message message, int expected, String what) {
		long before = Work.count();
		entry.invoke(message);
		long calls = Work.count() - before;
		if (calls != expected) {
			throw new IllegalStateException(what + ": expected " + expected + " handler call(s) per message, saw "
					+ calls + " (the message did not take the intended path)");
		}
	}

}
