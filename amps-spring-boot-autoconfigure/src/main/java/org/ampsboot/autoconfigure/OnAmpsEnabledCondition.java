package org.ampsboot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless {@code amps.enabled} is {@code false}. Any value but {@code true} or
 * {@code false} (in any case) fails startup naming the property: Spring Boot's
 * {@code @ConditionalOnBooleanProperty} would treat {@code yes}, {@code on}, {@code 1} or
 * {@code "true "} as not true and turn the starter off without a word, while the binder reads
 * most of them as true.
 */
final class OnAmpsEnabledCondition extends SpringBootCondition {

	static final String PROPERTY = "amps.enabled";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String value = context.getEnvironment().getProperty(PROPERTY);
		if (value == null || "true".equalsIgnoreCase(value)) {
			return ConditionOutcome.match((value == null) ? PROPERTY + " is not set" : PROPERTY + " is true");
		}
		if ("false".equalsIgnoreCase(value)) {
			return ConditionOutcome.noMatch(PROPERTY + " is false");
		}
		throw new AmpsStartupException(PROPERTY + " is '" + value + "', but it must be true or false.",
				"Set " + PROPERTY + "=true to auto-configure AMPS, or " + PROPERTY + "=false to turn it off "
						+ "(without spaces; yes, on and 1 are not accepted).");
	}

}
