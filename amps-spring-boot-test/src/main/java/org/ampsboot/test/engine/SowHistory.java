package org.ampsboot.test.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history of a SOW topic, for historical queries (User Guide, "Historical SOW Topic Queries": a topic with
 * {@code History} in its SOW definition answers a {@code sow} whose {@code Bookmark} header is a bookmark or a
 * timestamp with "the state of messages in a topic as they existed at a specific point in time"). The test server
 * keeps every change, with no window: as AMPS with a {@code Granularity} finer than the changes and a
 * {@code Window} longer than the test. Guarded by the engine's lock.
 */
final class SowHistory {

	/**
	 * One state of a record: set at a time, or removed ({@code record} null), after the server-wide bookmark
	 * sequence had reached {@code sequence} (for a topic in the transaction log, the setting message's own).
	 */
	private record Version(long millis, long sequence, Record record) {
	}

	private final Map<String, List<Version>> versions = new LinkedHashMap<>();

	/** A record was set ({@code record}) or removed ({@code null}) when the bookmark sequence was at {@code sequence}. */
	void changed(String sowKey, Record record, long sequence) {
		this.versions.computeIfAbsent(sowKey, (key) -> new ArrayList<>())
			.add(new Version(System.currentTimeMillis(), sequence, record));
	}

	/**
	 * The records as they were at a point: the latest state of each key set at or before it, unless that state
	 * is a removal.
	 * @param atMillis a time in epoch milliseconds, or {@code Long.MIN_VALUE} to use {@code atSequence}
	 * @param atSequence the bookmark sequence of a message of the transaction log (the state includes it)
	 */
	List<Record> asOf(long atMillis, long atSequence) {
		List<Record> records = new ArrayList<>();
		for (List<Version> history : this.versions.values()) {
			Record state = null;
			for (Version version : history) {
				boolean before = (atMillis != Long.MIN_VALUE) ? version.millis() <= atMillis
						: version.sequence() <= atSequence;
				if (!before) {
					break;
				}
				state = version.record();
			}
			if (state != null) {
				records.add(state);
			}
		}
		return records;
	}

}
