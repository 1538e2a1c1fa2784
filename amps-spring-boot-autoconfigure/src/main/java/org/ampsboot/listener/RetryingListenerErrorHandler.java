package org.ampsboot.listener;

import java.time.Duration;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import org.ampsboot.AmpsAcknowledgement;
import org.ampsboot.AmpsListenerErrorHandler;

/**
 * The default {@link AmpsListenerErrorHandler}: calls the listener again after each back-off of a
 * {@link BackOff} (such as an {@code ExponentialBackOff}) until it succeeds, the back-off stops,
 * or the next attempt would start after the time bound, then hands the message to an
 * {@link AmpsListenerRecoverer}. A payload that does not convert to the listener's parameter is
 * not retried. Configured from {@code amps.listener.retry.*} and {@code amps.listener.recoverer};
 * build one to combine them differently.
 * <p>
 * The retries run on the thread that called the listener, and block it. On the client's receive
 * thread that also stalls every other subscription of the client and the heartbeats, so keep the
 * time bound well under the heartbeat timeout, and give long retries to listeners dispatched to
 * an executor.
 */
public class RetryingListenerErrorHandler implements AmpsListenerErrorHandler {

	private final AmpsListenerRecoverer recoverer;

	private final BackOff backOff;

	private final long maxElapsedNanos;

	/**
	 * An error handler that does not retry: each failure goes to the recoverer.
	 * @param recoverer the recoverer
	 */
	public RetryingListenerErrorHandler(AmpsListenerRecoverer recoverer) {
		this(recoverer, null, Duration.ZERO);
	}

	/**
	 * An error handler that retries.
	 * @param recoverer the recoverer, once retries are exhausted
	 * @param backOff how long to wait before each retry, and when to stop; {@code null} for no
	 * retries
	 * @param maxElapsedTime the bound on the time from the failure to the start of the last retry
	 */
	public RetryingListenerErrorHandler(AmpsListenerRecoverer recoverer, BackOff backOff, Duration maxElapsedTime) {
		if (recoverer == null) {
			throw new IllegalArgumentException("The recoverer must not be null");
		}
		if (maxElapsedTime == null || maxElapsedTime.isNegative()) {
			throw new IllegalArgumentException("The retries' time bound (amps.listener.retry.max-elapsed-time) must be "
					+ "zero or positive, not " + maxElapsedTime);
		}
		this.recoverer = recoverer;
		this.backOff = backOff;
		this.maxElapsedNanos = maxElapsedTime.toNanos();
	}

	@Override
	public void handleError(AmpsListenerFailure failure) {
		if (this.backOff != null && !failure.isConversionFailure() && retried(failure)) {
			return;
		}
		try {
			this.recoverer.recover(failure);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(this.recoverer + " did not handle a failure of " + failure.getListener(),
					ex);
		}
	}

	/** Retries until the listener returns normally (then true), or the back-off or the bound says stop. */
	private boolean retried(AmpsListenerFailure failure) {
		long deadline = System.nanoTime() + this.maxElapsedNanos;
		BackOffExecution execution = this.backOff.start();
		while (!failure.isConversionFailure()) {
			long wait = execution.nextBackOff();
			if (wait == BackOffExecution.STOP || System.nanoTime() + wait * 1_000_000 - deadline > 0) {
				return false;
			}
			try {
				Thread.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			try {
				failure.retry();
				return true;
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				// the failure holds it; the back-off decides
			}
		}
		return false;
	}

	/**
	 * Without the failure's context (called directly, not by the starter): no retry, straight to
	 * the recoverer.
	 */
	@Override
	public void handleError(Message message, AmpsAcknowledgement acknowledgement, String listener, Throwable error) {
		handleError(new Detached(message, acknowledgement, listener, error));
	}

	public AmpsListenerRecoverer getRecoverer() {
		return this.recoverer;
	}

	@Override
	public String toString() {
		return "RetryingListenerErrorHandler[" + ((this.backOff != null) ? this.backOff + ", at most "
				+ Duration.ofNanos(this.maxElapsedNanos) : "no retries") + ", then " + this.recoverer + "]";
	}

	/** A failure reported without its container, client or a way to retry. */
	private record Detached(Message message, AmpsAcknowledgement acknowledgement, String listener,
			Throwable error) implements AmpsListenerFailure {

		@Override
		public Message getMessage() {
			return this.message;
		}

		@Override
		public AmpsAcknowledgement getAcknowledgement() {
			return this.acknowledgement;
		}

		@Override
		public String getListener() {
			return this.listener;
		}

		@Override
		public AmpsListenerContainer getContainer() {
			return null;
		}

		@Override
		public Client getClient() {
			return null;
		}

		@Override
		public Throwable getError() {
			return this.error;
		}

		@Override
		public int getAttempts() {
			return 1;
		}

		@Override
		public boolean isConversionFailure() {
			return false;
		}

		@Override
		public void stopContainer() {
			throw new UnsupportedOperationException("No container without the listener's context");
		}

		@Override
		public void retry() {
			throw new UnsupportedOperationException("No retry without the listener's context");
		}

	}

}
