package org.ampsboot.autoconfigure;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import org.ampsboot.AmpsUriSanitizer;

/**
 * Keeps AMPS secrets out of {@code /actuator/env} and {@code /actuator/configprops}, even with
 * {@code show-values: always}: {@code amps.password} and {@code amps.clients.<name>.password}
 * are masked whole; in the value of any other property, of any property source (a
 * {@code sun.java.command} system property, {@code SPRING_APPLICATION_JSON}, command-line
 * arguments, an {@code AMPS_URI} environment variable...), every configured AMPS password and
 * the password of every URI with user-info is replaced by {@value AmpsUriSanitizer#MASK}, the
 * rest of the value staying readable.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class AmpsActuatorAutoConfiguration {

	@Bean
	SanitizingFunction ampsSanitizingFunction(Environment environment) {
		// Collected once: the endpoints call the function for every property they show.
		AmpsSecrets secrets = AmpsSecrets.of(environment);
		return (data) -> sanitize(data, secrets);
	}

	static SanitizableData sanitize(SanitizableData data, AmpsSecrets secrets) {
		Object value = data.getValue();
		if (value == null) {
			return data;
		}
		if (isAmpsPassword(data.getKey())) {
			return data.withValue(AmpsUriSanitizer.MASK);
		}
		if (value instanceof CharSequence text) {
			String original = text.toString();
			String masked = secrets.mask(original);
			return masked.equals(original) ? data : data.withValue(masked);
		}
		return data;
	}

	private static boolean isAmpsPassword(String key) {
		String name = key.toLowerCase(Locale.ROOT).replace('_', '.');
		return (name.startsWith("amps.") || name.contains(".amps.")) && name.endsWith("password");
	}

}
