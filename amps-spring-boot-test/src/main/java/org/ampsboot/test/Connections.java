package org.ampsboot.test;

import java.util.ArrayList;
import java.io.IOException;
import java.net.Socket;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live connections of an {@link AmpsTestServer} (copy-on-write: iterated for every delivery while connections
 * come and go), and what the server does to all of them at once.
 */
final class Connections implements Iterable<Connection> {

	private final CopyOnWriteArrayList<Connection> live = new CopyOnWriteArrayList<>();

	private final AtomicInteger ids = new AtomicInteger();

	/** A new connection for an accepted socket, added to the live ones (not started). */
	Connection open(AmpsTestServer server, FrameHandler handler, Socket client) throws IOException {
		Connection connection = new Connection(server, handler, client, this.ids.incrementAndGet());
		this.live.add(connection);
		return connection;
	}

	void remove(Connection connection) {
		this.live.remove(connection);
	}

	@Override
	public Iterator<Connection> iterator() {
		return this.live.iterator();
	}

	/** The connections that are open now, logged on or not. */
	List<ServerConnection> open() {
		List<ServerConnection> open = new ArrayList<>();
		for (Connection connection : this.live) {
			if (connection.isOpen()) {
				open.add(connection);
			}
		}
		return open;
	}

	/** Writes one verbatim frame to every logged-on connection. */
	void sendToLoggedOn(byte[] frame) {
		for (Connection connection : this.live) {
			if (connection.isLoggedOn()) {
				connection.sendVerbatim(frame);
			}
		}
	}

	void silenceAll() {
		for (Connection connection : this.live) {
			connection.goSilent("with every connection of the server");
		}
	}

	/** Closes every connection. */
	void closeAll() {
		closeAllReaders();
	}

	/** Closes every connection, answering the reader threads to wait for. */
	List<Thread> closeAllReaders() {
		List<Thread> readers = new ArrayList<>();
		for (Connection connection : this.live) {
			readers.add(connection.readerThread());
			connection.close();
		}
		return readers;
	}

}
