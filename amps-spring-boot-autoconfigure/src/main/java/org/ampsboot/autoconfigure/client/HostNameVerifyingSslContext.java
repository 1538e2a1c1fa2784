package org.ampsboot.autoconfigure.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An SSL context whose client sockets verify that the server's certificate matches the host
 * name they connect to (endpoint identification "HTTPS", as browsers and HTTP clients do). The
 * AMPS client 5.3.5.3 does not verify host names itself: it creates its sockets from the
 * context's socket factory, which this context makes verifying.
 */
final class HostNameVerifyingSslContext extends SSLContext {

	HostNameVerifyingSslContext(SSLContext delegate) {
		super(new Spi(delegate), delegate.getProvider(), delegate.getProtocol());
	}

	private static final class Spi extends SSLContextSpi {

		private final SSLContext delegate;

		Spi(SSLContext delegate) {
			this.delegate = delegate;
		}

		@Override
		protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
			this.delegate.init(km, tm, sr);
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return new VerifyingSocketFactory(this.delegate.getSocketFactory());
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			return this.delegate.getServerSocketFactory();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return verifying(this.delegate.createSSLEngine());
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return verifying(this.delegate.createSSLEngine(host, port));
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return this.delegate.getServerSessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			return this.delegate.getClientSessionContext();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			return this.delegate.getDefaultSSLParameters();
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			return this.delegate.getSupportedSSLParameters();
		}

		private static SSLEngine verifying(SSLEngine engine) {
			SSLParameters parameters = engine.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			engine.setSSLParameters(parameters);
			return engine;
		}

	}

	private static final class VerifyingSocketFactory extends SSLSocketFactory {

		private final SSLSocketFactory delegate;

		VerifyingSocketFactory(SSLSocketFactory delegate) {
			this.delegate = delegate;
		}

		private static Socket verifying(Socket socket) {
			if (socket instanceof SSLSocket ssl) {
				SSLParameters parameters = ssl.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				ssl.setSSLParameters(parameters);
			}
			return socket;
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return this.delegate.getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return this.delegate.getSupportedCipherSuites();
		}

		@Override
		public Socket createSocket() throws IOException {
			return verifying(this.delegate.createSocket());
		}

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			return verifying(this.delegate.createSocket(socket, host, port, autoClose));
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return verifying(this.delegate.createSocket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return verifying(this.delegate.createSocket(host, port, localHost, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return verifying(this.delegate.createSocket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return verifying(this.delegate.createSocket(address, port, localAddress, localPort));
		}

	}

}
