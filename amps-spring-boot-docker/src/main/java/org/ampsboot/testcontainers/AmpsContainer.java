package org.ampsboot.testcontainers;

import java.nio.file.Path;
import java.time.Duration;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A Testcontainers container running an AMPS server from an image you supply: 60East publishes
 * no official AMPS image, so build one from your licensed AMPS distribution.
 * <p>
 * What the container expects of the image and the configuration:
 * <ul>
 * <li>The image's {@code ENTRYPOINT} runs {@code ampServer} and takes the configuration file as
 * its argument, for example {@code ENTRYPOINT ["/opt/amps/bin/ampServer"]}.
 * {@link #withAmpsConfig(MountableFile)} copies your configuration to {@value #CONFIG_PATH} and
 * sets the command (the entrypoint's argument) to that path. For an image without such an
 * entrypoint, call {@code withCommand("/opt/amps/bin/ampServer", AmpsContainer.CONFIG_PATH)}
 * after {@code withAmpsConfig}. An image that already contains its configuration and starts
 * AMPS with it needs no {@code withAmpsConfig} at all.</li>
 * <li>The configuration defines a transport with {@code <Protocol>amps</Protocol>},
 * {@code <MessageType>json</MessageType>} and {@code <InetAddr>9007</InetAddr>}
 * ({@value #AMPS_PORT}, the port this container exposes and waits for): {@link #getUri()} points
 * at {@code /amps/json} on that port.</li>
 * </ul>
 * The container is ready once {@value #AMPS_PORT} listens inside it (at most two minutes by
 * default); replace the wait strategy with {@code waitingFor(...)} to wait for a log line
 * instead, for example when your configuration logs to {@code stdout}.
 * <p>
 * With Spring Boot, annotate the container with {@code @ServiceConnection} and the AMPS starter
 * connects to it: {@code amps.uri} is then not needed. As a bean, Spring starts the container
 * before the client connects and stops it after the client has disconnected:
 *
 * <pre class="code">
 * &#64;Bean
 * &#64;ServiceConnection
 * AmpsContainer amps() {
 *     return new AmpsContainer("registry.example.com/amps:5.3.5")
 *         .withAmpsConfig(MountableFile.forClasspathResource("amps-config.xml"));
 * }
 * </pre>
 */
public class AmpsContainer extends GenericContainer<AmpsContainer> {

	/**
	 * The container port of the JSON transport: {@value}, the port in 60East's examples.
	 */
	public static final int AMPS_PORT = 9007;

	/**
	 * Where {@link #withAmpsConfig(MountableFile)} copies the configuration in the container:
	 * {@value}.
	 */
	public static final String CONFIG_PATH = "/amps/config.xml";

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

	/**
	 * Create a container for the given AMPS image.
	 * @param dockerImageName the image, for example {@code "registry.example.com/amps:5.3.5"}
	 */
	public AmpsContainer(String dockerImageName) {
		this(DockerImageName.parse(dockerImageName));
	}

	/**
	 * Create a container for the given AMPS image.
	 * @param dockerImageName the image
	 */
	public AmpsContainer(DockerImageName dockerImageName) {
		super(dockerImageName);
		withExposedPorts(AMPS_PORT);
		waitingFor(Wait.forListeningPorts(AMPS_PORT).withStartupTimeout(STARTUP_TIMEOUT));
	}

	/**
	 * Copy the AMPS configuration into the container at {@value #CONFIG_PATH} and start AMPS
	 * with it: the command becomes that path, for an image whose entrypoint is
	 * {@code ampServer}. The configuration must define a JSON transport on port
	 * {@value #AMPS_PORT}.
	 * @param config the configuration file, for example
	 * {@code MountableFile.forClasspathResource("amps-config.xml")}
	 * @return this container
	 */
	public AmpsContainer withAmpsConfig(MountableFile config) {
		withCopyToContainer(config, CONFIG_PATH);
		return withCommand(CONFIG_PATH);
	}

	/**
	 * Copy the AMPS configuration file at the given host path into the container and start AMPS
	 * with it, as {@link #withAmpsConfig(MountableFile)} does.
	 * @param config the configuration file on this machine
	 * @return this container
	 */
	public AmpsContainer withAmpsConfig(Path config) {
		return withAmpsConfig(MountableFile.forHostPath(config));
	}

	/**
	 * The URI the AMPS client connects to: {@code tcp://<host>:<mapped port>/amps/json}, the
	 * mapped port being the one of {@value #AMPS_PORT}. Only available once the container has
	 * started.
	 * @return the URI, without credentials
	 */
	public String getUri() {
		String host = getHost();
		if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
			host = "[" + host + "]";
		}
		return "tcp://" + host + ":" + getMappedPort(AMPS_PORT) + "/amps/json";
	}

}
