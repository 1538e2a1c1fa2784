/**
 * Spring test support of the AMPS test server: the {@code ContextCustomizerFactory} (registered in
 * {@code META-INF/spring.factories}) that gives every application context of a test class annotated with
 * {@link org.ampsboot.test.EmbeddedAmps @EmbeddedAmps} its own {@link org.ampsboot.test.AmpsTestServer}, as a bean and
 * as the {@code amps.uri} property.
 */
package org.ampsboot.test.spring;
