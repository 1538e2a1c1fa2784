/**
 * The engine of the AMPS test server: topics and messages, with no sockets. Subscriptions, the router that delivers
 * a publish to matching subscriptions, the State of the World (store, queries with {@code orderby} and
 * {@code top_n}, delta merge and difference, out-of-focus notices, expiration, {@code sow_delete}), message queues
 * with leases, and the publish history (duplicate detection, replication). Its entry point is
 * {@link org.ampsboot.test.engine.Engine}; it delivers through {@link org.ampsboot.test.engine.Subscriber} and runs
 * timers through {@link org.ampsboot.test.engine.Scheduler}, both implemented by the server. Content filters live in
 * {@code engine.filter}.
 *
 * <p>Internal: not API.
 */
package org.ampsboot.test.engine;
