/**
 * Spring Boot health support for AMPS clients.
 */
package org.ampsboot.health;
