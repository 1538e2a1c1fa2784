package org.ampsboot.test.command;

import org.ampsboot.test.engine.filter.ContentFilter;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Reasons;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/** The content filter of a command ({@code filter}), refused with {@code bad filter} when it does not
 * parse, and loudly (not supported by the test server) when it is valid AMPS the server does not implement. */
final class Filters {

	private static final Logger log = ServerLog.LOG;

	/** Marks a filter that did not parse (and was answered with a failure ack). */
	static final ContentFilter INVALID = ContentFilter.parse("1 = 1");

	private Filters() {
	}

	/**
	 * The command's content filter, {@code null} if it has none, or {@link #INVALID} after answering a filter that
	 * does not parse with a {@code bad filter} failure ack.
	 */
	static ContentFilter parse(Session session, InboundHeader header) {
		String text = header.filter();
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return ContentFilter.parse(text);
		}
		catch (ContentFilter.FilterSyntaxException ex) {
			log.info("AMPS test server: '{}' to '{}' from {} refused with '{}': {}", header.command(), header.topic(),
					session, Reasons.BAD_FILTER, ex.getMessage());
			Acks.fail(session, header, Reasons.BAD_FILTER);
			return INVALID;
		}
		catch (ContentFilter.UnsupportedFeatureException ex) {
			// valid AMPS, not implemented here: the loud refusal
			Acks.notSupported(session, header, ex.feature());
			return INVALID;
		}
	}

}
