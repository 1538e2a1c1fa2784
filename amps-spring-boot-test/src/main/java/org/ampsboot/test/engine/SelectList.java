package org.ampsboot.test.engine;

import java.util.ArrayList;
import java.util.List;

import org.ampsboot.test.wire.Json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A select list ({@code select=[+/field,-/field,...]}, AMPS 5.3; AMPS User Guide "Retrieving Part of a Message"
 * and the 60East blog "Select Lists: Data Served Up As You Like It"): XPath identifiers prefixed with {@code +}
 * (include the field) or {@code -} (exclude it). The entries apply in order, starting from no field when the first
 * grants one and from the whole message when the first removes one; a path names a field of an object, nested
 * paths ({@code /order/qty}) a field inside one.
 *
 * <p>Internal: not API.
 */
public final class SelectList {

	private record Entry(boolean include, String[] steps) {
	}

	private final List<Entry> entries;

	private final String text;

	private SelectList(List<Entry> entries, String text) {
		this.entries = entries;
		this.text = text;
	}

	/**
	 * Reads the value of a {@code select=} option: {@code [+/a,-/b]}, or one entry without brackets.
	 * @throws IllegalArgumentException if it is not such a list
	 */
	public static SelectList parse(String value) {
		String list = value.trim();
		if (list.startsWith("[")) {
			if (!list.endsWith("]")) {
				throw new IllegalArgumentException("select list '" + value + "' lacks its closing ']'");
			}
			list = list.substring(1, list.length() - 1);
		}
		else if (list.contains(",")) {
			throw new IllegalArgumentException("select list '" + value + "' with several entries needs [...]");
		}
		List<Entry> entries = new ArrayList<>();
		for (String part : list.split(",")) {
			String entry = part.trim();
			if (entry.length() < 3 || (entry.charAt(0) != '+' && entry.charAt(0) != '-') || entry.charAt(1) != '/') {
				throw new IllegalArgumentException(
						"select list entry '" + entry + "' is not +/field or -/field");
			}
			String[] steps = entry.substring(2).split("/");
			for (String step : steps) {
				if (step.isEmpty()) {
					throw new IllegalArgumentException("select list entry '" + entry + "' has an empty step");
				}
			}
			entries.add(new Entry(entry.charAt(0) == '+', steps));
		}
		return new SelectList(List.copyOf(entries), value.trim());
	}

	/** The part of the message this list selects, as JSON bytes. */
	byte[] apply(JsonNode document) {
		if (!(document instanceof ObjectNode object)) {
			return Json.MAPPER.writeValueAsBytes(document);
		}
		ObjectNode result = this.entries.get(0).include() ? Json.MAPPER.createObjectNode() : object.deepCopy();
		for (Entry entry : this.entries) {
			if (entry.include()) {
				Deltas.copyPath(object, result, entry.steps());
			}
			else {
				remove(result, entry.steps());
			}
		}
		return Json.MAPPER.writeValueAsBytes(result);
	}

	private static void remove(ObjectNode from, String[] steps) {
		JsonNode node = from;
		for (int i = 0; i < steps.length - 1; i++) {
			node = (node instanceof ObjectNode object) ? object.get(steps[i]) : null;
		}
		if (node instanceof ObjectNode parent) {
			parent.remove(steps[steps.length - 1]);
		}
	}

	@Override
	public String toString() {
		return this.text;
	}

}
