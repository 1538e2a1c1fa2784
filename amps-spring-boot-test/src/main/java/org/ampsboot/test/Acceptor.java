package org.ampsboot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/**
 * The listening side of an {@link AmpsTestServer}: its TLS setting, its life cycle (start, stop accepting, close;
 * guarded by this object's monitor), the listening socket and the accept thread.
 */
final class Acceptor {

	private static final Logger log = ServerLog.LOG;

	private final AmpsTestServer server;

	private final Connections connections;

	private final ServerThreads threads;

	private volatile SSLContext tlsContext;

	private volatile boolean started;

	private volatile boolean closed;

	private volatile ServerSocket serverSocket;

	private volatile boolean accepting;

	private Thread acceptThread;

	Acceptor(AmpsTestServer server, Connections connections, ServerThreads threads) {
		this.server = server;
		this.connections = connections;
		this.threads = threads;
	}

	/** See {@link AmpsTestServer#useTls(SSLContext)}. */
	synchronized void useTls(SSLContext serverContext) {
		Objects.requireNonNull(serverContext, "serverContext");
		if (this.started || this.closed) {
			throw new IllegalStateException("Call useTls(...) before start(); " + this.server + " is already "
					+ (this.closed ? "closed" : "started"));
		}
		this.tlsContext = serverContext;
	}

	boolean isTls() {
		return this.tlsContext != null;
	}

	/** See {@link AmpsTestServer#start()}: binds, starts the server's threads, then the accept thread. */
	synchronized void start() {
		if (this.closed) {
			throw new IllegalStateException("This AmpsTestServer is closed; create a new one");
		}
		if (this.started) {
			throw new IllegalStateException("This AmpsTestServer is already started at " + uri());
		}
		ServerSocket socket = bind(Uris.HOST, this.tlsContext);
		this.threads.start(socket.getLocalPort());
		this.started = true;
		this.acceptThread = new Thread(this::acceptLoop, "amps-test-server-accept-" + socket.getLocalPort());
		this.acceptThread.setDaemon(true);
		this.accepting = true;
		this.acceptThread.start();
		log.debug("AMPS test server listening at {}", uri());
	}

	/** Listens on the host, on a free port, with TLS if a context is given. */
	private ServerSocket bind(String host, SSLContext tls) {
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

	/** The port listened on; {@link IllegalStateException} before {@link #start()}. */
	int port() {
		ServerSocket socket = this.serverSocket;
		if (socket == null) {
			throw new IllegalStateException("AmpsTestServer is not started; call start() first");
		}
		return socket.getLocalPort();
	}

	String uri() {
		return Uris.uri(isTls(), port());
	}

	boolean isStarted() {
		return this.started;
	}

	boolean isAccepting() {
		return this.accepting;
	}

	/** See {@link AmpsTestServer#stopAccepting()}. */
	void stopAccepting() {
		synchronized (this) {
			if (!this.accepting) {
				return;
			}
			this.accepting = false;
		}
		closeSocket();
		ServerThreads.join(this.acceptThread);
		log.debug("AMPS test server at {} no longer accepts connections", this.server);
	}

	/** See {@link AmpsTestServer#close()}: the socket, every connection, the threads, then waits for them. */
	void close() {
		Thread accept;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.accepting = false;
			accept = this.acceptThread;
		}
		closeSocket();
		ServerSocket socket = this.serverSocket;
		List<Thread> readers = this.connections.closeAllReaders();
		this.threads.shutdown();
		ServerThreads.join(accept);
		for (Thread reader : readers) {
			ServerThreads.join(reader);
		}
		log.debug("AMPS test server at port {} closed", (socket != null) ? socket.getLocalPort() : -1);
	}

	/** {@code tcp://127.0.0.1:<port>/amps/json[, closed | , not accepting]}, or {@code not started}. */
	String describe() {
		ServerSocket socket = this.serverSocket;
		String state = this.closed ? ", closed" : (this.started && !this.accepting) ? ", not accepting" : "";
		return ((socket != null) ? Uris.uri(isTls(), socket.getLocalPort()) : "not started") + state;
	}

	private void closeSocket() {
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
				if (this.closed) {
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
