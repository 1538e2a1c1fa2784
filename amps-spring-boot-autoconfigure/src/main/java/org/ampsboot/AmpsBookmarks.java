package org.ampsboot;

/**
 * The bookmarks AMPS documents for a bookmark subscription ({@link AmpsListener#bookmark()}), as
 * compile-time constants usable in annotations:
 * {@code @AmpsListener(topic = "orders", bookmark = AmpsBookmarks.RECENT)}. The values are those of the
 * AMPS Java client's {@code Client.Bookmarks}. Any other bookmark, a timestamp ({@code 20260101T000000Z}) or a
 * comma-delimited list is passed to AMPS as it is.
 */
public final class AmpsBookmarks {

	/**
	 * The start of the transaction log: replay everything it keeps, then live.
	 */
	public static final String EPOCH = "0";

	/**
	 * Resume where this listener left off: the AMPS client replaces it with the bookmark store's recovery
	 * point for the listener's subscription id (its container id), which is after the last message the
	 * starter marked processed. With an empty store (first start) that is {@link #EPOCH}; with no bookmark
	 * store ({@code amps.bookmark-store.type=none}) it is {@link #EPOCH} at every start.
	 */
	public static final String RECENT = "recent";

	/**
	 * Now: no replay, only what is published from now on (AMPS's {@code 0|1|}).
	 */
	public static final String NOW = "0|1|";

	private AmpsBookmarks() {
	}

}
