package org.ampsboot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/** The listening socket of an {@link AmpsTestServer} and its accept thread. */
final class Acceptor {

	private static final Logger log = ServerLog.LOG;

	private final AmpsTestServer server;

	private volatile ServerSocket serverSocket;

	private volatile boolean accepting;

	private Thread acceptThread;

	Acceptor(AmpsTestServer server) {
		this.server = server;
	}

	/** Listens on the host, on a free port, with TLS if a context is given. */
	ServerSocket bind(String host, SSLContext tls) {
		ServerSocket socket;
		try {
			if (tls != null) {
				SSLServerSocket sslSocket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
				sslSocket.setNeedClientAuth(false);
				sslSocket.setWantClientAuth(false);
				socket = sslSocket;
			}
			else {
				socket = new ServerSocket();
			}
			socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0), 50);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("AmpsTestServer could not listen on " + host, ex);
		}
		this.serverSocket = socket;
		return socket;
	}

	void start() {
		this.acceptThread = new Thread(this::acceptLoop,
				"amps-test-server-accept-" + this.serverSocket.getLocalPort());
		this.acceptThread.setDaemon(true);
		this.accepting = true;
		this.acceptThread.start();
	}

	/** The listening socket, or {@code null} before {@link #bind}. */
	ServerSocket socket() {
		return this.serverSocket;
	}

	Thread thread() {
		return this.acceptThread;
	}

	boolean isAccepting() {
		return this.accepting;
	}

	/**
	 * Stops accepting (the caller holds the server's monitor).
	 * @return whether it was accepting
	 */
	boolean stop() {
		boolean was = this.accepting;
		this.accepting = false;
		return was;
	}

	void closeSocket() {
		ServerSocket socket = this.serverSocket;
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

	private void acceptLoop() {
		ServerSocket socket = this.serverSocket;
		while (this.accepting) {
			Socket client;
			try {
				client = socket.accept();
			}
			catch (IOException ex) {
				if (this.accepting) {
					log.warn("AMPS test server: accepting a connection failed; no longer listening", ex);
				}
				return;
			}
			try {
				client.setTcpNoDelay(true);
				Connection connection = this.server.newConnection(client);
				if (this.server.isClosed()) {
					connection.close();
					return;
				}
				connection.start();
			}
			catch (SocketException ex) {
				closeQuietly(client);
			}
			catch (IOException ex) {
				log.warn("AMPS test server: could not set up a connection from {}", client.getRemoteSocketAddress(),
						ex);
				closeQuietly(client);
			}
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
