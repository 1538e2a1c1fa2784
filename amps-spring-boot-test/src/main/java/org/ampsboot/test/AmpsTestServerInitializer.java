package org.ampsboot.test;

/**
 * Sets up the {@link AmpsTestServer} of an {@link EmbeddedAmps @EmbeddedAmps} test once it is started and before
 * any test, or the Spring application context, uses it: named in {@link EmbeddedAmps#initializers()}, instantiated
 * through its no-argument constructor, called once per server. For what the annotation does not declare: seeding
 * computed records, scripting {@linkplain AmpsTestServer#enqueue(Fault) faults}, recording fewer frames.
 *
 * <pre class="code">
 * public class ManyOrders implements AmpsTestServerInitializer {
 *
 *     &#64;Override
 *     public void initialize(AmpsTestServer server) {
 *         for (int id = 1; id &lt;= 1000; id++) {
 *             server.seed("orders", "{\"id\":" + id + "}");
 *         }
 *     }
 * }
 *
 * &#64;EmbeddedAmps(sowTopics = &#64;EmbeddedAmps.SowTopic(name = "orders", keys = "/id"), initializers = ManyOrders.class)
 * </pre>
 *
 * <p>In a Spring test the initializer runs before the context is refreshed: it is not a bean and cannot be
 * autowired. An exception it throws fails the test class (or the context) and closes the server.
 */
@FunctionalInterface
public interface AmpsTestServerInitializer {

	/**
	 * Sets the started server up.
	 * @param server the running server, with the annotation's topics, queues and seed records in place
	 * @throws Exception to fail the test class
	 */
	void initialize(AmpsTestServer server) throws Exception;

}
