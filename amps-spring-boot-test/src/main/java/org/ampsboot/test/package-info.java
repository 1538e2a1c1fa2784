/**
 * An in-process AMPS-protocol test server for tests that use the official AMPS Java client, with JUnit 5 and
 * Spring test support. A test tool, never a production broker.
 *
 * <ul>
 * <li>{@link org.ampsboot.test.AmpsTestServer}: the server, scriptable in the manner of OkHttp's
 * MockWebServer.</li>
 * <li>{@link org.ampsboot.test.Fault}: scripted failures, drops, silences and pushes.</li>
 * <li>{@link org.ampsboot.test.ServerConnection}: one client connection; it can be dropped, made silent (a
 * hung server) or sent raw bytes (malformed frames).</li>
 * <li>{@link org.ampsboot.test.SelfSignedCertificate}: test certificates for a TLS server
 * ({@link org.ampsboot.test.AmpsTestServer#useTls(javax.net.ssl.SSLContext)}) and its clients; needs
 * BouncyCastle.</li>
 * <li>{@link org.ampsboot.test.ReceivedFrame}: what a client sent.</li>
 * <li>{@link org.ampsboot.test.EmbeddedAmps} and {@link org.ampsboot.test.AmpsTestServerExtension}: one server
 * per test class (JUnit 5) or per application context (Spring, with {@code amps.uri} set);
 * {@link org.ampsboot.test.AmpsTestServerInitializer}: code that prepares it.</li>
 * </ul>
 *
 * <p>What the server implements (as 60East documents it), what it refuses loudly (a failure ack
 * {@code not supported by the AMPS test server: <what>} and one WARN line) and what it does not do: see
 * docs/test-server.md, the one reference, a section per feature.
 */
package org.ampsboot.test;
