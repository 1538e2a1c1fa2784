package org.ampsboot.autoconfigure;

/**
 * What the tests of the part packages (client, listener, ...) read of
 * {@link AmpsStartupException}, whose action stays package-private in the main code.
 */
public final class StartupFailures {

	private StartupFailures() {
	}

	/** The action the failure analyzer shows for this failure. */
	public static String action(AmpsStartupException failure) {
		return failure.getAction();
	}

}
