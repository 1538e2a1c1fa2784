package org.ampsboot.test;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;

import com.crankuptheamps.client.Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RegisterExtensionTest {

	@RegisterExtension
	static final AmpsTestServerExtension amps = new AmpsTestServerExtension();

	private static int port;

	@Test
	void staticFieldExtensionOwnsOneServerForTheClass(AmpsTestServer injected) throws Exception {
		assertThat(injected).isSameAs(amps.server());
		port = injected.port();
		try (Client client = Clients.connected(amps.server(), "registered")) {
			assertThat(amps.server().awaitLogon(Duration.ofSeconds(5)).clientName()).isEqualTo("registered");
		}
	}

	@Nested
	class Inner {

		@Test
		void nestedClassSeesTheSameServer(AmpsTestServer injected) {
			assertThat(injected).isSameAs(amps.server());
		}

	}

	@AfterAll
	static void serverStillRunsUntilTheExtensionClosesIt() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", amps.server().port())) {
			assertThat(socket.isConnected()).isTrue();
		}
	}

	@Nested
	class InstanceField {

		@RegisterExtension
		final AmpsTestServerExtension perTest = new AmpsTestServerExtension();

		@Test
		void instanceFieldExtensionGivesEachTestItsOwnServer() throws Exception {
			AmpsTestServer server = this.perTest.server();
			assertThat(server).isNotSameAs(amps.server());
			assertThat(server.port()).isNotEqualTo(amps.server().port());
		}

	}

	@Test
	void closedServerRefusesConnections() {
		AmpsTestServer server = new AmpsTestServer().start();
		int closedPort = server.port();
		server.close();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> new Socket("127.0.0.1", closedPort).close());
	}

}
