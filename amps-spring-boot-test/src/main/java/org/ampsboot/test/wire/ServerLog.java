package org.ampsboot.test.wire;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one logger of the test server, whatever package logs: named after {@code org.ampsboot.test.AmpsTestServer},
 * so that a test or an application configures (and captures) the server's log in one place.
 *
 * <p>Internal: not API.
 */
public final class ServerLog {

	/** The logger named {@code org.ampsboot.test.AmpsTestServer}. */
	public static final Logger LOG = LoggerFactory.getLogger("org.ampsboot.test.AmpsTestServer");

	private ServerLog() {
	}

}
