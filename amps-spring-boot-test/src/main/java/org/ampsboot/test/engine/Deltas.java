package org.ampsboot.test.engine;

import java.util.Map;

import org.ampsboot.test.wire.Json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delta merge and difference of SOW records (AMPS User Guide, "Understanding Delta Publish" and "Receiving Only
 * Updated Fields").
 */
final class Deltas {

	private Deltas() {
	}

	/**
	 * Merges a delta into a record: objects field by field, everything else replaced; a field set to {@code null}
	 * in the delta is ignored (AMPS ignores NULL fields in a delta: issue 12, no 60East page found in the stored
	 * docs), so the record keeps its value.
	 */
	static void merge(ObjectNode target, ObjectNode delta) {
		for (Map.Entry<String, JsonNode> field : delta.properties()) {
			if (field.getValue().isNull()) {
				continue;
			}
			JsonNode existing = target.get(field.getKey());
			if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode deltaObject) {
				merge(existingObject, deltaObject);
			}
			else if (field.getValue() instanceof ObjectNode deltaObject) {
				ObjectNode added = Json.MAPPER.createObjectNode();
				merge(added, deltaObject);
				target.set(field.getKey(), added);
			}
			else {
				target.set(field.getKey(), field.getValue().deepCopy());
			}
		}
	}

	/**
	 * What a delta subscription receives for an update (User Guide, "Receiving Only Updated Fields"): the key fields
	 * and every field whose value changed (nested objects reduced to their changed fields, arrays whole).
	 */
	static ObjectNode difference(SowTopic sow, JsonNode before, JsonNode after) {
		ObjectNode changes = Json.MAPPER.createObjectNode();
		for (String[] steps : sow.keySteps) {
			copyPath(after, changes, steps);
		}
		addChanges((ObjectNode) before, (ObjectNode) after, changes);
		return changes;
	}

	private static void addChanges(ObjectNode before, ObjectNode after, ObjectNode into) {
		for (Map.Entry<String, JsonNode> field : after.properties()) {
			JsonNode old = before.get(field.getKey());
			JsonNode now = field.getValue();
			if (now.equals(old)) {
				continue;
			}
			if (old instanceof ObjectNode oldObject && now instanceof ObjectNode newObject) {
				JsonNode existing = into.get(field.getKey());
				ObjectNode nested = (existing instanceof ObjectNode object) ? object : into.putObject(field.getKey());
				addChanges(oldObject, newObject, nested);
			}
			else {
				into.set(field.getKey(), now.deepCopy());
			}
		}
	}

	/** Copies the field at this path of {@code from} (if there is one) to the same path of {@code into}. */
	static void copyPath(JsonNode from, ObjectNode into, String[] steps) {
		JsonNode source = from;
		ObjectNode target = into;
		for (int i = 0; i < steps.length; i++) {
			source = (source instanceof ObjectNode object) ? object.get(steps[i]) : null;
			if (source == null) {
				return;
			}
			if (i == steps.length - 1) {
				target.set(steps[i], source.deepCopy());
			}
			else {
				JsonNode existing = target.get(steps[i]);
				target = (existing instanceof ObjectNode nested) ? nested : target.putObject(steps[i]);
			}
		}
	}

}
