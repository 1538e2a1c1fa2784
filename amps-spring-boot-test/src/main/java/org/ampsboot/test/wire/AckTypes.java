package org.ampsboot.test.wire;

import java.util.ArrayList;
import java.util.List;

/** The comma list of ack types in a command's {@code a} header. Internal: not API. */
public final class AckTypes {

	private static final List<String> PROCESSED_ONLY = List.of("processed");

	private AckTypes() {
	}

	/** The requested ack types in order, without blanks and without "none". */
	public static List<String> of(String header) {
		if (header == null || header.isBlank()) {
			return List.of();
		}
		List<String> types = new ArrayList<>(2);
		for (String part : header.split(",")) {
			String type = part.trim();
			if (!type.isEmpty() && !type.equals("none") && !types.contains(type)) {
				types.add(type);
			}
		}
		return types;
	}

	/** The requested ack types, or just "processed" when none were requested. */
	public static List<String> orProcessed(String header) {
		List<String> types = of(header);
		return types.isEmpty() ? PROCESSED_ONLY : types;
	}

	public static boolean contains(String header, String ackType) {
		return header != null && of(header).contains(ackType);
	}

}
