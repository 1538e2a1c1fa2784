package org.ampsboot.autoconfigure;

/**
 * Startup cannot go on: the AMPS configuration is invalid or the first connection failed. The
 * message never contains a password. {@link AmpsStartupFailureAnalyzer} turns it into Spring
 * Boot's failure report.
 * <p>
 * Internal: not API (public only because the classes that throw it live in other packages).
 */
public final class AmpsStartupException extends RuntimeException {

	private final String action;

	public AmpsStartupException(String description, String action) {
		this(description, action, null);
	}

	public AmpsStartupException(String description, String action, Throwable cause) {
		super(description, cause);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
