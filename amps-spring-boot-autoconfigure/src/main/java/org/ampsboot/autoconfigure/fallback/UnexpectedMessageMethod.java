package org.ampsboot.autoconfigure.fallback;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;


import org.ampsboot.LastChanceMessageHandler;
import org.ampsboot.autoconfigure.AmpsStartupException;
import org.ampsboot.autoconfigure.support.MethodInvoker;

/**
 * An {@link org.ampsboot.AmpsUnexpectedMessage @AmpsUnexpectedMessage} method bound to its
 * bean, adapted to a {@link LastChanceMessageHandler}. Arguments are resolved by parameter type
 * once, when the method is found, so each call only fills an array.
 * <p>
 * Internal: not API (public only because the annotation processor that finds these methods, and
 * the client's lifecycle that installs them, live in other packages).
 */
public final class UnexpectedMessageMethod implements LastChanceMessageHandler {

	static final String ACCEPTED_PARAMETERS = Message.class.getName() + " (the unexpected message) and "
			+ Client.class.getName() + " (the client that received it)";

	private static final int MESSAGE = 0;

	private static final int CLIENT = 1;

	private final Object bean;

	private final Method method;

	/** Made on the first call ({@link #invoker()}): a method that is never called costs no generated class. */
	private MethodInvoker invoker;

	private final String description;

	private final int[] arguments;

	private final int order;

	private final String clientName;

	private final Client client;

	private UnexpectedMessageMethod(Object bean, Method method, String description, int[] arguments, int order,
			String clientName, Client client) {
		this.bean = bean;
		this.clientName = clientName;
		this.client = client;
		this.method = method;
		this.description = description;
		this.arguments = arguments;
		this.order = order;
	}

	/**
	 * Binds the method to the bean.
	 * @param bean the bean, possibly a proxy
	 * @param declared the annotated method as declared on the target class
	 * @param invocable the method to call on {@code bean}
	 * @param order the position among the annotated methods
	 * @throws AmpsStartupException naming the method and its unsupported parameters
	 */
	public static UnexpectedMessageMethod bind(Object bean, Method declared, Method invocable, int order,
			String clientName) {
		String description = describe(declared);
		Class<?>[] types = declared.getParameterTypes();
		int[] arguments = new int[types.length];
		List<String> unsupported = new ArrayList<>();
		for (int i = 0; i < types.length; i++) {
			if (types[i].isAssignableFrom(Message.class) && types[i] != Object.class) {
				arguments[i] = MESSAGE;
			}
			else if (Client.class.isAssignableFrom(types[i])) {
				arguments[i] = CLIENT;
			}
			else {
				unsupported.add("parameter " + i + " (" + types[i].getName() + ")");
			}
		}
		if (!unsupported.isEmpty()) {
			throw new AmpsStartupException(
					"@AmpsUnexpectedMessage method " + description + " has parameters the starter cannot supply: "
							+ String.join(", ", unsupported) + ".",
					"Declare only parameters of the types " + ACCEPTED_PARAMETERS + ", in any order.");
		}
		return new UnexpectedMessageMethod(bean, invocable, description, arguments, order, clientName, null);
	}

	private static String describe(Method method) {
		return MethodInvoker.describe(method);
	}

	/**
	 * The invoker of the method, made on the first call. Threads that race on the first call
	 * may each make one; they are equivalent, and a {@link MethodInvoker}'s fields are final, so
	 * whichever a thread sees is complete.
	 */
	private MethodInvoker invoker() {
		MethodInvoker invoker = this.invoker;
		if (invoker == null) {
			invoker = MethodInvoker.of(this.bean, this.method);
			this.invoker = invoker;
		}
		return invoker;
	}

	/**
	 * Whether this method receives the unexpected messages of the given client.
	 * @param name the client's name in {@code amps.clients}, or {@code ""} for the single client
	 */
	public boolean isFor(String name) {
		return this.clientName.isEmpty() || this.clientName.equals(name);
	}

	public String clientName() {
		return this.clientName;
	}

	/**
	 * This method bound to the client whose messages it receives.
	 */
	public UnexpectedMessageMethod forClient(Client client) {
		return new UnexpectedMessageMethod(this.bean, this.method, this.description, this.arguments, this.order,
				this.clientName, client);
	}

	public int getOrder() {
		return this.order;
	}

	@Override
	public void handle(Message message) {
		try {
			switch (this.arguments.length) {
				case 1 -> invoker().invoke1(argument(0, message));
				case 2 -> invoker().invoke2(argument(0, message), argument(1, message));
				default -> {
					Object[] args = new Object[this.arguments.length];
					for (int i = 0; i < args.length; i++) {
						args[i] = argument(i, message);
					}
					invoker().invoke(args);
				}
			}
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("@AmpsUnexpectedMessage method " + this.description + " threw", ex);
		}
	}

	private Object argument(int index, Message message) {
		return (this.arguments[index] == MESSAGE) ? message : this.client;
	}

	@Override
	public String toString() {
		return "@AmpsUnexpectedMessage " + this.description;
	}

}
