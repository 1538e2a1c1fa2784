package org.ampsboot.test;

import java.io.IOException;
import java.io.InputStream;
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
 * An {@link SSLContext} that wraps another and switches on host-name verification (endpoint identification
 * algorithm {@code HTTPS}) on every socket from its socket factory and every engine made for a host. The AMPS
 * 5.3.5.3 client does not verify host names by itself; observed: it takes an unconnected socket from
 * {@code getSocketFactory().createSocket()} of the context given to {@code TCPSTransport.setDefaultSSLContext},
 * so handing it a context like this one makes it verify them.
 */
final class HostNameVerifyingSslContext {

	private HostNameVerifyingSslContext() {
	}

	static SSLContext wrap(SSLContext delegate) {
		return new SSLContext(new Spi(delegate), delegate.getProvider(), delegate.getProtocol()) {
		};
	}

	private static Socket verify(Socket socket) {
		if (socket instanceof SSLSocket ssl) {
			SSLParameters parameters = ssl.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			ssl.setSSLParameters(parameters);
		}
		return socket;
	}

	private static final class Spi extends SSLContextSpi {

		private final SSLContext delegate;

		Spi(SSLContext delegate) {
			this.delegate = delegate;
		}

		@Override
		protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
			throw new KeyManagementException("already initialised");
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return new Factory(this.delegate.getSocketFactory());
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			return this.delegate.getServerSocketFactory();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return this.delegate.createSSLEngine();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			SSLEngine engine = this.delegate.createSSLEngine(host, port);
			SSLParameters parameters = engine.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			engine.setSSLParameters(parameters);
			return engine;
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

	}

	private static final class Factory extends SSLSocketFactory {

		private final SSLSocketFactory delegate;

		Factory(SSLSocketFactory delegate) {
			this.delegate = delegate;
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
			return verify(this.delegate.createSocket());
		}

		@Override
		public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
			return verify(this.delegate.createSocket(s, host, port, autoClose));
		}

		@Override
		public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
			return verify(this.delegate.createSocket(s, consumed, autoClose));
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return verify(this.delegate.createSocket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return verify(this.delegate.createSocket(host, port, localHost, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return verify(this.delegate.createSocket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return verify(this.delegate.createSocket(address, port, localAddress, localPort));
		}

	}

}
