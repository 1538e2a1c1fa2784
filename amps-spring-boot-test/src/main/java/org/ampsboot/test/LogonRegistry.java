package org.ampsboot.test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.ampsboot.test.wire.Reasons;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/**
 * Who may log on to an {@link AmpsTestServer} (the required credentials, one live connection per client name)
 * and the connections that logged on, for {@link AmpsTestServer#awaitLogon(Duration)}.
 */
final class LogonRegistry {

	private static final Logger log = ServerLog.LOG;

	private final Iterable<Connection> connections;

	private final ReentrantLock logonLock = new ReentrantLock();

	private final Condition loggedOn = this.logonLock.newCondition();

	private final ArrayDeque<Connection> unreturnedLogons = new ArrayDeque<>();

	private volatile String requiredUser;

	private volatile String requiredPassword;

	LogonRegistry(Iterable<Connection> connections) {
		this.connections = connections;
	}

	void requireCredentials(String user, String password) {
		this.requiredUser = Objects.requireNonNull(user, "user");
		this.requiredPassword = Objects.requireNonNull(password, "password");
	}

	boolean checkCredentials(String user, String password) {
		String required = this.requiredUser;
		return required == null || (required.equals(user) && Objects.equals(this.requiredPassword, password));
	}

	/**
	 * Marks the connection logged on, applying AMPS's rule for a client name in use (Command Reference "logon": "If
	 * an application logs on with the same ClientName and authenticated user name as an existing connection, AMPS
	 * assumes that the new logon is a reconnection from the existing connection and disconnects the existing
	 * connection. If an application logs on with the same ClientName as an existing connection but a different
	 * authenticated user name, the new logon will fail."). A silent connection (a hung server simulated by a test)
	 * never makes a logon fail: with another user it is disconnected as well.
	 * @return {@code null} if it is logged on, otherwise the failure reason ({@link Reasons#NAME_IN_USE})
	 */
	String logOn(Connection connection, String name, String user, String nameHash, boolean json) {
		List<Connection> replaced = new ArrayList<>(1);
		this.logonLock.lock();
		try {
			if (name != null) {
				for (Connection other : this.connections) {
					if (other == connection || !other.isLoggedOn() || !other.isOpen()
							|| !name.equals(other.clientName())) {
						continue;
					}
					if (!Objects.equals(user, other.user()) && !other.isSilent()) {
						return Reasons.NAME_IN_USE;
					}
					replaced.add(other);
				}
			}
			connection.loggedOn(name, user, nameHash, json);
		}
		finally {
			this.logonLock.unlock();
		}
		for (Connection other : replaced) {
			log.info("AMPS test server: client '{}' logged on again from {}; disconnecting its earlier connection {}",
					name, connection.remoteAddress(), other);
			other.close();
		}
		return null;
	}

	/** Makes a connection whose logon ack went out available to {@link #await(Duration)}. */
	void loggedOn(Connection connection) {
		this.logonLock.lock();
		try {
			this.unreturnedLogons.addLast(connection);
			this.loggedOn.signalAll();
		}
		finally {
			this.logonLock.unlock();
		}
	}

	/**
	 * The earliest connection that logged on and was not yet returned, waiting up to the timeout.
	 * @return the connection, or {@code null} if none logged on in time
	 */
	Connection await(Duration timeout) {
		long remaining = timeout.toNanos();
		this.logonLock.lock();
		try {
			while (this.unreturnedLogons.isEmpty()) {
				if (remaining <= 0) {
					return null;
				}
				remaining = this.loggedOn.awaitNanos(remaining);
			}
			return this.unreturnedLogons.removeFirst();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a logon", ex);
		}
		finally {
			this.logonLock.unlock();
		}
	}

}
