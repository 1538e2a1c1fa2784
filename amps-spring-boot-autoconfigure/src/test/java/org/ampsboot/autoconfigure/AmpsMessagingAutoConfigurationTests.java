package org.ampsboot.autoconfigure;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.HAClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import org.ampsboot.AmpsTemplate;
import org.ampsboot.autoconfigure.listener.ClientListenerContainers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which client the template and the listener container use: the auto-configured one, found by
 * its bean definition, or the application's single candidate; none when there is no single
 * candidate. No server is needed: nothing connects ({@code amps.auto-startup=false}, no
 * listeners).
 */
class AmpsMessagingAutoConfigurationTests {

	private static final String URI = "tcp://amps-a.example.test:9007/amps/json";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("amps.auto-startup=false");

	@Test
	void templateAndContainerUseTheAutoConfiguredClient() {
		this.contextRunner.withPropertyValues("amps.uri=" + URI).run((context) -> {
			assertThat(context).hasSingleBean(AmpsTemplate.class).hasSingleBean(ClientListenerContainers.class);
			assertThat(context.getBean(AmpsTemplate.class).getClient()).isSameAs(context.getBean("ampsClient"));
		});
	}

	@Test
	void theAutoConfiguredClientStaysTheCandidateBesideNamedClients() {
		this.contextRunner
			.withPropertyValues("amps.uri=" + URI, "amps.clients.reports.uri=tcp://amps-b.example.test:9008/amps/json",
					"amps.clients.reports.auto-startup=false")
			.run((context) -> {
				assertThat(context).hasBean("amps.reports.client").hasBean("amps.reports.template");
				assertThat(context.getBean("ampsTemplate", AmpsTemplate.class).getClient())
					.isSameAs(context.getBean("ampsClient"));
			});
	}

	@Test
	void templateAndContainerUseTheApplicationsOwnSingleClient() {
		this.contextRunner.withUserConfiguration(OneClient.class).run((context) -> {
			assertThat(context).doesNotHaveBean("ampsClient")
				.hasSingleBean(AmpsTemplate.class)
				.hasSingleBean(ClientListenerContainers.class);
			assertThat(context.getBean(AmpsTemplate.class).getClient()).isSameAs(context.getBean("mine"));
		});
	}

	@Test
	void templateAndContainerUseThePrimaryOfTheApplicationsClients() {
		this.contextRunner.withUserConfiguration(TwoClientsOnePrimary.class)
			.run((context) -> assertThat(context.getBean(AmpsTemplate.class).getClient())
				.isSameAs(context.getBean("primaryClient")));
	}

	@Test
	void templateAndContainerBackOffWhenTheApplicationsClientsHaveNoPrimary() {
		this.contextRunner.withUserConfiguration(TwoClients.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(AmpsTemplate.class)
				.doesNotHaveBean(ClientListenerContainers.class));
	}

	@Test
	void anApplicationBeanNamedLikeTheAutoConfiguredClientIsSearchedByTypeLikeAnyOther() {
		this.contextRunner.withUserConfiguration(TwoClientsOneNamedAmpsClient.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(AmpsTemplate.class)
				.doesNotHaveBean(ClientListenerContainers.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OneClient {

		@Bean
		Client mine() {
			return new Client("mine");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoClients {

		@Bean
		Client first() {
			return new Client("first");
		}

		@Bean
		HAClient second() {
			return new HAClient("second");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoClientsOnePrimary {

		@Bean
		@Primary
		Client primaryClient() {
			return new Client("primary");
		}

		@Bean
		Client otherClient() {
			return new Client("other");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoClientsOneNamedAmpsClient {

		@Bean
		HAClient ampsClient() {
			return new HAClient("impostor");
		}

		@Bean
		Client other() {
			return new Client("other");
		}

	}

}
