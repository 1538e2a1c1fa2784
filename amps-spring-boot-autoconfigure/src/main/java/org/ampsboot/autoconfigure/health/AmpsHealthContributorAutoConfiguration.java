package org.ampsboot.autoconfigure.health;

import com.crankuptheamps.client.Client;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;

import org.ampsboot.autoconfigure.AmpsAutoConfiguration;
import org.ampsboot.autoconfigure.client.AmpsReaderMonitor;
import org.ampsboot.health.AmpsHealthIndicator;

/**
 * The {@code amps} health indicator, when Spring Boot's health support is present and
 * {@code management.health.amps.enabled} is not false.
 */
@AutoConfiguration(after = AmpsAutoConfiguration.class)
@ConditionalOnClass({ Client.class, HealthIndicator.class })
@ConditionalOnBean(Client.class)
@ConditionalOnEnabledHealthIndicator("amps")
public final class AmpsHealthContributorAutoConfiguration {

	private static final String SINGLE_CLIENT = "ampsClient";

	/**
	 * One indicator for a single client; with named clients, a composite with one indicator
	 * per client, keyed by the client's name in {@code amps.clients} ({@code default} for the
	 * single client, the bean name for a client the application defined). Every client has an
	 * entry: when a named client is called {@code default}, the single client's entry is
	 * {@code ampsClient}.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "ampsHealthContributor")
	HealthContributor ampsHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		Map<String, HealthContributor> indicators = new LinkedHashMap<>();
		String single = null;
		for (String name : beanFactory.getBeanNamesForType(Client.class)) {
			if (SINGLE_CLIENT.equals(name)) {
				single = name;
			}
			else {
				put(indicators, name, beanFactory);
			}
		}
		if (single != null) {
			// After the named clients: a named client called "default" keeps its name.
			put(indicators, single, beanFactory);
		}
		return (indicators.size() == 1) ? indicators.values().iterator().next()
				: CompositeHealthContributor.fromMap(indicators);
	}

	/** Each client under its key, or, when another client has that key already, its bean name. */
	private static void put(Map<String, HealthContributor> indicators, String beanName,
			ConfigurableListableBeanFactory beanFactory) {
		String key = key(beanName);
		indicators.put(indicators.containsKey(key) ? beanName : key,
				indicator(beanFactory.getBean(beanName, Client.class)));
	}

	private static AmpsHealthIndicator indicator(Client client) {
		AmpsReaderMonitor monitor = AmpsReaderMonitor.of(client);
		return (monitor != null) ? new AmpsHealthIndicator(client, monitor::problem) : new AmpsHealthIndicator(client);
	}

	private static String key(String beanName) {
		if (SINGLE_CLIENT.equals(beanName)) {
			return "default";
		}
		if (beanName.startsWith("amps.") && beanName.endsWith(".client")) {
			return beanName.substring("amps.".length(), beanName.length() - ".client".length());
		}
		return beanName;
	}

}
