package org.ampsboot.test.engine;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a bookmark subscription starts in the {@link TransactionLog}, parsed from the {@code bookmark} header: the
 * epoch {@code 0} (the start of the log), now {@code 0|1|} (no replay), a bookmark this server issued
 * ({@code <publisher hash>|<sequence>|}: the messages after it; it must be an entry of this server's log, see
 * {@link TransactionLog#notHeld}), a timestamp {@code YYYYMMDDThhmmss[.f][Z]} in UTC (the
 * messages recorded at or after it), or a comma-delimited list of these (the earliest of them).
 *
 * <p>Internal: not API.
 */
public final class ReplayPoint {

	/** The bookmark the AMPS clients send for "now" ({@code Client.Bookmarks.NOW}, seen on the wire). */
	public static final String NOW = "0|1|";

	/** The bookmark the AMPS clients send for the epoch ({@code Client.Bookmarks.EPOCH}, seen on the wire). */
	public static final String EPOCH = "0";

	private static final Pattern BOOKMARK = Pattern.compile("(\\d+)\\|(\\d+)\\|");

	private static final Pattern TIMESTAMP = Pattern.compile("(\\d{8}T\\d{6})(?:\\.(\\d{1,9}))?Z?");

	private static final DateTimeFormatter TIMESTAMP_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

	/** Replay every entry kept (the epoch). */
	final boolean epoch;

	/** Replay the entries whose sequence is above this ({@code Long.MAX_VALUE}: no bookmark given). */
	final long afterSequence;

	/** Replay the entries recorded at or after this, in epoch milliseconds ({@code Long.MAX_VALUE}: no timestamp). */
	final long atOrAfterMillis;

	/** The bookmarks of the form {@code <publisher hash>|<sequence>|} given, as given (each must be an entry). */
	final List<String> issued;

	private ReplayPoint(boolean epoch, long afterSequence, long atOrAfterMillis, List<String> issued) {
		this.epoch = epoch;
		this.afterSequence = afterSequence;
		this.atOrAfterMillis = atOrAfterMillis;
		this.issued = issued;
	}

	/**
	 * Parses the {@code bookmark} header.
	 * @return the replay point, or {@code null} if some part of it is none of the forms this server knows
	 */
	static ReplayPoint parse(String bookmarks) {
		boolean epoch = false;
		long afterSequence = Long.MAX_VALUE;
		long atOrAfterMillis = Long.MAX_VALUE;
		List<String> issuedBookmarks = new ArrayList<>();
		for (String part : bookmarks.split(",")) {
			String bookmark = part.trim();
			if (bookmark.equals(EPOCH)) {
				epoch = true;
				continue;
			}
			if (bookmark.equals(NOW)) {
				continue;
			}
			Matcher issued = BOOKMARK.matcher(bookmark);
			Matcher timestamp = TIMESTAMP.matcher(bookmark);
			try {
				if (issued.matches()) {
					afterSequence = Math.min(afterSequence, Long.parseLong(issued.group(2)));
					issuedBookmarks.add(bookmark);
				}
				else if (timestamp.matches()) {
					long millis = LocalDateTime.parse(timestamp.group(1), TIMESTAMP_FORMAT)
						.toInstant(ZoneOffset.UTC)
						.toEpochMilli();
					if (timestamp.group(2) != null) {
						millis += Integer.parseInt((timestamp.group(2) + "00").substring(0, 3));
					}
					atOrAfterMillis = Math.min(atOrAfterMillis, millis);
				}
				else {
					return null;
				}
			}
			catch (NumberFormatException | DateTimeParseException ex) {
				return null;
			}
		}
		return new ReplayPoint(epoch, afterSequence, atOrAfterMillis, issuedBookmarks);
	}

	/** The point after this sequence (where a paused subscription resumes). */
	static ReplayPoint after(long sequence) {
		return new ReplayPoint(false, sequence, Long.MAX_VALUE, List.of());
	}

	/** Whether nothing is replayed (only {@code 0|1|}, now). */
	boolean isNow() {
		return !this.epoch && this.afterSequence == Long.MAX_VALUE && this.atOrAfterMillis == Long.MAX_VALUE;
	}

	/** Whether an entry is replayed from this point (a list replays from the earliest of its bookmarks). */
	boolean replays(long sequence, long timeMillis) {
		return this.epoch || sequence > this.afterSequence || timeMillis >= this.atOrAfterMillis;
	}

	@Override
	public String toString() {
		return "ReplayPoint[epoch=" + this.epoch + ", afterSequence=" + this.afterSequence + ", atOrAfterMillis="
				+ this.atOrAfterMillis + "]";
	}

}
