package org.ampsboot.docker.compose;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.ampsboot.autoconfigure.AmpsConnectionDetails;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;

/**
 * {@link DockerComposeConnectionDetailsFactory} that creates {@link AmpsConnectionDetails} for
 * an AMPS service of a Docker Compose file.
 * <p>
 * A service is AMPS when the last segment of its name, without registry and tag, contains
 * {@code amps} at its start or after a character that is not a letter: {@code amps},
 * {@code acme/amps-server:5.3}, {@code 60east-amps} do, {@code redis} and {@code stamps} do not.
 * The name is the value of the label {@code org.springframework.boot.service-connection} when
 * the service has it (so {@code org.springframework.boot.service-connection: amps} marks any
 * image as AMPS, and another value excludes one), otherwise its image name.
 * <p>
 * The URI is {@code tcp://<host>:<published port>/amps/<message type>}. Labels choose:
 * <ul>
 * <li>{@value #PORT_LABEL}: the container port of the transport, default
 * {@value #DEFAULT_PORT};</li>
 * <li>{@value #MESSAGE_TYPE_LABEL}: the transport's message type, default
 * {@value #DEFAULT_MESSAGE_TYPE}.</li>
 * </ul>
 */
class AmpsDockerComposeConnectionDetailsFactory extends DockerComposeConnectionDetailsFactory<AmpsConnectionDetails> {

	static final String CONNECTION_LABEL = "org.springframework.boot.service-connection";

	static final String PORT_LABEL = "org.ampsboot.amps.port";

	static final String MESSAGE_TYPE_LABEL = "org.ampsboot.amps.message-type";

	static final int DEFAULT_PORT = 9007;

	static final String DEFAULT_MESSAGE_TYPE = "json";

	private static final Pattern AMPS_NAME = Pattern.compile("(^|[^a-z])amps");

	private static final Pattern MESSAGE_TYPE = Pattern.compile("[A-Za-z0-9_.-]+");

	AmpsDockerComposeConnectionDetailsFactory() {
		super(AmpsDockerComposeConnectionDetailsFactory::isAmps);
	}

	private static boolean isAmps(DockerComposeConnectionSource source) {
		RunningService service = source.getRunningService();
		String label = service.labels().get(CONNECTION_LABEL);
		return isAmpsName((label != null) ? label : service.image().getName());
	}

	static boolean isAmpsName(String name) {
		String lastSegment = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
		int tag = lastSegment.indexOf(':');
		String repository = (tag >= 0) ? lastSegment.substring(0, tag) : lastSegment;
		return AMPS_NAME.matcher(repository).find();
	}

	@Override
	protected AmpsConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
		return new AmpsDockerComposeConnectionDetails(source.getRunningService());
	}

	/**
	 * {@link AmpsConnectionDetails} for a running AMPS service.
	 */
	static final class AmpsDockerComposeConnectionDetails extends DockerComposeConnectionDetails
			implements AmpsConnectionDetails {

		private final String uri;

		AmpsDockerComposeConnectionDetails(RunningService service) {
			super(service);
			int port = service.ports().get(containerPort(service));
			String host = service.host();
			if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
				host = "[" + host + "]";
			}
			this.uri = "tcp://" + host + ":" + port + "/amps/" + messageType(service);
		}

		private static int containerPort(RunningService service) {
			String value = service.labels().get(PORT_LABEL);
			if (value == null) {
				return DEFAULT_PORT;
			}
			try {
				int port = Integer.parseInt(value.trim());
				if (port > 0 && port <= 65535) {
					return port;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new IllegalStateException("Docker Compose service '%s': label %s is '%s', not a port number"
				.formatted(service.name(), PORT_LABEL, value));
		}

		private static String messageType(RunningService service) {
			String value = service.labels().get(MESSAGE_TYPE_LABEL);
			if (value == null) {
				return DEFAULT_MESSAGE_TYPE;
			}
			if (!MESSAGE_TYPE.matcher(value.trim()).matches()) {
				throw new IllegalStateException(
						"Docker Compose service '%s': label %s is '%s', not a message type such as 'json'"
							.formatted(service.name(), MESSAGE_TYPE_LABEL, value));
			}
			return value.trim();
		}

		@Override
		public List<String> getUris() {
			return List.of(this.uri);
		}

		@Override
		public String toString() {
			return "AmpsDockerComposeConnectionDetails[" + this.uri + "]";
		}

	}

}
