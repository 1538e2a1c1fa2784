package org.ampsboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names an {@code @AmpsListener} call observation and gives its key values. The starter uses
 * {@link DefaultAmpsListenerObservationConvention} unless the application declares a bean of
 * this type.
 */
public interface AmpsListenerObservationConvention extends ObservationConvention<AmpsListenerObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof AmpsListenerObservationContext;
	}

}
