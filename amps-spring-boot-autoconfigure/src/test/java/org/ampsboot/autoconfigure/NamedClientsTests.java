package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.AmpsUnexpectedMessage;
import org.ampsboot.autoconfigure.health.AmpsHealthContributorAutoConfiguration;
import org.ampsboot.test.AmpsTestServer;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several AMPS clients in one application: the single client under {@code amps} and named
 * clients under {@code amps.clients.<name>}, each with its own server, beans and handlers, and
 * nothing crossing between them.
 */
class NamedClientsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private AmpsTestServer orders;

	private AmpsTestServer market;

	@BeforeEach
	void startServers() {
		this.orders = new AmpsTestServer().start();
		this.market = new AmpsTestServer().start();
	}

	@AfterEach
	void stopServers() {
		this.orders.close();
		this.market.close();
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class,
					AmpsHealthContributorAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + this.orders.uri(), "amps.client-name=orders-client",
					"amps.clients.market.uri=" + this.market.uri(), "amps.clients.market.client-name=market-client");
	}

	static class Handlers {

		final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

		@AmpsListener(topic = "prices")
		void defaultClient(String payload) {
			this.seen.add("default:" + payload);
		}

		@AmpsListener(topic = "prices", client = "market")
		void marketClient(String payload) {
			this.seen.add("market:" + payload);
		}

		@AmpsUnexpectedMessage
		void everyClient(Message message, Client client) {
			this.seen.add("fallback-all:" + client.getName() + ":" + message.getReasonText());
		}

		@AmpsUnexpectedMessage(client = "market")
		void marketOnly(Message message) {
			this.seen.add("fallback-market:" + message.getReasonText());
		}

		String next() throws InterruptedException {
			String next = this.seen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(next).as("a delivery").isNotNull();
			return next;
		}

	}

	static class QualifiedUser {

		final HAClient market;

		final AmpsTemplate marketTemplate;

		final HAClient single;

		QualifiedUser(@Qualifier("market") HAClient market, @Qualifier("market") AmpsTemplate marketTemplate,
				HAClient single) {
			this.market = market;
			this.marketTemplate = marketTemplate;
			this.single = single;
		}

	}

	@Test
	void eachClientHasItsOwnServerBeansAndListenersAndNothingCrosses() {
		contextRunner().withBean(Handlers.class).withBean(QualifiedUser.class).run((context) -> {
			assertThat(context).hasNotFailed();
			QualifiedUser user = context.getBean(QualifiedUser.class);
			assertThat(user.single.getName()).isEqualTo("orders-client");
			assertThat(user.market.getName()).isEqualTo("market-client");
			assertThat(context.getBean(AmpsTemplate.class).getClient()).isSameAs(user.single);
			assertThat(user.marketTemplate.getClient()).isSameAs(user.market);
			assertThat(this.orders.connections()).extracting((connection) -> connection.clientName())
				.containsExactly("orders-client");
			assertThat(this.market.connections()).extracting((connection) -> connection.clientName())
				.containsExactly("market-client");

			Handlers handlers = context.getBean(Handlers.class);
			context.getBean(AmpsTemplate.class).publish("prices", "{\"p\":1}");
			assertThat(handlers.next()).isEqualTo("default:{\"p\":1}");
			user.marketTemplate.publish("prices", "{\"p\":2}");
			assertThat(handlers.next()).isEqualTo("market:{\"p\":2}");
			assertThat(handlers.seen.poll(200, TimeUnit.MILLISECONDS)).as("nothing crossed").isNull();

			context.getBean(AmpsTemplate.class).publish("prices", "{\"bad\":");
			assertThat(handlers.next()).isEqualTo("fallback-all:orders-client:parse error");
			user.marketTemplate.publish("prices", "{\"bad\":");
			assertThat(java.util.List.of(handlers.next(), handlers.next())).containsExactlyInAnyOrder(
					"fallback-all:market-client:parse error", "fallback-market:parse error");
			assertThat(handlers.seen.poll(200, TimeUnit.MILLISECONDS)).isNull();
		});
	}

	@Test
	void healthHasOneEntryPerClient() {
		contextRunner().run((context) -> {
			HealthContributor contributor = context.getBean("ampsHealthContributor", HealthContributor.class);
			assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
			CompositeHealthContributor composite = (CompositeHealthContributor) contributor;
			assertThat(((HealthIndicator) composite.getContributor("default")).health(true).getStatus())
				.isEqualTo(Status.UP);
			assertThat(((HealthIndicator) composite.getContributor("market")).health(true).getDetails())
				.containsEntry("clientName", "market-client");
		});
	}

	@Test
	void eachClientHasItsOwnLifecycle() {
		contextRunner().withPropertyValues("amps.clients.market.auto-startup=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(this.orders.connections()).hasSize(1);
			assertThat(this.market.connections()).isEmpty();
		});
	}

	@Test
	void onlyNamedClientsMeansNoSingleClient() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class))
			.withPropertyValues("amps.clients.a.uri=" + this.orders.uri(), "amps.clients.b.uri=" + this.market.uri())
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("ampsClient").hasBean("amps.a.client").hasBean("amps.b.client");
				assertThat(context.getBeansOfType(AmpsTemplate.class)).hasSize(2);
			});
	}

	static class Misnamed {

		@AmpsListener(topic = "t", client = "markte")
		void listen(String payload) {
		}

	}

	@Test
	void aListenerNamingAnUnknownClientFailsStartup() {
		contextRunner().withBean(Misnamed.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(AmpsAutoConfigurationTests.findCause(context.getStartupFailure()))
				.hasMessageContaining("names client 'markte', but there is no amps.clients.markte (configured: market)");
		});
	}

	@Test
	void aNamedClientsInvalidPropertyIsNamedWithItsPrefix() {
		contextRunner().withPropertyValues("amps.clients.market.heartbeat.interval=1500ms").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(AmpsAutoConfigurationTests.findCause(context.getStartupFailure()))
				.hasMessageContaining("amps.clients.market.heartbeat.interval is PT1.5S");
		});
	}

}
