package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.crankuptheamps.client.Authenticator;
import com.crankuptheamps.client.ConnectionInfo;
import com.crankuptheamps.client.ReconnectDelayStrategy;
import com.crankuptheamps.client.ServerChooser;
import com.crankuptheamps.client.exception.AuthenticationException;

/**
 * Bounds the first connection of an {@code HAClient}, which on its own retries forever and
 * reports an empty "last connection error" when it gives up. Wraps the client's server chooser
 * (to see each failure and its server) and its reconnect delay strategy (to give up at the
 * deadline, or at once on refused credentials). Once the first logon succeeded, both wrappers
 * only delegate.
 */
final class FirstConnectGuard {

	private final long deadlineNanos;

	private final Map<String, Exception> lastErrors = new LinkedHashMap<>();

	private volatile boolean starting = true;

	private volatile String refusedUri;

	private volatile AuthenticationException refusal;

	FirstConnectGuard(Duration timeout) {
		this.deadlineNanos = System.nanoTime() + timeout.toNanos();
	}

	ServerChooser guard(ServerChooser chooser) {
		return new RecordingServerChooser(chooser);
	}

	ReconnectDelayStrategy guard(ReconnectDelayStrategy strategy) {
		return new BoundedDelayStrategy(strategy);
	}

	void finished() {
		this.starting = false;
	}

	boolean credentialsRefused() {
		return this.refusal != null;
	}

	String refusedUri() {
		return this.refusedUri;
	}

	AuthenticationException refusal() {
		return this.refusal;
	}

	synchronized Map<String, Exception> lastErrors() {
		return new LinkedHashMap<>(this.lastErrors);
	}

	private synchronized void record(String uri, Exception failure) {
		this.lastErrors.put(uri, failure);
		if (failure instanceof AuthenticationException authentication && this.refusal == null) {
			this.refusedUri = uri;
			this.refusal = authentication;
		}
	}

	private final class RecordingServerChooser implements ServerChooser {

		private final ServerChooser delegate;

		RecordingServerChooser(ServerChooser delegate) {
			this.delegate = delegate;
		}

		@Override
		public String getCurrentURI() {
			return this.delegate.getCurrentURI();
		}

		@Override
		public Authenticator getCurrentAuthenticator() throws Exception {
			return this.delegate.getCurrentAuthenticator();
		}

		@Override
		public void reportFailure(Exception exception, ConnectionInfo info) throws Exception {
			if (FirstConnectGuard.this.starting) {
				record(String.valueOf(this.delegate.getCurrentURI()), exception);
				if (credentialsRefused()) {
					// Thrown from here, the exception stops the HAClient's connect loop at once.
					throw new IllegalStateException("AMPS refused the credentials; not retrying at startup");
				}
			}
			this.delegate.reportFailure(exception, info);
		}

		@Override
		public void reportSuccess(ConnectionInfo info) {
			this.delegate.reportSuccess(info);
		}

		@Override
		public String getError() {
			return this.delegate.getError();
		}

	}

	private final class BoundedDelayStrategy implements ReconnectDelayStrategy {

		private final ReconnectDelayStrategy delegate;

		BoundedDelayStrategy(ReconnectDelayStrategy delegate) {
			this.delegate = delegate;
		}

		@Override
		public int getConnectWaitDuration(String uri) throws Exception {
			if (!FirstConnectGuard.this.starting) {
				return this.delegate.getConnectWaitDuration(uri);
			}
			if (credentialsRefused()) {
				throw new IllegalStateException("AMPS refused the credentials; not retrying at startup");
			}
			long remainingMillis = Duration.ofNanos(FirstConnectGuard.this.deadlineNanos - System.nanoTime())
				.toMillis();
			if (remainingMillis <= 0) {
				throw new IllegalStateException("First-connect timeout reached; not retrying at startup");
			}
			int wait = this.delegate.getConnectWaitDuration(uri);
			return (int) Math.min(wait, remainingMillis);
		}

		@Override
		public void reset() {
			this.delegate.reset();
		}

	}

}
