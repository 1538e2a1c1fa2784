package org.ampsboot.observation;

import io.micrometer.common.KeyValues;

/**
 * The default listener convention: name {@code amps.listener}, contextual name
 * {@code <topic> receive}, low-cardinality keys {@code amps.client}, {@code amps.listener} (the
 * container id), {@code amps.topic}, {@code messaging.system} ({@code amps}),
 * {@code messaging.operation} ({@code receive}) and {@code outcome} ({@code success} or
 * {@code error}). A listener on a regular-expression topic sees many topics: replace this
 * convention to map them to the pattern if they are many.
 */
public class DefaultAmpsListenerObservationConvention implements AmpsListenerObservationConvention {

	/** The shared instance. */
	public static final DefaultAmpsListenerObservationConvention INSTANCE = new DefaultAmpsListenerObservationConvention();

	@Override
	public String getName() {
		return "amps.listener";
	}

	@Override
	public String getContextualName(AmpsListenerObservationContext context) {
		return context.getTopic() + " receive";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(AmpsListenerObservationContext context) {
		return KeyValues.of("amps.client", context.getClientName(), "amps.listener", context.getListener(),
				"amps.topic", String.valueOf(context.getTopic()), "messaging.system", "amps", "messaging.operation",
				"receive", "outcome", (context.getError() != null) ? "error" : "success");
	}

}
