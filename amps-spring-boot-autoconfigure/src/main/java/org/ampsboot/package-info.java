/**
 * The public contract of amps-spring-boot: fallback handlers for messages that the AMPS client
 * cannot route.
 */
package org.ampsboot;
