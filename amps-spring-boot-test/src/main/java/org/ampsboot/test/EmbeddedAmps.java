package org.ampsboot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an {@link AmpsTestServer} for the annotated test class.
 *
 * <p>In a plain JUnit 5 test, {@link AmpsTestServerExtension} starts one server before all tests of the class
 * (shared with its {@code @Nested} classes), injects it into any {@code AmpsTestServer} parameter of a test
 * method, lifecycle method or constructor, and closes it after all tests.
 *
 * <p>In a Spring test (one that uses {@code SpringExtension}, for example through {@code @SpringBootTest} or
 * {@code @SpringJUnitConfig}), the server belongs to the application context instead: one server per
 * context, registered as a bean (so {@code @Autowired AmpsTestServer server} works), closed with the
 * context, and its URI set as the {@code amps.uri} property with the highest precedence. The extension then
 * resolves {@code AmpsTestServer} parameters from that context and starts no server of its own.
 *
 * <p>The server is set up before any test runs or, in a Spring test, before the application context is refreshed,
 * so that the application's {@code sow_and_subscribe} listeners start on declared topics and read seeded records:
 * <ol>
 * <li>the {@linkplain #sowTopics() SOW topics} and {@linkplain #queues() queues} are declared;</li>
 * <li>the {@linkplain #seed() seed} records are stored, in order, as publishes of them would be
 * ({@link AmpsTestServer#seed(String, String...)});</li>
 * <li>the server is started;</li>
 * <li>the {@linkplain #initializers() initializers} run, in order, for anything else.</li>
 * </ol>
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;EmbeddedAmps(sowTopics = &#64;EmbeddedAmps.SowTopic(name = "orders", keys = "/id"),
 *         queues = &#64;EmbeddedAmps.Queue(name = "jobs", leasePeriod = "30s"),
 *         seed = &#64;EmbeddedAmps.Seed(topic = "orders", resource = "classpath:orders.json"))
 * class OrdersApplicationTests {
 * }
 * </pre>
 *
 * <p>Every attribute is part of a Spring test's context cache key: test classes with the same declarations share
 * a context (and its server), classes with different ones get their own. A bad value (a key path that does not
 * start with {@code /}, a lease period that cannot be read, a topic declared both as a SOW topic and as a queue, a
 * seed for an undeclared topic) fails the test class with a message that names the attribute and the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AmpsTestServerExtension.class)
public @interface EmbeddedAmps {

	/** The user name the server requires at logon; empty (the default) for no credentials check. */
	String username() default "";

	/** The password the server requires at logon, together with {@link #username()}. */
	String password() default "";

	/** State of the World topics to declare, as {@link AmpsTestServer#sowTopic(String, String...)} does. */
	SowTopic[] sowTopics() default {};

	/** Message queues to declare, as {@link AmpsTestServer#queue(String, java.time.Duration)} does. */
	Queue[] queues() default {};

	/**
	 * Topics whose publishes the server records in its transaction log, as
	 * {@link AmpsTestServer#transactionLog(String...)} does: names, or regular expressions. Declared before the
	 * records are seeded, so that seeded records on such topics are recorded too and a bookmark subscription can
	 * replay them.
	 */
	String[] transactionLog() default {};

	/**
	 * Records to put into declared SOW topics or queues before the application starts, in order, as
	 * {@link AmpsTestServer#seed(String, String...)} does.
	 */
	Seed[] seed() default {};

	/**
	 * Callbacks that set the server up further once it is started and before any test (or the application context)
	 * uses it; each needs a no-argument constructor. They run in order, after the declarations and the seed.
	 */
	Class<? extends AmpsTestServerInitializer>[] initializers() default {};

	/** A State of the World topic of {@link EmbeddedAmps#sowTopics()}. */
	@Target({})
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface SowTopic {

		/** The exact topic name. */
		String name();

		/** The key fields as AMPS identifiers, for example {@code "/id"} or {@code {"/order/id", "/side"}}. */
		String[] keys();

	}

	/** A message queue of {@link EmbeddedAmps#queues()}. */
	@Target({})
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface Queue {

		/** The exact topic name. */
		String name();

		/**
		 * How long a subscriber may hold a message without acknowledging it: a positive number with a unit,
		 * {@code ms}, {@code s}, {@code m}, {@code h} or {@code d} (for example {@code "30s"}, {@code "500ms"},
		 * {@code "2m"}), or an ISO-8601 duration such as {@code "PT30S"}.
		 */
		String leasePeriod();

	}

	/** Records for one declared topic, of {@link EmbeddedAmps#seed()}. */
	@Target({})
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface Seed {

		/** A topic declared in {@link EmbeddedAmps#sowTopics()} or {@link EmbeddedAmps#queues()}. */
		String topic();

		/**
		 * A class-path resource ({@code "orders.json"} or {@code "classpath:orders.json"}, from the root of the class
		 * path) or a file ({@code "file:src/test/resources/orders.json"}) holding the records: a JSON array of
		 * messages, or JSON lines (one message per line; blank lines are skipped). Read with the test class's class
		 * loader, as UTF-8, when the server is set up.
		 */
		String resource() default "";

		/** Records given inline, each one JSON message; stored before those of {@link #resource()}. */
		String[] records() default {};

	}

}
