/**
 * Testcontainers support for AMPS: {@link org.ampsboot.testcontainers.AmpsContainer}, an AMPS
 * server from an image and configuration you supply, and the connection details factory that
 * lets {@code @ServiceConnection} point the AMPS starter at it. Needs
 * {@code org.testcontainers:testcontainers} and {@code spring-boot-testcontainers} on the
 * classpath.
 */
package org.ampsboot.testcontainers;
