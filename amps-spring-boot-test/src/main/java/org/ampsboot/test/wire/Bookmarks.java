package org.ampsboot.test.wire;

import java.nio.charset.StandardCharsets;

/**
 * The parts of the bookmarks the test server hands out: {@code <publisher name hash>|<sequence>|}.
 *
 * <p>Internal: not API.
 */
public final class Bookmarks {

	private Bookmarks() {
	}

	/** A stable, positive number for a client name, used as the publisher part of bookmarks. */
	public static String nameHash(String name) {
		if (name == null) {
			return "0";
		}
		long hash = 0xcbf29ce484222325L;
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= 0x100000001b3L;
		}
		return Long.toString(hash & Long.MAX_VALUE);
	}

	/** The bookmark {@code <nameHash>|<sequence>|}. */
	public static String of(String nameHash, long sequence) {
		return nameHash + "|" + sequence + "|";
	}

}
