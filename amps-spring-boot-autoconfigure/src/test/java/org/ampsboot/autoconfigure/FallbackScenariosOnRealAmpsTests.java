package org.ampsboot.autoconfigure;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The scenarios of {@link FallbackScenarios} against a real AMPS, whose URI (with JSON as its
 * message type, for example {@code tcp://host:9007/amps/json}) is in the environment variable
 * {@code AMPS_URI}. Skipped when it is not set.
 */
@EnabledIfEnvironmentVariable(named = "AMPS_URI", matches = ".+")
class FallbackScenariosOnRealAmpsTests extends FallbackScenarios {

	@Override
	String uri() {
		return System.getenv("AMPS_URI");
	}

}
