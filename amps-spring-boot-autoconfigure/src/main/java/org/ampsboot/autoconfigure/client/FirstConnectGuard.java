package org.ampsboot.autoconfigure.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
 *
 * <p>Each failed attempt is logged, so that a person watching a start-up that waits for a server sees progress:
 * the first failure of each server at WARN, later ones at INFO, with the server's URI (password masked), the attempt
 * number, the cause and the time left.
 */
final class FirstConnectGuard {

	private static final Log logger = LogFactory.getLog(AmpsClientLifecycle.class);

	private final String clientName;

	private final Map<String, Integer> attempts = new HashMap<>();

	private final long deadlineNanos;

	private final Map<String, Exception> lastErrors = new LinkedHashMap<>();

	private volatile boolean starting = true;

	private volatile String refusedUri;

	private volatile AuthenticationException refusal;

	FirstConnectGuard(Duration timeout, String clientName) {
		this.deadlineNanos = System.nanoTime() + timeout.toNanos();
		this.clientName = clientName;
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
		int attempt = this.attempts.merge(uri, 1, Integer::sum);
		if (attempt == 1 ? logger.isWarnEnabled() : logger.isInfoEnabled()) {
			long left = Math.max(0, Duration.ofNanos(this.deadlineNanos - System.nanoTime()).toMillis());
			String message = "AMPS client '" + this.clientName + "': connecting to " + AmpsUris.mask(uri)
					+ " failed (attempt " + attempt + "): " + describe(failure) + "; retrying for up to " + left
					+ " ms more (amps.first-connect-timeout)";
			if (attempt == 1) {
				logger.warn(message);
			}
			else {
				logger.info(message);
			}
		}
		if (failure instanceof AuthenticationException authentication && this.refusal == null) {
			this.refusedUri = uri;
			this.refusal = authentication;
		}
	}

	/** The cause's class and message, with the password of any URI in the message masked. */
	private static String describe(Exception failure) {
		Throwable cause = (failure.getCause() != null && failure.getMessage() == null) ? failure.getCause() : failure;
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + AmpsUris.mask(message) : "");
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
