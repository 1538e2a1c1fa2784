package org.ampsboot.autoconfigure.listener;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.fields.Field;
import com.crankuptheamps.client.Message;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringUtils;

import org.ampsboot.AmpsAcknowledgement;
import org.ampsboot.AmpsHeader;
import org.ampsboot.AmpsListener;
import org.ampsboot.autoconfigure.AmpsStartupException;
import org.ampsboot.autoconfigure.support.AmpsMessages;
import org.ampsboot.autoconfigure.support.MethodInvoker;
import org.ampsboot.autoconfigure.support.TraceCorrelationIds;

/**
 * An {@link AmpsListener @AmpsListener} method bound to its bean: the subscription it asks for,
 * and how each parameter is filled from a message. The signature is checked when the bean is
 * initialized; arguments are resolved by a precomputed kind per parameter, so that a delivery
 * only fills an array.
 */
final class ListenerMethod {

	static final String ACCEPTED_PARAMETERS = "Message, a String or byte[] payload, one object converted from JSON, "
			+ "String parameters annotated with @AmpsHeader, AmpsAcknowledgement (ackMode = MANUAL, queues) and Client; "
			+ "or, for a batch listener, one List of Message, String, byte[] or a type read from JSON, with Client and "
			+ "AmpsAcknowledgement";

	enum ArgumentKind {

		MESSAGE, TEXT, BYTES, JSON, HEADER, ACKNOWLEDGEMENT, CLIENT,

		/** A {@code List} of messages (a batch listener); what each element is: {@link #batchElement()}. */
		BATCH

	}

	private final Object bean;

	private final Method method;

	/** Made on the first call ({@link #invoker()}): a listener that never receives costs no generated class. */
	private MethodInvoker invoker;

	private final String description;

	private final ListenerSpec spec;

	private final ArgumentKind[] kinds;

	private final AmpsHeader.Field[] headers;

	private final Type[] types;

	/** For a batch listener, what each element of its list is ({@code MESSAGE}, ...); else {@code null}. */
	private final ArgumentKind batchElement;

	/** For a batch listener, the type of its list's elements; else {@code null}. */
	private final Type batchElementType;

	private ListenerMethod(Object bean, Method method, String description, ListenerSpec spec, ArgumentKind[] kinds,
			AmpsHeader.Field[] headers, Type[] types, ArgumentKind batchElement, Type batchElementType) {
		this.batchElement = batchElement;
		this.batchElementType = batchElementType;
		this.bean = bean;
		this.method = method;
		this.description = description;
		this.spec = spec;
		this.kinds = kinds;
		this.headers = headers;
		this.types = types;
	}

	/**
	 * Checks the method's signature and binds it.
	 * @param spec the subscription, from the annotation with property placeholders resolved
	 * @throws AmpsStartupException naming the method and what is wrong with it
	 */
	static ListenerMethod bind(Object bean, Method declared, Method invocable, ListenerSpec spec) {
		String topic = spec.topic();
		String description = describe(declared);
		Parameter[] parameters = declared.getParameters();
		ArgumentKind[] kinds = new ArgumentKind[parameters.length];
		AmpsHeader.Field[] headers = new AmpsHeader.Field[parameters.length];
		Type[] types = declared.getGenericParameterTypes();
		List<String> problems = new ArrayList<>();
		int payloads = 0;
		ArgumentKind batchElement = null;
		Type batchElementType = null;
		for (int i = 0; i < parameters.length; i++) {
			Class<?> type = parameters[i].getType();
			AmpsHeader header = AnnotatedElementUtils.findMergedAnnotation(parameters[i], AmpsHeader.class);
			if (type == List.class && header == null) {
				kinds[i] = ArgumentKind.BATCH;
				batchElementType = (types[i] instanceof ParameterizedType parameterized)
						? parameterized.getActualTypeArguments()[0] : Object.class;
				batchElement = elementKind(batchElementType);
				if (batchElement == null) {
					problems.add("parameter " + i + " is a List of " + batchElementType.getTypeName()
							+ ", which cannot be supplied (a List of Message, String, byte[] or a type read from JSON)");
				}
				payloads++;
			}
			else if (header != null) {
				if (type != String.class) {
					problems.add("parameter " + i + " is annotated with @AmpsHeader but is a " + type.getName()
							+ ", not a String");
				}
				kinds[i] = ArgumentKind.HEADER;
				headers[i] = header.value();
			}
			else if (type == Message.class) {
				kinds[i] = ArgumentKind.MESSAGE;
			}
			else if (type == AmpsAcknowledgement.class) {
				if (spec.maxBacklog() <= 0 || spec.ackMode() != AmpsListener.AckMode.MANUAL) {
					problems.add("parameter " + i
							+ " is an AmpsAcknowledgement, which needs maxBacklog > 0 and ackMode = MANUAL");
				}
				kinds[i] = ArgumentKind.ACKNOWLEDGEMENT;
			}
			else if (Client.class.isAssignableFrom(type)) {
				kinds[i] = ArgumentKind.CLIENT;
			}
			else if (type == String.class) {
				kinds[i] = ArgumentKind.TEXT;
				payloads++;
			}
			else if (type == byte[].class) {
				kinds[i] = ArgumentKind.BYTES;
				payloads++;
			}
			else if (type.isPrimitive() || Message.class.isAssignableFrom(type)) {
				problems.add("parameter " + i + " (" + type.getName() + ") cannot be supplied");
			}
			else if (!JsonSupport.isPresent()) {
				problems.add("parameter " + i + " (" + type.getName()
						+ ") needs JSON conversion, but Jackson 3 (tools.jackson.databind) is not on the classpath");
			}
			else {
				kinds[i] = ArgumentKind.JSON;
				payloads++;
			}
		}
		if (payloads > 1) {
			problems.add("it has " + payloads + " payload parameters; at most one is allowed");
		}
		if (batchElementType != null) {
			for (int i = 0; i < kinds.length; i++) {
				if (kinds[i] == ArgumentKind.HEADER || kinds[i] == ArgumentKind.MESSAGE) {
					problems.add("parameter " + i + " (" + ((kinds[i] == ArgumentKind.HEADER) ? "@AmpsHeader"
							: "Message") + ") cannot be used by a batch listener: take a List<Message> for the headers");
				}
			}
		}
		if (spec.maxBacklog() <= 0 && spec.ackMode() == AmpsListener.AckMode.MANUAL) {
			problems.add("ackMode = MANUAL applies to queues only: set maxBacklog too");
		}
		if (!StringUtils.hasText(topic)) {
			problems.add("its topic is empty");
		}
		if (!problems.isEmpty()) {
			throw new AmpsStartupException(
					"@AmpsListener method " + description + " cannot be used: " + String.join("; ", problems) + ".",
					"Declare only parameters the starter can supply: " + ACCEPTED_PARAMETERS + ".");
		}
		return new ListenerMethod(bean, invocable, description, spec, kinds, headers, types, batchElement,
				batchElementType);
	}

	/** What an element of a batch listener's list is, or {@code null} when it cannot be supplied. */
	private static ArgumentKind elementKind(Type element) {
		if (element == Message.class) {
			return ArgumentKind.MESSAGE;
		}
		if (element == String.class) {
			return ArgumentKind.TEXT;
		}
		if (element == byte[].class) {
			return ArgumentKind.BYTES;
		}
		Class<?> raw = (element instanceof Class<?> type) ? type
				: (element instanceof ParameterizedType parameterized
						&& parameterized.getRawType() instanceof Class<?> type) ? type : null;
		if (raw == null || raw.isPrimitive() || Message.class.isAssignableFrom(raw) || raw == Object.class
				|| !JsonSupport.isPresent()) {
			return null;
		}
		return ArgumentKind.JSON;
	}

	/**
	 * Binds the handler of an endpoint registered at run time: one parameter, the payload
	 * converted to its type (or the message).
	 * @throws IllegalArgumentException if the payload type cannot be supplied
	 */
	static ListenerMethod forEndpoint(ListenerSpec spec, Class<?> payloadType, Consumer<Object> handler) {
		ArgumentKind kind;
		if (payloadType == Message.class) {
			kind = ArgumentKind.MESSAGE;
		}
		else if (payloadType == String.class) {
			kind = ArgumentKind.TEXT;
		}
		else if (payloadType == byte[].class) {
			kind = ArgumentKind.BYTES;
		}
		else if (payloadType.isPrimitive() || Message.class.isAssignableFrom(payloadType)
				|| !JsonSupport.isPresent()) {
			throw new IllegalArgumentException("AmpsListenerEndpoint '" + spec.id() + "': a payload of type "
					+ payloadType.getName() + " cannot be supplied (String, byte[], Message, or a type read from JSON "
					+ "with Jackson 3 on the classpath)");
		}
		else {
			kind = ArgumentKind.JSON;
		}
		Method accept;
		try {
			accept = Consumer.class.getMethod("accept", Object.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
		return new ListenerMethod(handler, accept, "endpoint '" + spec.id() + "'", spec, new ArgumentKind[] { kind },
				new AmpsHeader.Field[1], new Type[] { payloadType }, null, null);
	}

	static String describe(Method method) {
		return MethodInvoker.describe(method);
	}

	String description() {
		return this.description;
	}

	String topic() {
		return this.spec.topic();
	}

	ListenerSpec spec() {
		return this.spec;
	}

	/**
	 * The client this listener subscribes with: a name in {@code amps.clients}, or {@code ""}
	 * for the single client.
	 */
	String clientName() {
		return this.spec.client();
	}

	boolean isQueue() {
		return this.spec.isQueue();
	}

	boolean isManualAck() {
		return this.spec.ackMode() == AmpsListener.AckMode.MANUAL;
	}

	/** Whether the listener takes the {@code Message} itself (or a {@code List<Message>}). */
	boolean takesMessage() {
		if (this.batchElement == ArgumentKind.MESSAGE) {
			return true;
		}
		for (ArgumentKind kind : this.kinds) {
			if (kind == ArgumentKind.MESSAGE) {
				return true;
			}
		}
		return false;
	}

	/** Whether this is a batch listener (it takes a {@code List}). */
	boolean isBatch() {
		return this.batchElement != null;
	}

	/** For a batch listener, what each element of its list is; else {@code null}. */
	ArgumentKind batchElement() {
		return this.batchElement;
	}

	/** For a batch listener, the type of its list's elements; else {@code null}. */
	Type batchElementType() {
		return this.batchElementType;
	}

	ArgumentKind[] kinds() {
		return this.kinds;
	}

	Type[] types() {
		return this.types;
	}

	AmpsHeader.Field headerAt(int index) {
		return this.headers[index];
	}

	/**
	 * Calls the method with the given arguments, unwrapping what it throws.
	 */
	void invoke(Object[] arguments) throws Throwable {
		invoker().invoke(arguments);
	}

	/**
	 * The invoker of the method, made on the first call. Threads that race on the first call
	 * may each make one; they are equivalent, and a {@link MethodInvoker}'s fields are final, so
	 * whichever a thread sees is complete.
	 */
	MethodInvoker invoker() {
		MethodInvoker invoker = this.invoker;
		if (invoker == null) {
			invoker = MethodInvoker.of(this.bean, this.method);
			this.invoker = invoker;
		}
		return invoker;
	}

	static String header(Message message, AmpsHeader.Field field) {
		return switch (field) {
			case TOPIC -> message.getTopic();
			case BOOKMARK -> message.getBookmark();
			case SOW_KEY -> message.getSowKey();
			case SUB_ID -> (message.getSubId() != null) ? message.getSubId() : message.getSubIds();
			case COMMAND -> AmpsMessages.commandName(message.getCommand());
			case CORRELATION_ID -> TraceCorrelationIds.applicationPart(message.getCorrelationId());
			case TIMESTAMP -> message.getTimestamp();
			case REASON -> message.getReasonText();
		};
	}

	static byte[] bytes(Message message) {
		Field data = message.getDataRaw();
		if (data == null || data.isNull()) {
			return new byte[0];
		}
		byte[] copy = new byte[data.length];
		System.arraycopy(data.buffer, data.position, copy, 0, data.length);
		return copy;
	}

	static String text(Message message) {
		String data = message.getData();
		return (data != null) ? data : "";
	}

	@Override
	public String toString() {
		return "@AmpsListener " + this.description;
	}

}
