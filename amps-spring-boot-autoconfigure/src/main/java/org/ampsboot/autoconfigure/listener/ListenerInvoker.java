package org.ampsboot.autoconfigure.listener;

import java.lang.reflect.Type;
import java.util.function.Function;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.ampsboot.AmpsListenerErrorHandler;
import org.ampsboot.autoconfigure.metrics.AmpsInstrumentation;

/**
 * The client-side handler of one listener's subscription: skips the acknowledgements and
 * batch markers the subscription also receives, fills the arguments, calls the method,
 * acknowledges queue messages, marks bookmark messages processed ({@link BookmarkDiscard}), and
 * hands failures to the error handler. Runs on the client's receive thread.
 */
final class ListenerInvoker implements MessageHandler {

	private static final Log logger = LogFactory.getLog(ListenerInvoker.class);

	private final ListenerMethod listener;

	private final Client client;

	private final AmpsListenerErrorHandler errorHandler;

	private final ListenerMethod.ArgumentKind[] kinds;

	private final Function<String, Object>[] readers;

	private final boolean queue;

	private final boolean manualAck;

	private final AmpsInstrumentation instrumentation;

	/** The container to tell of each message (idle events on), or {@code null}. */
	private final ListenerContainer activity;

	/** Marks processed messages in the bookmark store (a bookmark subscription), or {@code null}. */
	private final BookmarkDiscard discard;

	ListenerInvoker(ListenerMethod listener, Client client, AmpsListenerErrorHandler errorHandler, Object jsonMapper,
			AmpsInstrumentation instrumentation, ListenerContainer activity) {
		this.discard = BookmarkDiscard.of(listener.spec(), client);
		this.instrumentation = instrumentation;
		this.activity = activity;
		this.listener = listener;
		this.client = client;
		this.errorHandler = errorHandler;
		this.kinds = listener.kinds();
		this.readers = readers(listener, jsonMapper);
		this.queue = listener.isQueue();
		this.manualAck = listener.isManualAck();
	}

	@SuppressWarnings("unchecked")
	private static Function<String, Object>[] readers(ListenerMethod listener, Object jsonMapper) {
		ListenerMethod.ArgumentKind[] kinds = listener.kinds();
		Type[] types = listener.types();
		Function<String, Object>[] readers = new Function[kinds.length];
		for (int i = 0; i < kinds.length; i++) {
			if (kinds[i] == ListenerMethod.ArgumentKind.JSON) {
				readers[i] = JsonSupport.reader(jsonMapper, types[i]);
			}
		}
		return readers;
	}

	@Override
	public void invoke(Message message) {
		int command = message.getCommand();
		if (command == Message.Command.Ack || command == Message.Command.GroupBegin
				|| command == Message.Command.GroupEnd) {
			if (command == Message.Command.Ack && message.getStatus() == Message.Status.Failure) {
				logger.error("AMPS refused the subscription of " + this.listener + ": " + message.getReasonText());
			}
			return;
		}
		if (this.activity != null) {
			this.activity.received();
		}
		long bookmark = (this.discard != null) ? this.discard.capture(message) : BookmarkDiscard.NONE;
		QueueAcknowledgement acknowledgement = this.queue
				? new QueueAcknowledgement(this.client, message.getTopic(), message.getBookmark()) : null;
		try {
			if (this.instrumentation == AmpsInstrumentation.NONE) {
				call(message, acknowledgement);
			}
			else {
				this.instrumentation.observeListener(this.client.getName(), this.listener.spec().id(),
						this.listener.description(), message, () -> call(message, acknowledgement));
			}
			if (acknowledgement != null && !this.manualAck) {
				acknowledgement.acknowledge();
			}
			if (this.discard != null) {
				this.discard.processed(bookmark);
			}
		}
		catch (Throwable ex) {
			if (ex instanceof VirtualMachineError error) {
				throw error;
			}
			handleError(message, (this.manualAck) ? null : acknowledgement, ex, bookmark);
		}
	}

	private void handleError(Message message, QueueAcknowledgement acknowledgement, Throwable ex, long bookmark) {
		try {
			this.errorHandler.handleError(message, acknowledgement, this.listener.description(), ex);
			if (this.discard != null) {
				// handled (skipped or recovered); a handler that throws leaves it to be delivered again
				this.discard.processed(bookmark);
			}
		}
		catch (RuntimeException handlerFailure) {
			logger.error("The AMPS listener error handler threw while handling a failure of " + this.listener,
					handlerFailure);
		}
	}

	private void call(Message message, QueueAcknowledgement acknowledgement) throws Throwable {
		switch (this.kinds.length) {
			case 1 -> this.listener.invoker().invoke1(argument(0, message, acknowledgement));
			case 2 -> this.listener.invoker()
				.invoke2(argument(0, message, acknowledgement), argument(1, message, acknowledgement));
			default -> this.listener.invoke(arguments(message, acknowledgement));
		}
	}

	private Object argument(int i, Message message, QueueAcknowledgement acknowledgement) {
		return switch (this.kinds[i]) {
			case MESSAGE -> message;
			case TEXT -> ListenerMethod.text(message);
			case BYTES -> ListenerMethod.bytes(message);
			case JSON -> this.readers[i].apply(ListenerMethod.text(message));
			case HEADER -> ListenerMethod.header(message, this.listener.headerAt(i));
			case ACKNOWLEDGEMENT -> acknowledgement;
			case CLIENT -> this.client;
		};
	}

	private Object[] arguments(Message message, QueueAcknowledgement acknowledgement) {
		Object[] arguments = new Object[this.kinds.length];
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = argument(i, message, acknowledgement);
		}
		return arguments;
	}

}
