package org.ampsboot.autoconfigure;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import org.ampsboot.AmpsUriSanitizer;

/**
 * Keeps AMPS secrets out of {@code /actuator/env} and {@code /actuator/configprops}, even with
 * {@code show-values: always}: {@code amps.password} is masked, and the password in the
 * user-info of {@code amps.uri} values (and of an {@code AMPS_URI} environment variable) is
 * replaced by {@value AmpsUriSanitizer#MASK}.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class AmpsActuatorAutoConfiguration {

	@Bean
	SanitizingFunction ampsSanitizingFunction() {
		return AmpsActuatorAutoConfiguration::sanitize;
	}

	static SanitizableData sanitize(SanitizableData data) {
		String key = data.getKey().toLowerCase(Locale.ROOT).replace('_', '.');
		if (!key.startsWith("amps.") && !key.contains(".amps.")) {
			return data;
		}
		if (key.endsWith("password")) {
			return data.withValue(AmpsUriSanitizer.MASK);
		}
		if ((key.contains(".uri") || key.endsWith("uri")) && data.getValue() != null) {
			return data.withValue(AmpsUriSanitizer.sanitize(String.valueOf(data.getValue())));
		}
		return data;
	}

}
