package org.ampsboot.autoconfigure;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.ampsboot.AmpsUnexpectedMessage;
import org.ampsboot.LastChanceMessageHandler;
import org.ampsboot.autoconfigure.client.AmpsClientLifecycle;
import org.ampsboot.autoconfigure.fallback.UnexpectedMessageMethod;
import org.ampsboot.autoconfigure.listener.AmpsAnnotationProcessor;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link AmpsAutoConfiguration}, without connecting ({@code amps.auto-startup=false}).
 */
class AmpsAutoConfigurationTests {

	private static final String URI = "tcp://amps-a.example.test:9007/amps/json";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AmpsAutoConfiguration.class))
		.withPropertyValues("amps.auto-startup=false");

	@Test
	void buildsHaClientFromProperties() {
		this.contextRunner.withPropertyValues("amps.uri=" + URI, "amps.client-name=orders-1").run((context) -> {
			assertThat(context).hasSingleBean(HAClient.class).hasSingleBean(AmpsClientLifecycle.class);
			HAClient client = context.getBean(HAClient.class);
			assertThat(client.getName()).isEqualTo("orders-1");
			assertThat(client.getServerChooser().getCurrentURI()).isEqualTo(URI);
			assertThat(context.getBean(AmpsClientLifecycle.class).isAutoStartup()).isFalse();
		});
	}

	@Test
	void severalUrisFromACommaSeparatedStringMeanFailoverInThatOrder() {
		this.contextRunner.withPropertyValues("amps.uri=" + URI + ", tcp://amps-b.example.test:9008/amps/json")
			.run((context) -> assertThat(context.getBean(AmpsConnectionDetails.class).getUris())
				.containsExactly(URI, "tcp://amps-b.example.test:9008/amps/json"));
	}

	@Test
	void severalUrisFromAList() {
		this.contextRunner.withPropertyValues("amps.uri[0]=" + URI, "amps.uri[1]=tcp://amps-b.example.test:9008/amps/json")
			.run((context) -> {
				assertThat(context.getBean(AmpsConnectionDetails.class).getUris())
					.containsExactly(URI, "tcp://amps-b.example.test:9008/amps/json");
				assertThat(context.getBean(HAClient.class).getServerChooser().getCurrentURI()).isEqualTo(URI);
			});
	}

	@Test
	void defaultClientNameComesFromTheApplicationNameAndDiffersPerContext() {
		ApplicationContextRunner runner = this.contextRunner.withPropertyValues("amps.uri=" + URI,
				"spring.application.name=order-router");
		String[] names = new String[2];
		runner.run((context) -> names[0] = context.getBean(HAClient.class).getName());
		runner.run((context) -> names[1] = context.getBean(HAClient.class).getName());
		assertThat(names[0]).startsWith("order-router-").contains("-" + ProcessHandle.current().pid() + "-");
		assertThat(names[1]).startsWith("order-router-");
		assertThat(names[0]).isNotEqualTo(names[1]);
	}

	@Test
	void defaultClientNameKeepsOnlyCharactersSafeInAnAmpsClientName() {
		this.contextRunner.withPropertyValues("amps.uri=" + URI, "spring.application.name=Order router/EU:v2.1_x-y")
			.run((context) -> assertThat(context.getBean(HAClient.class).getName())
				.startsWith("Order_router_EU_v2.1_x-y-")
				.matches("[A-Za-z0-9._-]+"));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnClient() {
		this.contextRunner.withPropertyValues("amps.uri=" + URI)
			.withUserConfiguration(OwnClientConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(Client.class).doesNotHaveBean(AmpsClientLifecycle.class);
				assertThat(context.getBean(Client.class).getName()).isEqualTo("mine");
			});
	}

	@Test
	void disabledByProperty() {
		this.contextRunner.withPropertyValues("amps.uri=" + URI, "amps.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Client.class)
				.doesNotHaveBean(AmpsConnectionDetails.class)
				.doesNotHaveBean(AmpsClientLifecycle.class));
	}

	@Test
	void connectionDetailsBeanReplacesTheProperty() {
		this.contextRunner.withBean(AmpsConnectionDetails.class, () -> () -> List.of("tcp://10.0.0.1:9007/amps/json"))
			.run((context) -> {
				assertThat(context).hasSingleBean(AmpsConnectionDetails.class)
					.doesNotHaveBean(PropertiesAmpsConnectionDetails.class);
				assertThat(context.getBean(HAClient.class).getServerChooser().getCurrentURI())
					.isEqualTo("tcp://10.0.0.1:9007/amps/json");
			});
	}

	@Test
	void collectsBothFallbackStylesIncludingProxiedBeansAndMetaAnnotations() {
		this.contextRunner.withPropertyValues("amps.uri=" + URI)
			.withUserConfiguration(FallbackConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(LastChanceMessageHandler.class)).hasSize(1);
				List<UnexpectedMessageMethod> methods = context.getBean(AmpsAnnotationProcessor.class)
					.getMethods();
				assertThat(methods).map(Object::toString)
					.containsExactly("@AmpsUnexpectedMessage " + ProxiedAudit.class.getName() + ".audit(Message, Client)",
							"@AmpsUnexpectedMessage " + MetaAnnotatedAudit.class.getName() + ".record(Message)");
				assertThat(context.getBean(ProxiedAudit.class).getClass()).isNotEqualTo(ProxiedAudit.class);
			});
	}

	@Test
	void annotatedMethodWithAParameterTheStarterCannotSupplyFailsStartup() {
		this.contextRunner.withPropertyValues("amps.uri=" + URI)
			.withBean(BadSignature.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				AmpsStartupException cause = findCause(failure);
				assertThat(cause.getMessage()).contains(BadSignature.class.getName() + ".onUnexpected(Message, String)")
					.contains("parameter 1 (java.lang.String)");
				assertThat(cause.getAction()).contains(Message.class.getName()).contains(Client.class.getName());
			});
	}

	@Test
	void missingUriFailsStartupNamingTheProperty() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(findCause(context.getStartupFailure())).hasMessageContaining("amps.uri is not set");
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			http://amps-a.example.test:9007/amps/json      | unknown scheme 'http'
			tcp://127.0.0.1/amps/json             | it has no port
			tcp://:9007/amps/json                 | it has no host
			tcp://amps-a.example.test:9007                  | no protocol and message type path
			tcp://amps-a.example.test:9007/                 | no protocol and message type path
			tcp://amps-a.example.test:9007/amps/json/extra  | is not /<protocol>/<message type>
			amps-a.example.test:9007/amps/json              | it has no scheme
			tcp://bob:s3cret pw@host:9007/amps/json | it is not a URI
			""")
	void invalidUriFailsStartupWithAnAnalysisNamingThePropertyAndValue(String uri, String problem) {
		this.contextRunner.withPropertyValues("amps.uri=" + uri).run((context) -> {
			assertThat(context).hasFailed();
			AmpsStartupException cause = findCause(context.getStartupFailure());
			FailureAnalysis analysis = new AmpsStartupFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).startsWith("amps.uri has an invalid value '")
				.contains(problem)
				.doesNotContain("s3cret");
			assertThat(analysis.getAction()).contains("tcp://localhost:9007/amps/json");
			assertThat(cause.getMessage()).doesNotContain("s3cret");
		});
	}

	@Test
	void invalidUriWithPasswordIsMaskedInTheMessage() {
		this.contextRunner.withPropertyValues("amps.uri=ftp://bob:hunter2@host:9007/amps/json").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(findCause(context.getStartupFailure()).getMessage())
				.contains("'ftp://bob:******@host:9007/amps/json'")
				.doesNotContain("hunter2");
		});
	}

	@Test
	void propertiesAndConnectionDetailsNeverShowThePassword() {
		this.contextRunner.withPropertyValues("amps.uri=tcp://bob:hunter2@amps-a.example.test:9007/amps/json").run((context) -> {
			assertThat(context.getBean(AmpsProperties.class).toString()).contains("bob:******@")
				.doesNotContain("hunter2");
			assertThat(context.getBean(AmpsConnectionDetails.class).toString()).doesNotContain("hunter2");
		});
	}

	@Test
	void nonPositiveFirstConnectTimeoutFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("amps.uri=" + URI, "amps.first-connect-timeout=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(findCause(context.getStartupFailure())).hasMessageContaining("amps.first-connect-timeout")
				.hasMessageContaining("PT0S");
		});
	}

	static AmpsStartupException findCause(Throwable failure) {
		Throwable candidate = failure;
		while (candidate != null) {
			if (candidate instanceof AmpsStartupException startup) {
				return startup;
			}
			candidate = candidate.getCause();
		}
		throw new AssertionError("No AmpsStartupException in the cause chain of " + failure, failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClientConfiguration {

		@Bean
		Client myClient() {
			return new Client("mine");
		}

	}

	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@AmpsUnexpectedMessage
	@interface AuditFallback {

	}

	static class ProxiedAudit {

		@AmpsUnexpectedMessage
		@Order(1)
		public void audit(Message message, Client client) {
		}

	}

	static class MetaAnnotatedAudit {

		@AuditFallback
		@Order(2)
		void record(Message message) {
		}

	}

	static class BadSignature {

		@AmpsUnexpectedMessage
		void onUnexpected(Message message, String text) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FallbackConfiguration {

		@Bean
		LastChanceMessageHandler handler() {
			return (message) -> {
			};
		}

		@Bean
		MetaAnnotatedAudit metaAnnotatedAudit() {
			return new MetaAnnotatedAudit();
		}

		@Bean
		ProxiedAudit proxiedAudit() {
			return new ProxiedAudit();
		}

		@Bean
		static BeanPostProcessor proxyingPostProcessor() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof ProxiedAudit) {
						ProxyFactory factory = new ProxyFactory(bean);
						factory.setProxyTargetClass(true);
						return factory.getProxy();
					}
					return bean;
				}
			};
		}

	}

}
