package org.ampsboot.autoconfigure.support;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;

/**
 * Logs the failures of one thing (a fallback handler, a listener) so that one that fails on every
 * message cannot flood the log: the first failure is logged at ERROR with its stack trace, then
 * one ERROR line every {@value #EVERY} failures, with the total and how many were not logged since
 * the previous entry. 10,000 failures make 11 entries. Thread-safe.
 * <p>
 * Internal: not API (public only because the fallback and listener packages both use it).
 */
public final class ThrottledFailureLog {

	/** One entry per this many failures after the first. */
	public static final long EVERY = 1000;

	private final Log logger;

	private final AtomicLong failures = new AtomicLong();

	public ThrottledFailureLog(Log logger) {
		this.logger = logger;
	}

	/**
	 * Counts a failure. Callers build their log text only when this returns non-zero:
	 * <pre class="code">
	 * long count = log.count();
	 * if (count != 0) {
	 *     log.log(count, "AMPS listener " + name, "failed on a message (topic=" + topic + ")", ex);
	 * }
	 * </pre>
	 * @return the number of failures so far if this one is to be logged (the first, or every
	 * {@value #EVERY}th), else 0
	 */
	public long count() {
		long count = this.failures.incrementAndGet();
		return (count == 1 || count % EVERY == 0) ? count : 0;
	}

	/**
	 * Logs the failure {@link #count()} counted: the first with its stack trace, a later one as a
	 * line with the total.
	 * @param count what {@link #count()} returned
	 * @param subject what failed, as the start of the sentence ("AMPS listener x")
	 * @param detail the rest of the first entry ("failed on a message (topic=...)")
	 * @param ex what was thrown
	 */
	public void log(long count, String subject, String detail, Throwable ex) {
		if (count == 1) {
			this.logger.error(subject + " " + detail, ex);
		}
		else if (this.logger.isErrorEnabled()) {
			this.logger.error(subject + " has failed " + count + " times (" + (EVERY - 1)
					+ " not logged since the previous entry); the latest: " + ex);
		}
	}

}
