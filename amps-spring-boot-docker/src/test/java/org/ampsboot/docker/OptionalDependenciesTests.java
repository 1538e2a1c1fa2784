package org.ampsboot.docker;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.ampsboot.autoconfigure.AmpsConnectionDetails;
import org.ampsboot.testcontainers.AmpsContainer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Testcontainers, spring-boot-testcontainers and spring-boot-docker-compose are optional: with
 * only one integration's libraries on the class path, its factory loads and the other's is
 * skipped, as Spring Boot skips any factory whose classes are missing.
 */
class OptionalDependenciesTests {

	private static final String COMPOSE_FACTORY = "org.ampsboot.docker.compose.AmpsDockerComposeConnectionDetailsFactory";

	private static final String CONTAINER_FACTORY = "org.ampsboot.testcontainers.AmpsContainerConnectionDetailsFactory";

	@Test
	void dockerComposeWorksWithoutTestcontainers() throws Exception {
		List<String> skipped = new ArrayList<>();
		assertThat(ampsFactories(skipped, DockerComposeConnectionSource.class)).containsExactly(COMPOSE_FACTORY);
		assertThat(skipped).containsExactly(CONTAINER_FACTORY);
	}

	@Test
	void testcontainersWorksWithoutDockerCompose() throws Exception {
		List<String> skipped = new ArrayList<>();
		assertThat(ampsFactories(skipped, ServiceConnection.class, org.testcontainers.containers.Container.class))
			.containsExactly(CONTAINER_FACTORY);
		assertThat(skipped).containsExactly(COMPOSE_FACTORY);
	}

	/**
	 * The AMPS factories that load from a class path of this module, the AMPS auto-configuration
	 * and Spring with only the jars of the given classes added.
	 */
	private List<String> ampsFactories(List<String> skipped, Class<?>... integration) throws Exception {
		Stream<Class<?>> base = Stream.of(AmpsContainer.class, AmpsConnectionDetails.class, SpringApplication.class,
				ConnectionDetailsFactory.class, ApplicationContext.class, SpringFactoriesLoader.class,
				org.springframework.beans.factory.BeanFactory.class, org.apache.commons.logging.Log.class,
				org.jspecify.annotations.Nullable.class);
		URL[] classPath = Stream.concat(base, Stream.of(integration))
			.map((type) -> type.getProtectionDomain().getCodeSource().getLocation())
			.distinct()
			.toArray(URL[]::new);
		try (URLClassLoader classLoader = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
			Class<?> factoryType = classLoader.loadClass(ConnectionDetailsFactory.class.getName());
			FailureHandler recordSkipped = (type, implementation, failure) -> skipped.add(implementation);
			return SpringFactoriesLoader.forDefaultResourceLocation(classLoader)
				.load(factoryType, recordSkipped)
				.stream()
				.map((factory) -> factory.getClass().getName())
				.filter((name) -> name.startsWith("org.ampsboot."))
				.toList();
		}
	}

}
