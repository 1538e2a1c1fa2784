package org.ampsboot.observation;

import io.micrometer.common.KeyValues;

/**
 * The default publish convention: name {@code amps.publish}, contextual name
 * {@code <topic> publish}, low-cardinality keys {@code amps.client}, {@code amps.topic},
 * {@code messaging.system} ({@code amps}), {@code messaging.operation} ({@code publish}) and
 * {@code outcome} ({@code success} or {@code error}). A topic is a low-cardinality key because an
 * application publishes to a fixed set; one that builds topic names from data should replace this
 * convention with one that maps them to a pattern.
 */
public class DefaultAmpsPublishObservationConvention implements AmpsPublishObservationConvention {

	/** The shared instance. */
	public static final DefaultAmpsPublishObservationConvention INSTANCE = new DefaultAmpsPublishObservationConvention();

	@Override
	public String getName() {
		return "amps.publish";
	}

	@Override
	public String getContextualName(AmpsPublishObservationContext context) {
		return context.getTopic() + " publish";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(AmpsPublishObservationContext context) {
		return KeyValues.of("amps.client", context.getClientName(), "amps.topic", context.getTopic(),
				"messaging.system", "amps", "messaging.operation", "publish", "outcome",
				(context.getError() != null) ? "error" : "success");
	}

}
