package org.ampsboot.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate and its private key, made in memory when a test runs, for
 * {@link AmpsTestServer#useTls(SSLContext)} and for the client side of TLS tests. <strong>For tests
 * only.</strong>
 *
 * <pre class="code">
 * SelfSignedCertificate cert = SelfSignedCertificate.create();           // SANs: localhost, IP 127.0.0.1
 * try (AmpsTestServer server = new AmpsTestServer().useTls(cert.serverSslContext()).start()) {
 *     TCPSTransport.setDefaultSSLContext(cert.clientSslContext());        // JVM-wide in the AMPS client
 *     client.connect(server.uri());                                       // tcps://127.0.0.1:port/amps/json
 * }
 * </pre>
 *
 * <p>The key is an EC P-256 key; the certificate is signed with {@code SHA256withECDSA},
 * valid from one hour ago for 365 days, is not a CA ({@code basicConstraints CA:false}), has key usage
 * {@code digitalSignature} and extended key usages {@code serverAuth} and {@code clientAuth}, and the given
 * names as subject alternative names (the first one is also the subject's common name).
 *
 * <p>Needs BouncyCastle's {@code org.bouncycastle:bcpkix-jdk18on} on the class path (an optional dependency of
 * this module: add it with test scope); without it {@link #create(String...)} throws an
 * {@link IllegalStateException} that says so. Everything else in this module works without BouncyCastle.
 *
 * <p>Instances are immutable and thread-safe; every {@link SSLContext} and {@link KeyStore} returned is a new
 * object.
 */
public final class SelfSignedCertificate {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern DNS_NAME = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
			+ "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");

	private static final Duration VALIDITY = Duration.ofDays(365);

	private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

	private static final String ALIAS = "amps-test";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final X509Certificate certificate;

	private final KeyPair keyPair;

	private final List<String> names;

	private SelfSignedCertificate(X509Certificate certificate, KeyPair keyPair, List<String> names) {
		this.certificate = certificate;
		this.keyPair = keyPair;
		this.names = names;
	}

	/**
	 * Makes a new key pair and a self-signed certificate for these host names and IP address literals (subject
	 * alternative names of type DNS and IP address respectively; the first is also the common name).
	 * @param hostNamesOrIps for example {@code "localhost"}, {@code "127.0.0.1"}, {@code "::1"},
	 * {@code "*.example.test"}; none means {@code "localhost"} and {@code "127.0.0.1"}
	 * @throws IllegalArgumentException if a name is neither a host name nor an IP address literal
	 * @throws IllegalStateException if BouncyCastle ({@code bcpkix-jdk18on}) is not on the class path, or the
	 * JDK cannot make EC keys
	 */
	public static SelfSignedCertificate create(String... hostNamesOrIps) {
		List<String> names = (hostNamesOrIps == null || hostNamesOrIps.length == 0) ? List.of("localhost", "127.0.0.1")
				: List.of(hostNamesOrIps);
		List<String> dns = new ArrayList<>();
		List<String> ips = new ArrayList<>();
		for (String name : names) {
			Objects.requireNonNull(name, "host name or IP address");
			String ip = ipLiteral(name);
			if (ip != null) {
				ips.add(ip);
			}
			else if (DNS_NAME.matcher(name).matches()) {
				dns.add(name.toLowerCase(Locale.ROOT));
			}
			else {
				throw new IllegalArgumentException("'" + name + "' is neither a host name nor an IP address literal");
			}
		}
		if (!bouncyCastlePresent()) {
			throw new IllegalStateException("SelfSignedCertificate needs BouncyCastle on the class path: add the "
					+ "dependency org.bouncycastle:bcpkix-jdk18on (test scope); amps-spring-boot-test declares it "
					+ "as optional");
		}
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
			KeyPair keyPair = generator.generateKeyPair();
			Instant now = Instant.now();
			X509Certificate certificate = CertificateSigner.selfSigned(keyPair, SIGNATURE_ALGORITHM, names.get(0),
					dns, ips, new BigInteger(63, RANDOM).add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
					Date.from(now.plus(VALIDITY)));
			return new SelfSignedCertificate(certificate, keyPair, List.copyOf(names));
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not make a self-signed certificate for " + names, ex);
		}
	}

	/** Whether BouncyCastle's certificate builder is on the class path; must not touch {@link CertificateSigner}. */
	private static boolean bouncyCastlePresent() {
		ClassLoader loader = SelfSignedCertificate.class.getClassLoader();
		try {
			Class.forName("org.bouncycastle.cert.X509v3CertificateBuilder", false, loader);
			Class.forName("org.bouncycastle.operator.jcajce.JcaContentSignerBuilder", false, loader);
			Class.forName("org.bouncycastle.asn1.x509.GeneralName", false, loader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/** The IP address literal in a normal form, or {@code null} if this is not one (never a DNS lookup). */
	private static String ipLiteral(String name) {
		String candidate = (name.startsWith("[") && name.endsWith("]")) ? name.substring(1, name.length() - 1) : name;
		boolean v4 = IPV4.matcher(candidate).matches();
		if (!v4 && candidate.indexOf(':') < 0) {
			return null;
		}
		if (v4) {
			for (String part : candidate.split("\\.")) {
				if (Integer.parseInt(part) > 255) {
					throw new IllegalArgumentException("'" + name + "' is not a valid IPv4 address");
				}
			}
		}
		else if (!candidate.matches("[0-9A-Fa-f:.%a-zA-Z]+")) {
			throw new IllegalArgumentException("'" + name + "' is not a valid IPv6 address");
		}
		try {
			// Literals only (checked above), so this does not resolve anything.
			return InetAddress.getByName(candidate).getHostAddress();
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("'" + name + "' is not a valid IP address", ex);
		}
	}

	/** The certificate. */
	public X509Certificate certificate() {
		return this.certificate;
	}

	/** The names it was made for, as given to {@link #create(String...)}. */
	public List<String> names() {
		return this.names;
	}

	/**
	 * A new server-side {@link SSLContext} (protocol {@code TLS}) that presents this certificate and its key;
	 * for {@link AmpsTestServer#useTls(SSLContext)}.
	 */
	public SSLContext serverSslContext() {
		try {
			char[] password = new char[0];
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			keyStore.setKeyEntry(ALIAS, this.keyPair.getPrivate(), password, new Certificate[] { this.certificate });
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keyStore, password);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Could not make a server SSLContext for " + this, ex);
		}
	}

	/**
	 * A new client-side {@link SSLContext} (protocol {@code TLS}) that trusts this certificate and nothing else;
	 * for example for the AMPS client's {@code TCPSTransport.setDefaultSSLContext(...)}. It presents no client
	 * certificate.
	 */
	public SSLContext clientSslContext() {
		try {
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trustStore());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trustManagers.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not make a client SSLContext for " + this, ex);
		}
	}

	/**
	 * A new in-memory PKCS12 trust store holding only this certificate (alias {@code amps-test}). It has no
	 * password: none is needed to read an in-memory {@link KeyStore} or to initialise a
	 * {@link TrustManagerFactory} with it. To write it to a file with a password, use
	 * {@link #writeTrustStore(Path, String)}.
	 */
	public KeyStore trustStore() {
		try {
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			trustStore.setCertificateEntry(ALIAS, this.certificate);
			return trustStore;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Could not make a trust store for " + this, ex);
		}
	}

	/**
	 * Writes the certificate as a PEM file ({@code -----BEGIN CERTIFICATE-----}), for example for a Spring Boot
	 * PEM SSL bundle: {@code spring.ssl.bundle.pem.<name>.truststore.certificate=file:<path>}. The directory is
	 * created if needed; the file is named {@code amps-test-<serial number in hex>.crt}, so certificates
	 * written to one directory do not overwrite each other.
	 * @return the file written
	 * @throws UncheckedIOException if it cannot be written
	 */
	public Path writeCertificatePem(Path directory) {
		Path file = Objects.requireNonNull(directory, "directory").resolve(fileStem() + ".crt");
		try {
			Files.createDirectories(directory);
			Files.writeString(file, certificatePem(), StandardCharsets.US_ASCII);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the certificate to " + file, ex);
		}
	}

	/**
	 * Writes a PKCS12 trust store holding only this certificate (alias {@code amps-test}), for example for a
	 * Spring Boot JKS SSL bundle: {@code spring.ssl.bundle.jks.<name>.truststore.location=file:<path>},
	 * {@code ...truststore.password=<password>} and, to be explicit, {@code ...truststore.type=PKCS12} (the
	 * JDK's default key store type, which Spring Boot uses when no type is set). The directory is created if
	 * needed; the file is named {@code amps-test-<serial number in hex>-truststore.p12}.
	 * @param password the store password; must not be {@code null} (an empty password is allowed)
	 * @return the file written
	 * @throws UncheckedIOException if it cannot be written
	 */
	public Path writeTrustStore(Path directory, String password) {
		Objects.requireNonNull(password, "password (use \"\" for an empty one)");
		Path file = Objects.requireNonNull(directory, "directory").resolve(fileStem() + "-truststore.p12");
		try {
			Files.createDirectories(directory);
			try (OutputStream out = Files.newOutputStream(file)) {
				trustStore().store(out, password.toCharArray());
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the trust store to " + file, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not write the trust store to " + file, ex);
		}
	}

	/** The certificate in PEM form, with a trailing line break. */
	public String certificatePem() {
		try {
			String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
				.encodeToString(this.certificate.getEncoded());
			return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("Could not encode " + this, ex);
		}
	}

	private String fileStem() {
		return "amps-test-" + this.certificate.getSerialNumber().toString(16);
	}

	@Override
	public String toString() {
		return "SelfSignedCertificate[names=" + this.names + ", serial="
				+ this.certificate.getSerialNumber().toString(16)
				+ ", notAfter=" + this.certificate.getNotAfter().toInstant() + "]";
	}

}
