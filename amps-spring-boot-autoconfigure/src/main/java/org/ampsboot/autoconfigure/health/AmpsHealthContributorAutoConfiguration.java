package org.ampsboot.autoconfigure.health;

import com.crankuptheamps.client.Client;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import org.ampsboot.autoconfigure.AmpsAutoConfiguration;
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

	@Bean
	@ConditionalOnMissingBean(name = "ampsHealthIndicator")
	AmpsHealthIndicator ampsHealthIndicator(Client client) {
		return new AmpsHealthIndicator(client);
	}

}
