package org.ampsboot.test.spring;

import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.EmbeddedAmps;
import org.ampsboot.test.LogCapture;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.net.ConnectException;
import java.net.Socket;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class EmbeddedAmpsContextCustomizerTest {

	private static final String TEST_KIT = "org.ampsboot.test.testkit";

	private final EmbeddedAmpsContextCustomizerFactory factory = new EmbeddedAmpsContextCustomizerFactory();

	@Test
	void factoryIsRegisteredInSpringFactories() {
		List<ContextCustomizerFactory> factories = SpringFactoriesLoader.loadFactories(ContextCustomizerFactory.class,
				getClass().getClassLoader());
		assertThat(factories).hasAtLeastOneElementOfType(EmbeddedAmpsContextCustomizerFactory.class);
	}

	@Test
	void classesWithoutTheAnnotationGetNoCustomizer() {
		assertThat(this.factory.createContextCustomizer(Plain.class, List.of())).isNull();
	}

	@Test
	void annotationIsFoundDirectlyAsMetaAnnotationAndOnEnclosingClasses() {
		ContextCustomizer direct = this.factory.createContextCustomizer(Annotated.class, List.of());
		ContextCustomizer meta = this.factory.createContextCustomizer(MetaAnnotated.class, List.of());
		ContextCustomizer nested = this.factory.createContextCustomizer(Annotated.Inner.class, List.of());
		assertThat(direct).isNotNull().isEqualTo(meta).isEqualTo(nested).hasSameHashCodeAs(meta);
	}

	@Test
	void customizersWithDifferentCredentialsAreNotEqual() {
		ContextCustomizer plain = this.factory.createContextCustomizer(Annotated.class, List.of());
		ContextCustomizer secured = this.factory.createContextCustomizer(Secured.class, List.of());
		assertThat(secured).isNotEqualTo(plain)
			.isEqualTo(new EmbeddedAmpsContextCustomizer("svc", "pw"))
			.hasSameHashCodeAs(new EmbeddedAmpsContextCustomizer("svc", "pw"));
	}

	@Test
	void serverIsASingletonBeanWhoseUriIsAPropertyAndWhichClosesWithTheContext() {
		int port;
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			new EmbeddedAmpsContextCustomizer("svc", "pw").customizeContext(context, null);
			context.refresh();
			AmpsTestServer server = context.getBean(AmpsTestServer.class);
			port = server.port();
			assertThat(context.getBeanNamesForType(AmpsTestServer.class)).containsExactly("ampsTestServer");
			assertThat(context.getEnvironment().getProperty("amps.uri")).isEqualTo(server.uri("svc", "pw"))
				.startsWith("tcp://svc:pw@127.0.0.1:");
		}
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> new Socket("127.0.0.1", port).close());
	}

	@Test
	void springTestWithEmbeddedAmpsGetsOneServerFromTheContextNotASecondFromTheExtension() {
		try (LogCapture logs = new LogCapture(ch.qos.logback.classic.Level.DEBUG)) {
			runWithTestKit(SpringCase.class)
				.assertStatistics((stats) -> stats.succeeded(1).failed(0));
			assertThat(logs.events()).filteredOn((event) -> event.getFormattedMessage().contains("listening at"))
				.hasSize(1);
		}
	}

	@Test
	void extensionClosesTheServerAfterTheAnnotatedClass() {
		runWithTestKit(PlainCase.class)
			.assertStatistics((stats) -> stats.succeeded(1).failed(0));
		assertThat(PlainCase.port).isPositive();
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> new Socket("127.0.0.1", PlainCase.port).close());
	}

	private static org.junit.platform.testkit.engine.Events runWithTestKit(Class<?> testClass) {
		System.setProperty(TEST_KIT, "true");
		try {
			return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
		}
		finally {
			System.clearProperty(TEST_KIT);
		}
	}

	static class Plain {

	}

	@EmbeddedAmps
	static class Annotated {

		class Inner {

		}

	}

	@Retention(RetentionPolicy.RUNTIME)
	@EmbeddedAmps
	@interface AmpsTest {

	}

	@AmpsTest
	static class MetaAnnotated {

	}

	@EmbeddedAmps(username = "svc", password = "pw")
	static class Secured {

	}

	/** Run through the test kit only. */
	@EnabledIfSystemProperty(named = TEST_KIT, matches = "true")
	@SpringJUnitConfig
	@EmbeddedAmps(username = "kit", password = "kit")
	static class SpringCase {

		@org.junit.jupiter.api.Test
		void resolvesTheBean(AmpsTestServer server, org.springframework.context.ApplicationContext context) {
			assertThat(server).isSameAs(context.getBean(AmpsTestServer.class));
		}

	}

	/** Run through the test kit only. */
	@EnabledIfSystemProperty(named = TEST_KIT, matches = "true")
	@EmbeddedAmps
	static class PlainCase {

		static int port;

		@org.junit.jupiter.api.Test
		void runs(AmpsTestServer server) {
			port = server.port();
		}

	}

}
