package org.ampsboot.test;

import java.time.Duration;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.exception.AuthenticationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EmbeddedAmps
class EmbeddedAmpsExtensionTest {

	private static AmpsTestServer fromBeforeAll;

	private final AmpsTestServer fromConstructor;

	EmbeddedAmpsExtensionTest(AmpsTestServer server) {
		this.fromConstructor = server;
	}

	@BeforeAll
	static void captureServer(AmpsTestServer server) {
		fromBeforeAll = server;
	}

	@Test
	void injectsOneRunningServerIntoConstructorsLifecycleAndTestMethods(AmpsTestServer server) throws Exception {
		assertThat(server).isSameAs(fromBeforeAll).isSameAs(this.fromConstructor);
		try (Client client = Clients.connected(server, "injected")) {
			assertThat(server.awaitLogon(Duration.ofSeconds(5)).clientName()).isEqualTo("injected");
		}
	}

	@Nested
	class NestedTests {

		@Test
		void nestedClassSharesTheServerOfItsEnclosingClass(AmpsTestServer server) {
			assertThat(server).isSameAs(fromBeforeAll);
		}

	}

	@Nested
	@EmbeddedAmps(username = "svc", password = "pw")
	class WithCredentials {

		@Test
		void credentialsFromTheAnnotationAreRequired(AmpsTestServer server) throws Exception {
			assertThat(server).isNotSameAs(fromBeforeAll);
			try (Client refused = new Client("refused")) {
				refused.connect(server.uri());
				assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> refused.logon(5000));
			}
			try (Client accepted = new Client("accepted")) {
				accepted.connect(server.uri("svc", "pw"));
				accepted.logon(5000);
			}
		}

	}

}
