package org.ampsboot.test;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelfSignedCertificateTest {

	/** Subject alternative names as (type, value): type 2 is DNS, 7 is IP address. */
	private static List<List<?>> alternativeNames(X509Certificate certificate) throws Exception {
		return certificate.getSubjectAlternativeNames().stream().<List<?>>map(List::copyOf).toList();
	}

	@Test
	void defaultNamesAreLocalhostAndTheLoopbackAddress() throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.create();
		X509Certificate x509 = certificate.certificate();
		assertThat(alternativeNames(x509)).containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
		assertThat(x509.getSubjectX500Principal().getName()).contains("CN=localhost");
		assertThat(x509.getIssuerX500Principal()).isEqualTo(x509.getSubjectX500Principal());
		assertThat(x509.getBasicConstraints()).isEqualTo(-1);
		assertThat(x509.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
		assertThat(x509.getPublicKey().getAlgorithm()).isEqualTo("EC");
		x509.checkValidity();
		x509.verify(x509.getPublicKey());
		assertThat(certificate.names()).containsExactly("localhost", "127.0.0.1");
	}

	@Test
	void namesAndAddressesBecomeDnsAndIpAlternativeNames() throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.create("amps.example.test", "*.amps.example.test",
				"10.1.2.3", "::1");
		assertThat(alternativeNames(certificate.certificate())).containsExactlyInAnyOrder(
				List.of(2, "amps.example.test"), List.of(2, "*.amps.example.test"), List.of(7, "10.1.2.3"),
				List.of(7, "0:0:0:0:0:0:0:1"));
		assertThat(certificate.certificate().getSubjectX500Principal().getName()).contains("CN=amps.example.test");
	}

	@Test
	void invalidNamesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SelfSignedCertificate.create("not a host"));
		assertThatIllegalArgumentException().isThrownBy(() -> SelfSignedCertificate.create("300.1.1.1"));
		assertThatNullPointerException().isThrownBy(() -> SelfSignedCertificate.create("localhost", null));
	}

	@Test
	void withoutBouncyCastleCreateSaysWhatIsMissing() throws Exception {
		URL classes = SelfSignedCertificate.class.getProtectionDomain().getCodeSource().getLocation();
		try (URLClassLoader withoutBouncyCastle = new URLClassLoader(new URL[] { classes },
				ClassLoader.getPlatformClassLoader())) {
			Method create = withoutBouncyCastle.loadClass(SelfSignedCertificate.class.getName())
				.getMethod("create", String[].class);
			assertThatThrownBy(() -> create.invoke(null, (Object) new String[0]))
				.cause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("org.bouncycastle:bcpkix-jdk18on");
		}
	}

	@Test
	void writesAPemCertificateAndAPkcs12TrustStore(@TempDir Path directory) throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.create();
		Path pem = certificate.writeCertificatePem(directory.resolve("certs"));
		assertThat(pem.getFileName().toString()).startsWith("amps-test-").endsWith(".crt");
		assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----\n")
			.endsWith("-----END CERTIFICATE-----\n");
		try (InputStream in = Files.newInputStream(pem)) {
			assertThat(CertificateFactory.getInstance("X.509").generateCertificate(in))
				.isEqualTo(certificate.certificate());
		}

		Path trustStore = certificate.writeTrustStore(directory, "changeit");
		KeyStore loaded = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(trustStore)) {
			loaded.load(in, "changeit".toCharArray());
		}
		assertThat(loaded.isCertificateEntry("amps-test")).isTrue();
		assertThat(loaded.getCertificate("amps-test")).isEqualTo(certificate.certificate());
		assertThat(KeyStore.getDefaultType()).isEqualToIgnoringCase("pkcs12");

		Path withoutPassword = certificate.writeTrustStore(directory.resolve("empty"), "");
		KeyStore loadedWithoutPassword = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(withoutPassword)) {
			loadedWithoutPassword.load(in, new char[0]);
		}
		assertThat(loadedWithoutPassword.getCertificate("amps-test")).isEqualTo(certificate.certificate());

		KeyStore inMemory = certificate.trustStore();
		assertThat(inMemory.getCertificate("amps-test")).isEqualTo(certificate.certificate());
		assertThat(SelfSignedCertificate.create().writeCertificatePem(directory.resolve("certs"))).isNotEqualTo(pem);
	}

}
