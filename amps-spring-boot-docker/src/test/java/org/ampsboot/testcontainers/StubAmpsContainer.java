package org.ampsboot.testcontainers;

import org.ampsboot.test.AmpsTestServer;

/**
 * An {@link AmpsContainer} that never talks to Docker: it reports itself running, with the AMPS
 * port mapped to the given host and port (an {@link AmpsTestServer}'s, for tests that connect).
 */
class StubAmpsContainer extends AmpsContainer {

	static final String IMAGE = "registry.example.com/acme/amps:5.3.5";

	private final String host;

	private final int port;

	private Runnable onStop = () -> {
	};

	StubAmpsContainer(String host, int port) {
		super(IMAGE);
		this.host = host;
		this.port = port;
	}

	static StubAmpsContainer on(AmpsTestServer server) {
		return new StubAmpsContainer(server.host(), server.port());
	}

	/** A stub whose {@link #stop()} closes the server, as stopping a real container ends AMPS. */
	static StubAmpsContainer owning(AmpsTestServer server) {
		StubAmpsContainer container = on(server);
		container.onStop = server::close;
		return container;
	}

	@Override
	public String getHost() {
		return this.host;
	}

	@Override
	public Integer getMappedPort(int originalPort) {
		if (originalPort != AMPS_PORT) {
			throw new IllegalArgumentException("Only the AMPS port is mapped, not " + originalPort);
		}
		return this.port;
	}

	@Override
	public String getDockerImageName() {
		return IMAGE;
	}

	@Override
	public boolean isRunning() {
		return true;
	}

	@Override
	public void start() {
		throw new AssertionError("A running container is never started again");
	}

	@Override
	public void stop() {
		this.onStop.run();
	}

}
