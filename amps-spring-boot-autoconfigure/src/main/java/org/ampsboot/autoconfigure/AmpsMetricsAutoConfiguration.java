package org.ampsboot.autoconfigure;

import com.crankuptheamps.client.Client;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;

import org.ampsboot.autoconfigure.metrics.AmpsClientMetrics;
import org.ampsboot.autoconfigure.metrics.MicrometerAmpsInstrumentation;
import org.ampsboot.observation.AmpsListenerObservationConvention;
import org.ampsboot.observation.AmpsPublishObservationConvention;

/**
 * Micrometer metrics and observations for the AMPS client, its fallback handlers, listeners
 * and template, when Micrometer and a {@link MeterRegistry} are present.
 */
@AutoConfiguration(after = { AmpsAutoConfiguration.class, MetricsAutoConfiguration.class,
		CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
		ObservationAutoConfiguration.class })
@ConditionalOnClass({ Client.class, MeterRegistry.class, ObservationRegistry.class })
@ConditionalOnBean(MeterRegistry.class)
public final class AmpsMetricsAutoConfiguration {

	@Bean
	MicrometerAmpsInstrumentation ampsInstrumentation(MeterRegistry meterRegistry,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<AmpsProperties> properties,
			ObjectProvider<AmpsListenerObservationConvention> listenerConvention,
			ObjectProvider<AmpsPublishObservationConvention> publishConvention) {
		return new MicrometerAmpsInstrumentation(meterRegistry, observationRegistry.getIfUnique(),
				observeListeners(properties.getIfAvailable()), listenerConvention.getIfUnique(),
				publishConvention.getIfUnique());
	}

	private static boolean observeListeners(AmpsProperties properties) {
		return properties != null && properties.getListener().isObservationEnabled();
	}

	@Bean
	@ConditionalOnBean(Client.class)
	AmpsClientMetrics ampsClientMetrics(ConfigurableListableBeanFactory beanFactory) {
		return new AmpsClientMetrics(java.util.Arrays.stream(beanFactory.getBeanNamesForType(Client.class))
			.map((name) -> beanFactory.getBean(name, Client.class))
			.toList());
	}

}
