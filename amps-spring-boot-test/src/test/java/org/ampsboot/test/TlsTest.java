package org.ampsboot.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.TCPSTransport;
import com.crankuptheamps.client.exception.ConnectionRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * TLS with the real client. The 5.3.5.3 client takes its {@code SSLContext} from the static, JVM-wide
 * {@code TCPSTransport.setDefaultSSLContext}; every test restores the previous one.
 */
class TlsTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static SelfSignedCertificate certificate;

	private SSLContext previousClientContext;

	@BeforeAll
	static void makeCertificate() {
		certificate = SelfSignedCertificate.create();
	}

	@BeforeEach
	void rememberClientContext() throws Exception {
		this.previousClientContext = TCPSTransport.getDefaultSSLContext();
	}

	@AfterEach
	void restoreClientContext() {
		TCPSTransport.setDefaultSSLContext(this.previousClientContext);
	}

	private static Message poll(BlockingQueue<Message> queue) throws InterruptedException {
		Message message = queue.poll(5, TimeUnit.SECONDS);
		assertThat(message).as("message within 5 s").isNotNull();
		return message;
	}

	@Test
	void logonPublishAndSubscribeOverTls() throws Exception {
		TCPSTransport.setDefaultSSLContext(certificate.clientSslContext());
		try (LogCapture logs = new LogCapture();
				AmpsTestServer server = new AmpsTestServer().useTls(certificate.serverSslContext())
					.requireCredentials("svc", "s3cret")
					.start();
				Client client = new Client("tls-app")) {
			assertThat(server.isTls()).isTrue();
			assertThat(server.uri()).isEqualTo("tcps://127.0.0.1:" + server.port() + "/amps/json");
			assertThat(server.uri("svc", "s3cret"))
				.isEqualTo("tcps://svc:s3cret@127.0.0.1:" + server.port() + "/amps/json");
			client.connect(server.uri("svc", "s3cret"));
			client.logon(5000);
			assertThat(server.awaitLogon(TIMEOUT).clientName()).isEqualTo("tls-app");
			BlockingQueue<Message> received = new LinkedBlockingQueue<>();
			client.subscribe((m) -> received.add(m.copy()), "orders", 5000);
			client.publish("orders", "{\"id\":1}");
			assertThat(poll(received).getData()).isEqualTo("{\"id\":1}");
			assertThat(server.takeFrame("p", TIMEOUT).payload()).isEqualTo("{\"id\":1}");
			assertThat(logs.warnings()).isEmpty();
		}
	}

	@Test
	void haClientReconnectsOverTlsAfterADrop() throws Exception {
		TCPSTransport.setDefaultSSLContext(certificate.clientSslContext());
		try (AmpsTestServer server = new AmpsTestServer().useTls(certificate.serverSslContext()).start();
				HAClient client = Clients.memoryBacked(server, "tls-ha")) {
			client.connectAndLogon();
			ServerConnection first = server.awaitLogon(TIMEOUT);
			server.dropConnections();
			ServerConnection second = server.awaitLogon(TIMEOUT);
			assertThat(second).isNotSameAs(first);
			assertThat(second.clientName()).isEqualTo("tls-ha");
			client.publish("orders", "{\"after\":\"reconnect\"}");
			await().atMost(TIMEOUT).until(() -> client.getPublishStore().unpersistedCount() == 0);
		}
	}

	@Test
	void clientThatDoesNotTrustTheCertificateFailsAndTheServerKeepsServing() throws Exception {
		TCPSTransport.setDefaultSSLContext(SSLContext.getDefault()); // the JVM's default trust (cacerts)
		try (LogCapture logs = new LogCapture();
				AmpsTestServer server = new AmpsTestServer().useTls(certificate.serverSslContext()).start()) {
			try (Client untrusting = new Client("untrusting")) {
				// the handshake is part of connect()
				Throwable failure = catchThrowable(() -> untrusting.connect(server.uri()));
				assertThat(failure).isInstanceOf(ConnectionRefusedException.class)
					.hasMessageContaining("Unable to connect to AMPS at 127.0.0.1:" + server.port())
					.hasCauseInstanceOf(SSLHandshakeException.class);
				assertThat(failure.getCause()).hasMessageContaining("PKIX path building failed");
			}
			await().atMost(TIMEOUT).until(() -> !logs.warnings().isEmpty());
			assertThat(logs.warnings()).singleElement().satisfies((line) -> assertThat(line)
				.startsWith("AMPS test server: TLS handshake with /127.0.0.1:")
				.contains("failed (SSLHandshakeException: Received fatal alert: certificate_unknown)")
				.contains("does not trust the server's certificate"));

			TCPSTransport.setDefaultSSLContext(certificate.clientSslContext());
			try (Client trusting = new Client("trusting")) {
				trusting.connect(server.uri());
				trusting.logon(5000);
				assertThat(server.awaitLogon(TIMEOUT).clientName()).isEqualTo("trusting");
			}
			assertThat(logs.warnings()).hasSize(1);
		}
	}

	@Test
	void plainTcpClientAgainstATlsServerIsLoggedAndClosed() throws Exception {
		try (LogCapture logs = new LogCapture();
				AmpsTestServer server = new AmpsTestServer().useTls(certificate.serverSslContext()).start();
				RawAmpsClient raw = new RawAmpsClient(server)) {
			raw.send("{\"c\":\"logon\",\"cid\":\"1\",\"client_name\":\"plain\",\"a\":\"processed\"}", "");
			assertThat(raw.awaitEndOfStream(TIMEOUT)).isTrue(); // after a TLS alert, not an AMPS frame
			await().atMost(TIMEOUT).until(() -> !logs.warnings().isEmpty());
			assertThat(logs.warnings()).singleElement()
				.satisfies((line) -> assertThat(line).contains("TLS handshake")
					.contains("Unsupported or unrecognized SSL message")
					.contains("tcp:// instead of tcps://"));
			assertThat(server.receivedFrames()).isEmpty();
		}
	}

	@Test
	void clientDoesNotVerifyTheHostNameUnlessItsSslContextMakesItsSocketsDoSo() throws Exception {
		SelfSignedCertificate otherName = SelfSignedCertificate.create("amps.example.test");
		assertThat(otherName.names()).containsExactly("amps.example.test");
		try (AmpsTestServer server = new AmpsTestServer().useTls(otherName.serverSslContext()).start()) {
			// trusted, but issued for another name than 127.0.0.1: the 5.3.5.3 client accepts it
			TCPSTransport.setDefaultSSLContext(otherName.clientSslContext());
			try (Client client = new Client("no-host-name-check")) {
				client.connect(server.uri());
				client.logon(5000);
				assertThat(server.awaitLogon(TIMEOUT).clientName()).isEqualTo("no-host-name-check");
			}
			// the client's sockets come from the context's socket factory, so a context can switch it on
			TCPSTransport.setDefaultSSLContext(HostNameVerifyingSslContext.wrap(otherName.clientSslContext()));
			try (Client client = new Client("host-name-check")) {
				Throwable failure = catchThrowable(() -> client.connect(server.uri()));
				assertThat(failure).isInstanceOf(ConnectionRefusedException.class)
					.hasCauseInstanceOf(SSLHandshakeException.class)
					.hasRootCauseMessage("No subject alternative names matching IP address 127.0.0.1 found");
			}
		}
		// and a certificate for IP 127.0.0.1 passes that check
		TCPSTransport.setDefaultSSLContext(HostNameVerifyingSslContext.wrap(certificate.clientSslContext()));
		try (AmpsTestServer server = new AmpsTestServer().useTls(certificate.serverSslContext()).start();
				Client client = new Client("host-name-match")) {
			client.connect(server.uri());
			client.logon(5000);
			assertThat(server.awaitLogon(TIMEOUT).clientName()).isEqualTo("host-name-match");
		}
	}

	@Test
	void certificateFilesWorkAsSpringBootPemAndJksBundles(@TempDir Path directory) throws Exception {
		Path pem = certificate.writeCertificatePem(directory);
		Path trustStore = certificate.writeTrustStore(directory, "changeit");
		SslBundle pemBundle = SslBundle
			.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate("file:" + pem)));
		SslBundle jksBundle = SslBundle
			.of(new JksSslStoreBundle(null, new JksSslStoreDetails(null, null, "file:" + trustStore, "changeit")));
		try (AmpsTestServer server = new AmpsTestServer().useTls(certificate.serverSslContext()).start()) {
			SslBundle[] bundles = { pemBundle, jksBundle };
			for (int i = 0; i < bundles.length; i++) {
				TCPSTransport.setDefaultSSLContext(bundles[i].createSslContext());
				try (Client client = new Client("bundle-" + i)) {
					client.connect(server.uri());
					client.logon(5000);
					assertThat(server.awaitLogon(TIMEOUT).clientName()).isEqualTo("bundle-" + i);
				}
			}
		}
	}

	@Test
	void useTlsAfterStartIsRefused() {
		try (AmpsTestServer server = new AmpsTestServer().start()) {
			assertThat(server.isTls()).isFalse();
			assertThat(server.uri()).startsWith("tcp://");
			assertThatIllegalStateException().isThrownBy(() -> server.useTls(certificate.serverSslContext()))
				.withMessageContaining("before start()");
		}
	}

}
