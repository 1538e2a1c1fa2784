package org.ampsboot.autoconfigure.listener;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * The client-side handler of one listener's subscription, in two parts. On the client's receive
 * thread, {@link #invoke}: skips the acknowledgements and batch markers the subscription also
 * receives, and either processes the message there or hands a copy to the listener's
 * {@link HandOff}. Then, on whichever thread runs it, {@link #process} (one message) or
 * {@link #processBatch} (a batch listener): fills the arguments, calls the method, acknowledges
 * queue messages, and hands failures to the error handler (which may call the listener again,
 * through {@link ListenerFailure#retry()}, on the same thread); each message done with goes to
 * {@link #completed}.
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

	/** Whether the listener takes a batch ({@code List}). */
	private final boolean batch;

	private final AmpsInstrumentation instrumentation;

	/** The container of this listener (for the error handler). */
	private final ListenerContainer container;

	/** The container to tell of each message (idle events on), or {@code null}. */
	private final ListenerContainer activity;

	/** The failures the error handler did not handle (it threw). */
	private final ThrottledFailureLog unhandled = new ThrottledFailureLog(logger);

	/** Where messages are handed off to, or {@code null} to process them on the receive thread. */
	private final HandOff handOff;

	/** For a batch listener whose elements are read from JSON, the reader; else {@code null}. */
	private final Function<Message, Object> elementReader;

	/** Marks processed messages in the bookmark store (a bookmark subscription), or {@code null}. */
	private final BookmarkDiscard discard;

	/**
	 * @param container the listener's container
	 * @param idleEvents whether to tell the container of each message (idle events on)
	 * @param handOff makes the hand-off of this invoker, or {@code null} for the receive thread
	 */
	ListenerInvoker(ListenerMethod listener, Client client, AmpsListenerErrorHandler errorHandler, Object jsonMapper,
			AmpsInstrumentation instrumentation, ListenerContainer container, boolean idleEvents,
			Function<ListenerInvoker, HandOff> handOff) {
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
		this.batch = listener.isBatch();
		this.elementReader = (listener.batchElement() == ListenerMethod.ArgumentKind.JSON)
				? JsonSupport.reader(jsonMapper, listener.batchElementType()) : null;
		this.discard = BookmarkDiscard.of(listener.spec(), client);
		this.handOff = (handOff != null) ? handOff.apply(this) : null;
	}

	/** The hand-off, or {@code null} when the listener runs on the receive thread. */
	HandOff handOff() {
		return this.handOff;
	}

	boolean isQueue() {
		return this.queue;
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
		if (this.handOff != null) {
			this.handOff.submit(message);
			return;
		}
		// what process(message) does, written out here: one call level less on the receive thread, whose
		// path through the client is already deep (with the call, the String listener of the listener
		// dispatch benchmark measured 157 ns against 132 at the commit before; written out, 142 against 148)
		QueueAcknowledgement acknowledgement = this.queue
				? new QueueAcknowledgement(this.client, message.getTopic(), message.getBookmark()) : null;
		try {
			if (this.instrumentation == AmpsInstrumentation.NONE && !this.batch) {
				call(message, acknowledgement);
			}
			else {
				attempt(message, acknowledgement);
			}
			if (acknowledgement != null && !this.manualAck) {
				acknowledgement.acknowledge();
			}
		}
		catch (Throwable ex) {
			if (!failed(message, acknowledgement, ex)) {
				return;
			}
		}
		completed(message);
	}

	/**
	 * Processes one message on a worker of the hand-off (the copy made on the receive thread): as
	 * {@link #invoke} does on the receive thread.
	 * @param message the message
	 */
	void process(Message message) {
		if (this.container.isStopping()) {
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
		catch (Throwable ex) {
			if (!failed(message, acknowledgement, ex)) {
				return;
			}
		}
		completed(message);
	}

	/**
	 * Calls the listener once with one message, observed when instrumentation is on; a batch
	 * listener (the retry of one message of a failed batch) with that message alone.
	 */
	void attempt(Message message, QueueAcknowledgement acknowledgement) throws Throwable {
		if (this.batch) {
			Object element;
			try {
				element = element(message);
			}
			catch (RuntimeException ex) {
				throw new ConversionFailure(ex);
			}
			QueueAcknowledgement.Batch one = (acknowledgement != null)
					? new QueueAcknowledgement.Batch(List.of(acknowledgement)) : null;
			callObserved(message, () -> callBatch(List.of(element), one));
		}
		else if (this.instrumentation == AmpsInstrumentation.NONE) {
			call(message, acknowledgement);
		}
		else {
			callObserved(message, () -> call(message, acknowledgement));
		}
	}

	private void callObserved(Message message, AmpsInstrumentation.Invocation call) throws Throwable {
		if (this.instrumentation == AmpsInstrumentation.NONE) {
			call.proceed();
		}
		else {
			this.instrumentation.observeListener(this.client.getName(), this.listener.spec().id(),
					this.listener.description(), message, call);
		}
	}

	/**
	 * A call failed: hands it to the error handler.
	 * @return whether the error handler handled the failure (a VirtualMachineError is rethrown)
	 */
	private boolean failed(Message message, QueueAcknowledgement acknowledgement, Throwable ex) {
		if (ex instanceof VirtualMachineError error) {
			throw error;
		}
		boolean conversion = ex instanceof ConversionFailure;
		return handleError(new ListenerFailure(this, message, acknowledgement, !this.manualAck,
				conversion ? ex.getCause() : ex, conversion));
	}

	/**
	 * Processes the messages of a batch listener, on a worker of the hand-off: converts each
	 * message (one that cannot be converted goes to the error handler alone), calls the listener
	 * once with the rest, then acknowledges each (automatic acknowledgement) or, when it threw,
	 * hands each to the error handler. Each message done with goes to {@link #completed}, after
	 * the batch returned.
	 * @param messages copies, in the order they arrived
	 */
	void processBatch(List<Message> messages) {
		int size = messages.size();
		List<Message> included = new ArrayList<>(size);
		List<Object> elements = new ArrayList<>(size);
		List<QueueAcknowledgement> acknowledgements = this.queue ? new ArrayList<>(size) : null;
		for (Message message : messages) {
			QueueAcknowledgement acknowledgement = this.queue
					? new QueueAcknowledgement(this.client, message.getTopic(), message.getBookmark()) : null;
			Object element;
			try {
				element = element(message);
			}
			catch (RuntimeException ex) {
				if (handleError(new ListenerFailure(this, message, acknowledgement, !this.manualAck, ex, true))) {
					completed(message);
				}
				continue;
			}
			included.add(message);
			elements.add(element);
			if (acknowledgements != null) {
				acknowledgements.add(acknowledgement);
			}
		}
		if (included.isEmpty()) {
			return;
		}
		QueueAcknowledgement.Batch acknowledgement = (acknowledgements != null)
				? new QueueAcknowledgement.Batch(acknowledgements) : null;
		List<Object> batch = Collections.unmodifiableList(elements);
		try {
			callObserved(included.get(0), () -> callBatch(batch, acknowledgement));
			if (acknowledgement != null && !this.manualAck) {
				acknowledgement.acknowledge();
			}
		}
		catch (Throwable ex) {
			if (ex instanceof VirtualMachineError error) {
				throw error;
			}
			// each message of the batch goes to the error handler; a retry calls the listener with it alone
			for (int i = 0; i < included.size(); i++) {
				if (handleError(new ListenerFailure(this, included.get(i),
						(acknowledgements != null) ? acknowledgements.get(i) : null, !this.manualAck, ex, false))) {
					completed(included.get(i));
				}
			}
			return;
		}
		for (Message message : included) {
			completed(message);
		}
	}

	/**
	 * One message is done with: the listener returned normally, or the error handler returned
	 * normally (it handled the failure). Called once per message, on the thread that processed it;
	 * for a batch listener once per message of the batch, after the batch returned. Completion is
	 * in arrival order on the receive thread and within one hand-off lane, not across lanes.
	 * <p>
	 * A bookmark listener's message is marked processed in the bookmark store here
	 * ({@link BookmarkDiscard}); the message is the original on the receive thread and the copy
	 * made on the receive thread otherwise, which keeps the bookmark, the sub ids and the bookmark
	 * sequence number.
	 * @param message the message
	 */
	private void completed(Message message) {
		if (this.discard != null) {
			// the bookmark sequence number the store gave the message on the receive thread; a hand-off's copy
			// keeps it (MessageCopy), and the store advances only over what is contiguous (BookmarkDiscard)
			this.discard.processed(this.discard.capture(message));
		}
	}

	private Object element(Message message) {
		return switch (this.listener.batchElement()) {
			case TEXT -> ListenerMethod.text(message);
			case BYTES -> ListenerMethod.bytes(message);
			case JSON -> this.elementReader.apply(message);
			default -> message;
		};
	}

	private void callBatch(List<Object> batch, QueueAcknowledgement.Batch acknowledgement) throws Throwable {
		ListenerMethod.ArgumentKind[] kinds = this.kinds;
		Object[] arguments = new Object[kinds.length];
		for (int i = 0; i < kinds.length; i++) {
			arguments[i] = switch (kinds[i]) {
				case BATCH -> batch;
				case ACKNOWLEDGEMENT -> acknowledgement;
				case CLIENT -> this.client;
				default -> throw new IllegalStateException("not a batch parameter: " + kinds[i]);
			};
		}
		this.listener.invoke(arguments);
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
			case BATCH -> throw new IllegalStateException("a batch listener is called by processBatch");
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
