package org.ampsboot.autoconfigure;

import java.util.List;
import java.util.Map;

import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.Test;

import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsUnexpectedMessage;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application built with Spring AOT keeps its fallback handlers and listeners, and the AMPS
 * client can load its transports and protocols by name.
 */
class AotTests {

	record Trade(String symbol, List<Integer> fills) {
	}

	static class Handlers {

		@AmpsListener(topic = "trades")
		void onTrade(Trade trade, Map<String, Trade> byId) {
		}

		@AmpsUnexpectedMessage
		void onUnexpected(Message message) {
		}

	}

	@Test
	void aotProcessingRegistersListenerAndFallbackMethodsAndPayloadTypes() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.setEnvironment(new MockEnvironment().withProperty("amps.uri", "tcp://amps-a.example.test:9007/amps/json")
			.withProperty("amps.auto-startup", "false"));
		context.registerBean(ConfigurationPropertiesAutoConfiguration.class);
		context.registerBean(AmpsAutoConfiguration.class);
		context.registerBean(AmpsMessagingAutoConfiguration.class);
		context.registerBean(Handlers.class);
		TestGenerationContext generation = new TestGenerationContext();
		new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
		RuntimeHints hints = generation.getRuntimeHints();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Handlers.class, "onTrade")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Handlers.class, "onUnexpected"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Trade.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Trade.class, "symbol")).accepts(hints);
	}

	@Test
	void theClientsTransportsAndProtocolsAreRegisteredForReflection() throws Exception {
		List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader
			.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class);
		RuntimeHints hints = new RuntimeHints();
		registrars.forEach((registrar) -> registrar.registerHints(hints, getClass().getClassLoader()));
		for (String className : new String[] { "com.crankuptheamps.client.TCPTransport",
				"com.crankuptheamps.client.TCPSTransport", "com.crankuptheamps.client.JSONProtocol" }) {
			Class<?> type = Class.forName(className);
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(className).accepts(hints);
		}
	}

}
