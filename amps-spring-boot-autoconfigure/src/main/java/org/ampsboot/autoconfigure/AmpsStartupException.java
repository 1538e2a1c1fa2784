package org.ampsboot.autoconfigure;

/**
 * Startup cannot go on: the AMPS configuration is invalid or the first connection failed. The
 * message never contains a password. {@link AmpsStartupFailureAnalyzer} turns it into Spring
 * Boot's failure report.
 */
final class AmpsStartupException extends RuntimeException {

	private final String action;

	AmpsStartupException(String description, String action) {
		this(description, action, null);
	}

	AmpsStartupException(String description, String action, Throwable cause) {
		super(description, cause);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
