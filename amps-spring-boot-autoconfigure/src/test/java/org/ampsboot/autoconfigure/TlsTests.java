package org.ampsboot.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.TCPSTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.SelfSignedCertificate;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tcps://} with trust material from a Spring Boot SSL bundle, against a test server
 * whose certificate is made when the test runs.
 */
class TlsTests {

	private static SelfSignedCertificate serverCertificate;

	private static AmpsTestServer server;

	@TempDir
	static Path directory;

	@BeforeAll
	static void startTlsServer() {
		serverCertificate = SelfSignedCertificate.create("localhost", "127.0.0.1");
		server = new AmpsTestServer().useTls(serverCertificate.serverSslContext()).start();
	}

	@AfterAll
	static void stopTlsServer() {
		server.close();
	}

	private ApplicationContextRunner contextRunner(SelfSignedCertificate trusted, String bundle) throws Exception {
		Path pem = trusted.writeCertificatePem(Files.createTempDirectory(directory, bundle));
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, AmpsAutoConfiguration.class))
			.withPropertyValues("amps.uri=" + server.uri(), "amps.ssl.bundle=" + bundle,
					"amps.first-connect-timeout=3s", "amps.reconnect.strategy=fixed",
					"amps.reconnect.initial-delay=100ms",
					"spring.ssl.bundle.pem." + bundle + ".truststore.certificate=file:" + pem);
	}

	@Test
	void aTrustedBundleConnectsOverTls() throws Exception {
		SSLContext before = TCPSTransport.getDefaultSSLContext();
		contextRunner(serverCertificate, "amps").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(server.uri()).startsWith("tcps://");
			HAClient client = context.getBean(HAClient.class);
			BlockingQueue<String> received = new LinkedBlockingQueue<>();
			client.subscribe((message) -> received.add(message.getData()), "tls-orders", 10_000);
			client.publish("tls-orders", "{\"id\":1}");
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"id\":1}");
		});
		assertThat(TCPSTransport.getDefaultSSLContext()).as("the JVM-wide default is restored").isSameAs(before);
	}

	@Test
	void aBundleThatDoesNotTrustTheServerFailsStartupNamingTheServer() throws Exception {
		contextRunner(SelfSignedCertificate.create("localhost", "127.0.0.1"), "stranger").run((context) -> {
			assertThat(context).hasFailed();
			AmpsStartupException failure = AmpsAutoConfigurationTests.findCause(context.getStartupFailure());
			assertThat(failure.getMessage()).startsWith("Could not connect and log on to AMPS within 3000 ms")
				.contains(server.uri() + ": ")
				.contains("SSLHandshakeException");
		});
	}

	@Test
	void twoClientsInOneJvmCannotUseDifferentBundles() throws Exception {
		ApplicationContextRunner other = contextRunner(serverCertificate, "other");
		contextRunner(serverCertificate, "amps").run((first) -> {
			assertThat(first).hasNotFailed();
			other.run((second) -> {
				assertThat(second).hasFailed();
				assertThat(AmpsAutoConfigurationTests.findCause(second.getStartupFailure()))
					.hasMessageContaining("amps.ssl.bundle is 'other'")
					.hasMessageContaining("already uses SSL bundle 'amps'")
					.hasMessageContaining("single SSL context per JVM");
			});
		});
		other.run((alone) -> assertThat(alone).hasNotFailed());
	}

	@Test
	void theServerHostNameIsVerifiedByDefaultAndCanBeSwitchedOff() throws Exception {
		SelfSignedCertificate elsewhere = SelfSignedCertificate.create("amps.example.test");
		try (AmpsTestServer misnamed = new AmpsTestServer().useTls(elsewhere.serverSslContext()).start()) {
			ApplicationContextRunner runner = contextRunner(elsewhere, "elsewhere")
				.withPropertyValues("amps.uri=" + misnamed.uri());
			runner.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(AmpsAutoConfigurationTests.findCause(context.getStartupFailure()).getMessage())
					.contains("SSLHandshakeException")
					.contains("127.0.0.1");
			});
			runner.withPropertyValues("amps.ssl.verify-hostname=false")
				.run((context) -> assertThat(context).hasNotFailed());
		}
	}

	@Test
	void aMissingBundleFailsStartupNamingIt() throws Exception {
		contextRunner(serverCertificate, "amps").withPropertyValues("amps.ssl.bundle=nope").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(AmpsAutoConfigurationTests.findCause(context.getStartupFailure()))
				.hasMessageContaining("amps.ssl.bundle is 'nope', but there is no SSL bundle of that name");
		});
	}


}
