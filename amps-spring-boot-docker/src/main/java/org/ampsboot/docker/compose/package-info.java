/**
 * Spring Boot Docker Compose support for AMPS: a service whose image name names AMPS (or that
 * carries the label {@code org.springframework.boot.service-connection: amps}) becomes the
 * AMPS starter's connection. Needs {@code spring-boot-docker-compose} on the classpath.
 */
package org.ampsboot.docker.compose;
