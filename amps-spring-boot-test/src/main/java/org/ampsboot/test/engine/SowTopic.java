package org.ampsboot.test.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** One SOW topic: its key fields and its records by SowKey, in the order they were first published. */
final class SowTopic {

	final String name;

	final List<String> keyPaths;

	final List<String[]> keySteps = new ArrayList<>();

	final LinkedHashMap<String, Record> records = new LinkedHashMap<>();

	/**
	 * Whether publishers give each message its SowKey ({@code k}) instead of AMPS deriving it from key fields (User
	 * Guide, "Understanding SOW Keys": "An individual SOW topic may use either AMPS-generated SOW keys or
	 * user-generated SOW keys"); then {@link #keyPaths} is empty.
	 */
	final boolean publisherKeys;

	/** The topic's history for historical queries, or {@code null} (the default: none). Guarded by the engine's lock. */
	SowHistory history;

	/** Records a change in the history, if kept. */
	void changed(String sowKey, Record record, long sequence) {
		if (this.history != null) {
			this.history.changed(sowKey, record, sequence);
		}
	}

	SowTopic(String name, List<String> keyPaths) {
		this.name = name;
		this.publisherKeys = keyPaths.isEmpty();
		this.keyPaths = List.copyOf(keyPaths);
		for (String path : keyPaths) {
			this.keySteps.add(path.substring(1).split("/"));
		}
	}

	/** The values of the key fields as one string, or {@code null} if one is missing or null. */
	String keyText(JsonNode document) {
		StringBuilder text = new StringBuilder();
		for (String[] steps : this.keySteps) {
			JsonNode node = document;
			for (String step : steps) {
				node = (node != null && node.isObject()) ? node.get(step) : null;
			}
			if (node == null || node.isNull() || node.isContainer()) {
				return null;
			}
			if (!text.isEmpty()) {
				text.append('\u0001');
			}
			text.append(node.isString() ? node.stringValue() : node.toString());
		}
		return text.toString();
	}

	/**
	 * The SowKey AMPS would send in {@code k}: here a stable decimal number derived from the topic and the key
	 * values (AMPS computes its own hash; clients treat the key as opaque).
	 */
	String sowKey(String keyText) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : (this.name + '\u0000' + keyText).getBytes(StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= 0x100000001b3L;
		}
		return Long.toUnsignedString(hash);
	}

}
