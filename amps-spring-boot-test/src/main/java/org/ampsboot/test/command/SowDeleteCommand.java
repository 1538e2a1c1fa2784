package org.ampsboot.test.command;

import java.util.Arrays;

import org.ampsboot.test.engine.Engine;
import org.ampsboot.test.engine.Options;
import org.ampsboot.test.engine.filter.ContentFilter;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Reasons;
import org.ampsboot.test.wire.ServerLog;
import org.slf4j.Logger;

/** {@code sow_delete}: by keys, filter or data on a SOW topic, or by bookmarks (a queue acknowledgement). */
final class SowDeleteCommand {

	private static final Logger log = ServerLog.LOG;

	private final Engine engine;

	SowDeleteCommand(Engine engine) {
		this.engine = engine;
	}

	void handle(Session session, byte[] frame, int headerEnd, InboundHeader header) {
		if (header.bookmark() != null && !header.bookmark().isBlank()) {
			// a queue acknowledgement; AMPS accepts bookmarks on queue topics only
			if (!this.engine.isQueue(header.topic())) {
				log.debug("AMPS test server: 'sow_delete' by bookmark on '{}' from {} refused with '{}': not a queue",
						header.topic(), session, Reasons.INVALID_TOPIC);
				Acks.fail(session, header, Reasons.INVALID_TOPIC);
				return;
			}
			String unsupported = unsupportedAckOption(header.options());
			if (unsupported != null) {
				Acks.notSupported(session, header, "option '" + unsupported + "' on a queue acknowledgement");
				return;
			}
			this.engine.acknowledge(session, header, Acks.around(session, header));
			return;
		}
		if (this.engine.isQueue(header.topic())) {
			Acks.notSupported(session, header, "'sow_delete' by filter, keys or data on a queue");
			return;
		}
		ContentFilter filter = Filters.parse(session, header);
		if (filter == Filters.INVALID) {
			return;
		}
		String refusal = this.engine.delete(session, header, filter,
				Arrays.copyOfRange(frame, headerEnd, frame.length), Acks.around(session, header));
		if (refusal != null) {
			log.debug("AMPS test server: 'sow_delete' on '{}' from {} refused with '{}'", header.topic(), session,
					refusal);
			Acks.fail(session, header, refusal);
		}
	}

	/**
	 * The first option of a queue acknowledgement other than {@code cancel} and {@code expire} (the options the
	 * client guides' "Returning a Message to the Queue" documents), or {@code null}.
	 */
	private static String unsupportedAckOption(String options) {
		for (String option : Options.split(options)) {
			if (!option.equals("cancel") && !option.equals("expire")) {
				return option;
			}
		}
		return null;
	}

}
