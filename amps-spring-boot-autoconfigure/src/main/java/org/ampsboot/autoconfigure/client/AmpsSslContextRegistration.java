package org.ampsboot.autoconfigure.client;

import javax.net.ssl.SSLContext;

import com.crankuptheamps.client.TCPSTransport;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

import org.ampsboot.autoconfigure.AmpsStartupException;

/**
 * Installs the SSL bundle named by {@code amps.ssl.bundle} as the AMPS client's SSL context.
 * <p>
 * The 5.3.5.3 client takes its SSL context, enabled protocols and cipher suites from static
 * settings of {@link TCPSTransport}: one for the whole JVM. This registration therefore counts
 * the clients that use a bundle, refuses a second client that names a different bundle while
 * the first is alive, and restores the previous settings when the last one is closed. That
 * shared record is the one static state of the starter, forced by the client's design.
 * <p>
 * Internal: not API (public only because the auto-configuration that registers it lives in
 * another package).
 */
public final class AmpsSslContextRegistration implements DisposableBean {

	private static final Object lock = new Object();

	private static String activeBundle;

	private static int users;

	private static SSLContext previousContext;

	private static String[] previousProtocols;

	private static String[] previousCiphers;

	private final String bundleName;

	private boolean released;

	private AmpsSslContextRegistration(String bundleName) {
		this.bundleName = bundleName;
	}

	/** The name under which the JVM's default SSL context is registered. */
	static final String JVM_DEFAULT = "(the JVM's default SSL context)";

	/**
	 * Installs the JVM's default SSL context, made host-name verifying, for tcps:// URIs that
	 * name no bundle.
	 */
	public static AmpsSslContextRegistration registerDefault() {
		try {
			return install(JVM_DEFAULT, new HostNameVerifyingSslContext(SSLContext.getDefault()), null, null);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JVM has no default SSL context", ex);
		}
	}

	public static AmpsSslContextRegistration register(String bundleName, SslBundles bundles, boolean verifyHostName) {
		if (bundles == null) {
			throw new AmpsStartupException("amps.ssl.bundle is '" + bundleName
					+ "', but no SSL bundles are configured in this application.",
					"Configure the bundle under spring.ssl.bundle.jks." + bundleName + " or spring.ssl.bundle.pem."
							+ bundleName + ".");
		}
		SslBundle bundle;
		try {
			bundle = bundles.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new AmpsStartupException(
					"amps.ssl.bundle is '" + bundleName + "', but there is no SSL bundle of that name.",
					"Configure it under spring.ssl.bundle.jks." + bundleName + " or spring.ssl.bundle.pem."
							+ bundleName + ", or change amps.ssl.bundle.");
		}
		SSLContext context = bundle.createSslContext();
		return install(bundleName, verifyHostName ? new HostNameVerifyingSslContext(context) : context,
				bundle.getOptions().getEnabledProtocols(), bundle.getOptions().getCiphers());
	}

	private static AmpsSslContextRegistration install(String bundleName, SSLContext context, String[] protocols,
			String[] ciphers) {
		synchronized (lock) {
			if (activeBundle != null && !activeBundle.equals(bundleName)) {
				throw new AmpsStartupException("amps.ssl.bundle is '" + bundleName
						+ "', but another AMPS client in this JVM already uses SSL bundle '" + activeBundle
						+ "'. The AMPS Java client has a single SSL context per JVM (TCPSTransport.setDefaultSSLContext).",
						"Use one SSL bundle (with every trust and key entry needed) for all AMPS clients in the JVM.");
			}
			if (users == 0) {
				previousContext = currentDefaultContext();
				previousProtocols = TCPSTransport.getDefaultEnabledProtocols();
				previousCiphers = TCPSTransport.getDefaultEnabledCipherSuites();
				TCPSTransport.setDefaultSSLContext(context);
				if (protocols != null) {
					TCPSTransport.setDefaultEnabledProtocols(protocols);
				}
				if (ciphers != null) {
					TCPSTransport.setDefaultEnabledCipherSuites(ciphers);
				}
				activeBundle = bundleName;
			}
			users++;
		}
		return new AmpsSslContextRegistration(bundleName);
	}

	private static SSLContext currentDefaultContext() {
		try {
			return TCPSTransport.getDefaultSSLContext();
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			return null;
		}
	}

	@Override
	public void destroy() {
		synchronized (lock) {
			if (this.released || users == 0) {
				return;
			}
			this.released = true;
			users--;
			if (users == 0) {
				// The client's setters take no null: a setting that had no value before stays as the
				// bundle left it, which only matters for another bundle-less client in the same JVM.
				if (previousContext != null) {
					TCPSTransport.setDefaultSSLContext(previousContext);
				}
				if (previousProtocols != null) {
					TCPSTransport.setDefaultEnabledProtocols(previousProtocols);
				}
				if (previousCiphers != null) {
					TCPSTransport.setDefaultEnabledCipherSuites(previousCiphers);
				}
				activeBundle = null;
				previousContext = null;
			}
		}
	}

	@Override
	public String toString() {
		return "AmpsSslContextRegistration[" + this.bundleName + "]";
	}

}
