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
import org.ampsboot.autoconfigure.support.ThrottledFailureLog;

/**
 * The client-side handler of one listener's subscription: skips the acknowledgements and
 * batch markers the subscription also receives, fills the arguments, calls the method,
 * acknowledges queue messages, and hands failures to the error handler (which may call the
 * listener again, through {@link ListenerFailure#retry()}, on the same thread). Runs on the
 * thread that calls {@link #invoke(Message)}: the client's receive thread today.
 */
final class ListenerInvoker implements MessageHandler {

	private static final Log logger = LogFactory.getLog(ListenerInvoker.class);

	private final ListenerMethod listener;

	private final Client client;

	private final AmpsListenerErrorHandler errorHandler;

	private final ListenerMethod.ArgumentKind[] kinds;

	private final Function<Message, Object>[] readers;

	private final boolean queue;

	private final boolean manualAck;

	private final AmpsInstrumentation instrumentation;

	/** The container of this listener (for the error handler). */
	private final ListenerContainer container;

	/** The container to tell of each message (idle events on), or {@code null}. */
	private final ListenerContainer activity;

	/** The failures the error handler did not handle (it threw). */
	private final ThrottledFailureLog unhandled = new ThrottledFailureLog(logger);

	ListenerInvoker(ListenerMethod listener, Client client, AmpsListenerErrorHandler errorHandler, Object jsonMapper,
			AmpsInstrumentation instrumentation, ListenerContainer container, boolean idleEvents) {
		this.instrumentation = instrumentation;
		this.container = container;
		this.activity = (idleEvents) ? container : null;
		this.listener = listener;
		this.client = client;
		this.errorHandler = errorHandler;
		this.kinds = listener.kinds();
		this.readers = readers(listener, jsonMapper);
		this.queue = listener.isQueue();
		this.manualAck = listener.isManualAck();
	}

	@SuppressWarnings("unchecked")
	private static Function<Message, Object>[] readers(ListenerMethod listener, Object jsonMapper) {
		ListenerMethod.ArgumentKind[] kinds = listener.kinds();
		Type[] types = listener.types();
		Function<Message, Object>[] readers = new Function[kinds.length];
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
		if (this.container.isStopping()) {
			// a recoverer stopped the container from the listener's thread: left for AMPS (queue) or a restart
			return;
		}
		QueueAcknowledgement acknowledgement = this.queue
				? new QueueAcknowledgement(this.client, message.getTopic(), message.getBookmark()) : null;
		try {
			attempt(message, acknowledgement);
			if (acknowledgement != null && !this.manualAck) {
				acknowledgement.acknowledge();
			}
		}
		catch (ConversionFailure ex) {
			handleError(new ListenerFailure(this, message, acknowledgement, !this.manualAck, ex.getCause(), true));
		}
		catch (Throwable ex) {
			if (ex instanceof VirtualMachineError error) {
				throw error;
			}
			handleError(new ListenerFailure(this, message, acknowledgement, !this.manualAck, ex, false));
		}
	}

	/**
	 * Hands a failure to the error handler.
	 * @return whether it was handled (the error handler returned normally)
	 */
	private boolean handleError(ListenerFailure failure) {
		try {
			this.errorHandler.handleError(failure);
			return true;
		}
		catch (RuntimeException handlerFailure) {
			QueueAcknowledgement acknowledgement = failure.autoAcknowledgement();
			boolean returning = acknowledgement != null && !acknowledgement.isDone();
			long count = this.unhandled.count();
			if (count != 0) {
				Message message = failure.getMessage();
				this.unhandled.log(count, "AMPS listener " + this.listener.description(), "failed on a message (topic="
						+ message.getTopic() + ", bookmark=" + message.getBookmark() + ") and the error handler did "
						+ "not handle it" + ((returning) ? "; returning it to the queue" : ""), handlerFailure);
			}
			if (returning) {
				acknowledgement.returnToQueue();
			}
			return false;
		}
	}

	/** Calls the listener once, observed when instrumentation is on. */
	void attempt(Message message, QueueAcknowledgement acknowledgement) throws Throwable {
		if (this.instrumentation == AmpsInstrumentation.NONE) {
			call(message, acknowledgement);
		}
		else {
			this.instrumentation.observeListener(this.listener.description(), message.getTopic(),
					() -> call(message, acknowledgement));
		}
	}

	String description() {
		return this.listener.description();
	}

	ListenerContainer container() {
		return this.container;
	}

	Client client() {
		return this.client;
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
			case JSON -> read(i, message);
			case HEADER -> ListenerMethod.header(message, this.listener.headerAt(i));
			case ACKNOWLEDGEMENT -> acknowledgement;
			case CLIENT -> this.client;
		};
	}

	private Object read(int i, Message message) {
		try {
			return this.readers[i].apply(message);
		}
		catch (RuntimeException ex) {
			throw new ConversionFailure(ex);
		}
	}

	private Object[] arguments(Message message, QueueAcknowledgement acknowledgement) {
		Object[] arguments = new Object[this.kinds.length];
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = argument(i, message, acknowledgement);
		}
		return arguments;
	}

	/** The payload did not convert to the listener's parameter; the cause is what the reader threw. */
	static final class ConversionFailure extends RuntimeException {

		ConversionFailure(RuntimeException cause) {
			super(null, cause, false, false);
		}

	}

}
