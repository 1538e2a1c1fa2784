package org.ampsboot.sample;

import java.util.List;

import org.ampsboot.autoconfigure.AmpsConnectionDetails;
import org.ampsboot.test.AmpsTestServer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * When no {@code amps.uri} is configured (neither the property nor the {@code AMPS_URI}
 * environment variable), starts the in-process AMPS test server and points the starter at it
 * through an {@link AmpsConnectionDetails} bean. The test server is a test tool, not a broker:
 * a real application has no such configuration.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedAmpsConfiguration.NoAmpsUri.class)
class EmbeddedAmpsConfiguration {

	@Bean(destroyMethod = "close")
	AmpsTestServer ampsTestServer() {
		// AMPS adds bookmarks to the messages of topics in its transaction log: record the sample's topic so that
		// the listener's bookmark parameter has one, as it would on an AMPS that logs the topic
		return new AmpsTestServer().transactionLog("sample-orders").start();
	}

	@Bean
	AmpsConnectionDetails ampsConnectionDetails(AmpsTestServer server) {
		return () -> List.of(server.uri());
	}

	static class NoAmpsUri implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !context.getEnvironment().containsProperty("amps.uri");
		}

	}

}
