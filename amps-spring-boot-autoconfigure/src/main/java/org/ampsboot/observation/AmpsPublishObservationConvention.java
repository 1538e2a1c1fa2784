package org.ampsboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names an {@code AmpsTemplate} publish observation and gives its key values. The starter uses
 * {@link DefaultAmpsPublishObservationConvention} unless the application declares a bean of this
 * type.
 */
public interface AmpsPublishObservationConvention extends ObservationConvention<AmpsPublishObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof AmpsPublishObservationContext;
	}

}
