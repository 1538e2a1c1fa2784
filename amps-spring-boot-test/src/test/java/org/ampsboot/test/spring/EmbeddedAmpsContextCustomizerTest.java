package org.ampsboot.test.spring;

import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.AmpsTestServerInitializer;
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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;
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
			.isEqualTo(this.factory.createContextCustomizer(AlsoSecured.class, List.of()))
			.hasSameHashCodeAs(this.factory.createContextCustomizer(AlsoSecured.class, List.of()));
	}

	@Test
	void theSameDeclarationsOnTwoClassesMakeEqualCustomizersSoTheyShareAContext() {
		ContextCustomizer one = this.factory.createContextCustomizer(SpringOrdersOne.class, List.of());
		ContextCustomizer two = this.factory.createContextCustomizer(SpringOrdersTwo.class, List.of());
		assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
	}

	@Test
	void differentTopicsQueuesSeedsOrInitializersMakeDifferentCustomizers() {
		ContextCustomizer orders = this.factory.createContextCustomizer(SpringOrdersOne.class, List.of());
		assertThat(orders).isNotEqualTo(this.factory.createContextCustomizer(SpringOtherSeed.class, List.of()))
			.isNotEqualTo(this.factory.createContextCustomizer(OtherKeys.class, List.of()))
			.isNotEqualTo(this.factory.createContextCustomizer(WithQueue.class, List.of()))
			.isNotEqualTo(this.factory.createContextCustomizer(WithInitializer.class, List.of()))
			.isNotEqualTo(this.factory.createContextCustomizer(Annotated.class, List.of()));
	}

	@Test
	void serverIsASingletonBeanWhoseUriIsAPropertyAndWhichClosesWithTheContext() {
		int port;
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			this.factory.createContextCustomizer(Secured.class, List.of()).customizeContext(context, null);
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
	void springClassesWithTheSameDeclarationsShareOneServerSeededBeforeTheContextStartedOthersGetTheirOwn() {
		SeenAtStartup.seen.clear();
		EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(SpringOrdersOne.class), selectClass(SpringOrdersTwo.class),
					selectClass(SpringOtherSeed.class));
		System.setProperty(TEST_KIT, "true");
		try {
			kit.execute().testEvents().assertStatistics((stats) -> stats.succeeded(3).failed(0));
		}
		finally {
			System.clearProperty(TEST_KIT);
		}
		SeenAtStartup one = SeenAtStartup.seen.get(SpringOrdersOne.class);
		SeenAtStartup two = SeenAtStartup.seen.get(SpringOrdersTwo.class);
		SeenAtStartup other = SeenAtStartup.seen.get(SpringOtherSeed.class);
		assertThat(one.server()).isSameAs(two.server()).isNotSameAs(other.server());
		assertThat(one.records()).containsExactly("{\"id\":1}");
		assertThat(other.records()).containsExactly("{\"id\":2}");
	}

	@Test
	void badDeclarationsFailNamingTheAttributeAndTheTestClass() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.createContextCustomizer(BadKey.class, List.of()))
			.withMessage("@EmbeddedAmps(sowTopics[0]) on " + BadKey.class.getName() + ": SOW key path 'id' of topic "
					+ "'orders' is not an identifier such as \"/id\" or \"/order/id\"");
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.createContextCustomizer(BadLease.class, List.of()))
			.withMessage("@EmbeddedAmps(queues[0].leasePeriod) on " + BadLease.class.getName() + ": '30 seconds' is "
					+ "not a duration such as \"30s\", \"500ms\", \"2m\", \"1h\", \"1d\" or \"PT30S\"");
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.createContextCustomizer(BothWays.class, List.of()))
			.withMessageStartingWith("@EmbeddedAmps(queues[0].name) on " + BothWays.class.getName()
					+ ": topic 'orders' is declared more than once in sowTopics and queues");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.createContextCustomizer(SeedUndeclared.class, List.of()))
			.withMessage("@EmbeddedAmps(seed[0].topic) on " + SeedUndeclared.class.getName() + ": 'positions' is not "
					+ "declared in sowTopics or queues of the annotation");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.createContextCustomizer(MissingResource.class, List.of()))
			.withMessage("@EmbeddedAmps(seed[0].resource) on " + MissingResource.class.getName()
					+ ": class-path resource 'classpath:no-such.json' not found");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.createContextCustomizer(NotInstantiable.class, List.of()))
			.withMessageStartingWith("@EmbeddedAmps(initializers[0]) on " + NotInstantiable.class.getName() + ": ");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.createContextCustomizer(BadLogPattern.class, List.of()))
			.withMessageStartingWith("@EmbeddedAmps(transactionLog[1]) on " + BadLogPattern.class.getName()
					+ ": Transaction log topic 'trades[' is not a valid regular expression");
	}

	@Test
	void aSeedRecordThatAPublishWouldRefuseFailsTheContextNamingTheAttributeAndClosesTheServer() {
		ContextCustomizer customizer = this.factory.createContextCustomizer(BadRecord.class, List.of());
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			assertThatIllegalArgumentException().isThrownBy(() -> customizer.customizeContext(context, null))
				.withMessage("@EmbeddedAmps(seed[0]) on " + BadRecord.class.getName() + ": Cannot seed 'orders' with "
						+ "message 1 of 1 ({\"qty\":1}): a publish of it is refused with 'bad sow key'");
			assertThat(context.getBeanFactory().containsSingleton("ampsTestServer")).isFalse();
		}
	}

	@Test
	void theExtensionFailsAPlainClassWithBadDeclarationsNamingTheAttribute() {
		System.setProperty(TEST_KIT, "true");
		try {
			EngineTestKit.engine("junit-jupiter").selectors(selectClass(PlainBadKey.class)).execute().containerEvents()
				.assertThatEvents()
				.haveExactly(1, finishedWithFailure(instanceOf(IllegalArgumentException.class),
						message((text) -> text.startsWith("@EmbeddedAmps(sowTopics[0]) on " + PlainBadKey.class.getName()
								+ ": SOW key path 'id'"))));
		}
		finally {
			System.clearProperty(TEST_KIT);
		}
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

	@EmbeddedAmps(username = "svc", password = "pw")
	static class AlsoSecured {

	}

	@EmbeddedAmps(sowTopics = @EmbeddedAmps.SowTopic(name = "orders", keys = "/order/id"))
	static class OtherKeys {

	}

	@EmbeddedAmps(sowTopics = @EmbeddedAmps.SowTopic(name = "orders", keys = "/id"),
			queues = @EmbeddedAmps.Queue(name = "jobs", leasePeriod = "1m"), seed = @EmbeddedAmps.Seed(topic = "orders",
					records = "{\"id\":1}"))
	static class WithQueue {

	}

	@EmbeddedAmps(sowTopics = @EmbeddedAmps.SowTopic(name = "orders", keys = "/id"),
			seed = @EmbeddedAmps.Seed(topic = "orders", records = "{\"id\":1}"), initializers = Nothing.class)
	static class WithInitializer {

	}

	static class Nothing implements AmpsTestServerInitializer {

		@Override
		public void initialize(AmpsTestServer server) {
		}

	}

	@EmbeddedAmps(sowTopics = @EmbeddedAmps.SowTopic(name = "orders", keys = "id"))
	static class BadKey {

	}

	@EmbeddedAmps(transactionLog = { "orders", "trades[" })
	static class BadLogPattern {

	}

	/** Run through the test kit only. */
	@EnabledIfSystemProperty(named = TEST_KIT, matches = "true")
	@EmbeddedAmps(sowTopics = @EmbeddedAmps.SowTopic(name = "orders", keys = "id"))
	static class PlainBadKey {

		@org.junit.jupiter.api.Test
		void neverRuns() {
		}

	}

	@EmbeddedAmps(queues = @EmbeddedAmps.Queue(name = "jobs", leasePeriod = "30 seconds"))
	static class BadLease {

	}

	@EmbeddedAmps(sowTopics = @EmbeddedAmps.SowTopic(name = "orders", keys = "/id"),
			queues = @EmbeddedAmps.Queue(name = "orders", leasePeriod = "30s"))
	static class BothWays {

	}

	@EmbeddedAmps(sowTopics = @EmbeddedAmps.SowTopic(name = "orders", keys = "/id"),
			seed = @EmbeddedAmps.Seed(topic = "positions", records = "{\"id\":1}"))
	static class SeedUndeclared {

	}

	@EmbeddedAmps(sowTopics = @EmbeddedAmps.SowTopic(name = "orders", keys = "/id"),
			seed = @EmbeddedAmps.Seed(topic = "orders", resource = "classpath:no-such.json"))
	static class MissingResource {

	}

	@EmbeddedAmps(initializers = AmpsTestServerInitializer.class)
	static class NotInstantiable {

	}

	@EmbeddedAmps(sowTopics = @EmbeddedAmps.SowTopic(name = "orders", keys = "/id"),
			seed = @EmbeddedAmps.Seed(topic = "orders", records = "{\"qty\":1}"))
	static class BadRecord {

	}

	/** What the application context saw of the server while it was being refreshed. */
	record SeenAtStartup(AmpsTestServer server, List<String> records) {

		static final java.util.Map<Class<?>, SeenAtStartup> seen = new java.util.concurrent.ConcurrentHashMap<>();

	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class ReadsOrdersAtStartup {

		@org.springframework.context.annotation.Bean
		SeenAtStartup seenAtStartup(AmpsTestServer server) {
			return new SeenAtStartup(server, server.sowRecords("orders"));
		}

	}

	/** Run through the test kit only. */
	@EnabledIfSystemProperty(named = TEST_KIT, matches = "true")
	@SpringJUnitConfig(ReadsOrdersAtStartup.class)
	@EmbeddedAmps(sowTopics = @EmbeddedAmps.SowTopic(name = "orders", keys = "/id"),
			seed = @EmbeddedAmps.Seed(topic = "orders", records = "{\"id\":1}"))
	static class SpringOrdersOne {

		@org.junit.jupiter.api.Test
		void records(@org.springframework.beans.factory.annotation.Autowired SeenAtStartup seen) {
			SeenAtStartup.seen.put(getClass(), seen);
		}

	}

	/** Run through the test kit only. */
	@EnabledIfSystemProperty(named = TEST_KIT, matches = "true")
	@SpringJUnitConfig(ReadsOrdersAtStartup.class)
	@EmbeddedAmps(sowTopics = @EmbeddedAmps.SowTopic(name = "orders", keys = "/id"),
			seed = @EmbeddedAmps.Seed(topic = "orders", records = "{\"id\":1}"))
	static class SpringOrdersTwo {

		@org.junit.jupiter.api.Test
		void records(@org.springframework.beans.factory.annotation.Autowired SeenAtStartup seen) {
			SeenAtStartup.seen.put(getClass(), seen);
		}

	}

	/** Run through the test kit only. */
	@EnabledIfSystemProperty(named = TEST_KIT, matches = "true")
	@SpringJUnitConfig(ReadsOrdersAtStartup.class)
	@EmbeddedAmps(sowTopics = @EmbeddedAmps.SowTopic(name = "orders", keys = "/id"),
			seed = @EmbeddedAmps.Seed(topic = "orders", records = "{\"id\":2}"))
	static class SpringOtherSeed {

		@org.junit.jupiter.api.Test
		void records(@org.springframework.beans.factory.annotation.Autowired SeenAtStartup seen) {
			SeenAtStartup.seen.put(getClass(), seen);
		}

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
