package org.ampsboot.test;

import org.ampsboot.test.wire.Bookmarks;
import java.time.Duration;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.exception.AuthenticationException;
import com.crankuptheamps.client.exception.NameInUseException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogonTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void realClientLogsOnAndServerRecordsItsName() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start();
				Client client = Clients.connected(server, "orders-app")) {
			assertThat(client.getServerVersion()).isEqualTo(5030400);
			assertThat(client.getNameHash()).isEqualTo(Bookmarks.nameHash("orders-app"));
			ServerConnection connection = server.awaitLogon(TIMEOUT);
			assertThat(connection.clientName()).isEqualTo("orders-app");
			assertThat(connection.isOpen()).isTrue();
			assertThat(server.connections()).containsExactly(connection);
			ReceivedFrame logon = server.takeFrame("logon", TIMEOUT);
			assertThat(logon.clientName()).isEqualTo("orders-app");
			assertThat(logon.header("client_name")).isEqualTo("orders-app");
			assertThat(logon.header("mt")).isEqualTo("json");
			assertThat(logon.commandId()).isNotNull();
		}
	}

	@Test
	void logonAckCarriesCommandIdStatusVersionAndBookmark() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start(); RawAmpsClient raw = new RawAmpsClient(server)) {
			RawAmpsClient.Frame ack = raw.logon("raw");
			assertThat(ack.get("c")).isEqualTo("ack");
			assertThat(ack.get("a")).isEqualTo("processed");
			assertThat(ack.get("cid")).isEqualTo("logon-1");
			assertThat(ack.get("status")).isEqualTo("success");
			assertThat(ack.get("v")).isEqualTo("5.3.4.0");
			assertThat(ack.get("bm")).isEqualTo(Bookmarks.nameHash("raw") + "|0|");
			assertThat(ack.get("reason")).isNull();
		}
	}

	@Test
	void wrongPasswordIsRefusedAndNeverShownInFramesOrLogs() throws Exception {
		try (LogCapture logs = new LogCapture();
				AmpsTestServer server = new AmpsTestServer().requireCredentials("alice", "s3cret").start();
				Client client = new Client("intruder")) {
			client.connect(server.uri("alice", "wrong-pw"));
			assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> client.logon(5000));
			ReceivedFrame logon = server.takeFrame("logon", TIMEOUT);
			assertThat(logon.header("user_id")).isEqualTo("alice");
			assertThat(logon.header("pw")).isEqualTo("wrong-pw");
			assertThat(logon.toString()).doesNotContain("wrong-pw").contains("\"pw\":\"********\"");
			assertThat(logs.text()).contains("auth failure").doesNotContain("wrong-pw");
			assertThat(server.connections()).allSatisfy((c) -> assertThat(c.clientName()).isNull());
		}
	}

	@Test
	void rightCredentialsAreAccepted() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().requireCredentials("alice", "p@ss:w/rd").start();
				Client client = new Client("alice-app")) {
			client.connect(server.uri("alice", "p@ss:w/rd"));
			client.logon(5000);
			assertThat(server.awaitLogon(TIMEOUT).clientName()).isEqualTo("alice-app");
			assertThat(server.takeFrame("logon", TIMEOUT).header("pw")).isEqualTo("p@ss:w/rd");
		}
	}

	@Test
	void logonWithTheNameAndUserOfALiveConnectionDisconnectsThatConnection() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start();
				Client first = Clients.connected(server, "twin");
				Client second = Clients.connected(server, "twin")) {
			ServerConnection earlier = server.awaitLogon(TIMEOUT);
			ServerConnection later = server.awaitLogon(TIMEOUT);
			assertThat(later.clientName()).isEqualTo("twin");
			Awaitility.await().atMost(TIMEOUT).until(() -> !earlier.isOpen());
			assertThat(later.isOpen()).isTrue();
		}
	}

	@Test
	void logonWithTheNameOfAnotherUsersLiveConnectionFailsWithNameInUse() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start();
				Client alice = new Client("twin");
				Client bob = new Client("twin")) {
			alice.connect(server.uri("alice", "a"));
			alice.logon(5000);
			bob.connect(server.uri("bob", "b"));
			assertThatExceptionOfType(NameInUseException.class).isThrownBy(() -> bob.logon(5000));
			assertThat(server.awaitLogon(TIMEOUT).isOpen()).isTrue();
			assertThatThrownBy(() -> server.awaitLogon(Duration.ofMillis(50))).isInstanceOf(AssertionError.class);
		}
	}

	@Test
	void secondLogonOnOneConnectionIsRefused() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start(); RawAmpsClient raw = new RawAmpsClient(server)) {
			assertThat(raw.logon("once").get("status")).isEqualTo("success");
			RawAmpsClient.Frame again = raw.logon("twice");
			assertThat(again.get("status")).isEqualTo("failure");
			assertThat(again.get("reason")).isEqualTo("already logged on");
			assertThat(server.awaitLogon(TIMEOUT).clientName()).isEqualTo("once");
		}
	}

	@Test
	void scriptedLogonFailureIsAnsweredWithThatReason() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start(); Client refused = new Client("app")) {
			server.enqueue(Fault.failNext("logon", "auth failure"));
			refused.connect(server.uri());
			assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> refused.logon(5000));
			// the fault is used up: the next logon succeeds (the refused client closed its own socket)
			try (Client accepted = Clients.connected(server, "app")) {
				assertThat(server.awaitLogon(TIMEOUT).clientName()).isEqualTo("app");
			}
		}
	}

	@Test
	void awaitLogonTimesOutWithAClearMessage() {
		try (AmpsTestServer server = new AmpsTestServer().start()) {
			assertThatThrownBy(() -> server.awaitLogon(Duration.ofMillis(50))).isInstanceOf(AssertionError.class)
				.hasMessageContaining("No client logged on")
				.hasMessageContaining(server.uri());
		}
	}

	@Test
	void commandsBeforeLogonAreRefused() throws Exception {
		try (AmpsTestServer server = new AmpsTestServer().start(); RawAmpsClient raw = new RawAmpsClient(server)) {
			raw.send("{\"c\":\"subscribe\",\"cid\":\"1\",\"t\":\"orders\",\"sub_id\":\"1\",\"a\":\"processed\"}", "");
			RawAmpsClient.Frame ack = raw.read();
			assertThat(ack.get("status")).isEqualTo("failure");
			assertThat(ack.get("reason")).isEqualTo("logon required");
			assertThat(ack.get("cid")).isEqualTo("1");
		}
	}

	@Test
	void lifecycleIsCheckedAndCloseIsIdempotent() {
		AmpsTestServer server = new AmpsTestServer();
		assertThatIllegalStateException().isThrownBy(server::uri).withMessageContaining("start()");
		server.start();
		assertThat(server.host()).isEqualTo("127.0.0.1");
		assertThat(server.uri()).isEqualTo("tcp://127.0.0.1:" + server.port() + "/amps/json");
		assertThat(server.uri("u", "p")).isEqualTo("tcp://u:p@127.0.0.1:" + server.port() + "/amps/json");
		assertThatIllegalStateException().isThrownBy(server::start).withMessageContaining("already started");
		server.close();
		server.close();
		assertThatIllegalStateException().isThrownBy(server::start).withMessageContaining("closed");
	}

}
