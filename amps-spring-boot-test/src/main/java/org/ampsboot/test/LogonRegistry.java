package org.ampsboot.test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who may log on to an {@link AmpsTestServer} (the required credentials, one live connection per client name)
 * and the connections that logged on, for {@link AmpsTestServer#awaitLogon(Duration)}.
 */
final class LogonRegistry {

	private final List<Connection> connections;

	private final ReentrantLock logonLock = new ReentrantLock();

	private final Condition loggedOn = this.logonLock.newCondition();

	private final ArrayDeque<Connection> unreturnedLogons = new ArrayDeque<>();

	private volatile String requiredUser;

	private volatile String requiredPassword;

	LogonRegistry(List<Connection> connections) {
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
	 * Marks the connection logged on unless another live connection uses the name (a silent connection does not
	 * hold its name: its client has given up on it, or will).
	 * @return whether it is logged on
	 */
	boolean logOn(Connection connection, String name, String nameHash, boolean json) {
		this.logonLock.lock();
		try {
			if (name != null) {
				for (Connection other : this.connections) {
					if (other != connection && other.isLoggedOn() && other.isOpen() && !other.isSilent()
							&& name.equals(other.clientName())) {
						return false;
					}
				}
			}
			connection.loggedOn(name, nameHash, json);
			return true;
		}
		finally {
			this.logonLock.unlock();
		}
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
