package org.ampsboot.test;

import java.time.Duration;

import com.crankuptheamps.client.Client;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

@SpringJUnitConfig(EmbeddedAmpsSpringTest.Config.class)
@EmbeddedAmps
class EmbeddedAmpsSpringTest {

	@Autowired
	private AmpsTestServer server;

	@Autowired
	private ConfigurableEnvironment environment;

	@Autowired
	private UriHolder uriHolder;

	@Test
	void serverIsABeanAndItsUriIsTheAmpsUriPropertyWithHighestPrecedence() {
		assertThat(this.environment.getProperty("amps.uri")).isEqualTo(this.server.uri());
		assertThat(this.environment.getPropertySources().iterator().next().getName()).isEqualTo("embeddedAmps");
		assertThat(this.uriHolder.uri()).isEqualTo(this.server.uri());
	}

	@Test
	void parametersResolveToTheServerOfTheApplicationContext(AmpsTestServer parameter,
			@Autowired AmpsTestServer autowired) {
		assertThat(parameter).isSameAs(this.server).isSameAs(autowired);
	}

	@Test
	void realClientConnectsThroughTheProperty() throws Exception {
		try (Client client = new Client("spring-app")) {
			client.connect(this.environment.getProperty("amps.uri"));
			client.logon(5000);
			assertThat(this.server.awaitLogon(Duration.ofSeconds(5)).clientName()).isEqualTo("spring-app");
		}
	}

	@Nested
	class NestedTests {

		@Test
		void nestedClassSharesTheCachedContextAndItsServer(AmpsTestServer parameter, ApplicationContext context) {
			assertThat(parameter).isSameAs(context.getBean(AmpsTestServer.class));
			assertThat(context.getEnvironment().getProperty("amps.uri")).isEqualTo(parameter.uri());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

		@Bean
		UriHolder uriHolder(@Value("${amps.uri}") String uri) {
			return new UriHolder(uri);
		}

	}

	record UriHolder(String uri) {
	}

}
