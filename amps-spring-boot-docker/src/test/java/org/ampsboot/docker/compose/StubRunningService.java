package org.ampsboot.docker.compose;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ampsboot.test.AmpsTestServer;

import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;

/**
 * A {@link RunningService} as Spring Boot's Docker Compose support would report it, without
 * Docker: an image, a host, container ports mapped to host ports, and labels.
 */
record StubRunningService(String name, ImageReference image, String host, ConnectionPorts ports,
		Map<String, String> labels) implements RunningService {

	static StubRunningService of(String image, String host, int containerPort, int hostPort) {
		return new StubRunningService("amps", ImageReference.of(image), host,
				new MappedPorts(Map.of(containerPort, hostPort)), Map.of());
	}

	static StubRunningService on(AmpsTestServer server, String image) {
		return of(image, server.host(), 9007, server.port());
	}

	StubRunningService withLabel(String key, String value) {
		Map<String, String> labels = new HashMap<>(this.labels);
		labels.put(key, value);
		return new StubRunningService(this.name, this.image, this.host, this.ports, Map.copyOf(labels));
	}

	@Override
	public Map<String, String> env() {
		return Map.of();
	}

	record MappedPorts(Map<Integer, Integer> mappings) implements ConnectionPorts {

		@Override
		public int get(int containerPort) {
			Integer hostPort = this.mappings.get(containerPort);
			if (hostPort == null) {
				throw new IllegalStateException("No host port for container port " + containerPort);
			}
			return hostPort;
		}

		@Override
		public List<Integer> getAll() {
			return List.copyOf(this.mappings.values());
		}

		@Override
		public List<Integer> getAll(String protocol) {
			return getAll();
		}

	}

}
