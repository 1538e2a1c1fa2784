package org.ampsboot.autoconfigure.metrics;

import java.util.function.IntSupplier;

import com.crankuptheamps.client.Message;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Where the starter reports what happens on its paths, for metrics and observations. The
 * default does nothing; {@link org.ampsboot.autoconfigure.AmpsMetricsAutoConfiguration}
 * supplies a Micrometer one when Micrometer is present. Kept free of Micrometer types so the
 * core never loads them.
 * <p>
 * Internal: not API (public only because the classes that report to it, and the
 * auto-configuration that supplies it, live in other packages).
 */
public interface AmpsInstrumentation {

	/** Reports nothing. */
	AmpsInstrumentation NONE = new AmpsInstrumentation() {
	};

	/**
	 * The application's single instrumentation bean, or {@link #NONE}.
	 */
	static AmpsInstrumentation of(ObjectProvider<AmpsInstrumentation> instrumentation) {
		AmpsInstrumentation unique = instrumentation.getIfUnique();
		return (unique != null) ? unique : NONE;
	}

	/**
	 * A message reached the fallback handlers.
	 */
	default void unexpectedMessage(String client, Message message) {
	}

	/**
	 * AMPS reported a publish as not written.
	 */
	default void failedWrite(String client, Message message, int reason) {
	}

	/**
	 * Runs a listener invocation, measured and (with {@code amps.listener.observation-enabled})
	 * observed.
	 * @param client the client's name
	 * @param listener the listener's container id
	 * @param description the listener's description (the tag of its timer)
	 * @param message the message (valid during the call)
	 * @param invocation the invocation
	 */
	default void observeListener(String client, String listener, String description, Message message,
			Invocation invocation) throws Throwable {
		invocation.proceed();
	}

	/**
	 * A listener hands its messages off to an executor.
	 * @param listener the listener's description
	 * @param container the listener's container id
	 * @param inFlight how many of its messages are handed off and not yet done with
	 */
	default void listenerHandOff(String listener, String container, IntSupplier inFlight) {
	}

	/**
	 * The interceptor a client's template gets, or {@code null} for none.
	 * @param client the client's name
	 * @param observe whether to observe each publish ({@code amps.template.observation-enabled})
	 */
	default org.ampsboot.AmpsTemplate.PublishInterceptor publishInterceptor(String client, boolean observe) {
		return null;
	}

	/**
	 * Something to run.
	 */
	@FunctionalInterface
	interface Invocation {

		void proceed() throws Throwable;

	}

}
