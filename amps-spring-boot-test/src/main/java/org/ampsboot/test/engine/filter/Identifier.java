package org.ampsboot.test.engine.filter;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * An identifier such as {@code /order/lines[0]/qty}: the values it reaches in a JSON document (AMPS User Guide,
 * "AMPS Expressions", "Syntax" and "Working with Arrays"). A step through an array without a subscript visits every
 * element; several values reached are a {@link ContentFilter.Multi}. JSON integers are AMPS integers ({@link Long},
 * a double if too large), other JSON numbers AMPS floating point values ({@link Double}) ("AMPS Data Types": JSON
 * {@code {"b":24}} is an Integer, {@code {"c":24.0}} a Floating Point). Internal: not API.
 */
record Identifier(List<Step> steps, String text) implements Node {

	/** One step: a field name and, optionally, an array position. */
	record Step(String name, Integer index) {
	}

	@Override
	public Object eval(JsonNode document) {
		if (document == null) {
			return null;
		}
		List<JsonNode> current = List.of(document);
		for (Step step : this.steps) {
			List<JsonNode> next = new ArrayList<>(1);
			for (JsonNode node : current) {
				collect(node, step, next);
			}
			if (next.isEmpty()) {
				return null;
			}
			current = next;
		}
		if (current.size() == 1) {
			return value(current.get(0));
		}
		List<Object> values = new ArrayList<>(current.size());
		for (JsonNode node : current) {
			addFlattened(values, value(node));
		}
		return new ContentFilter.Multi(values);
	}

	private static void collect(JsonNode node, Step step, List<JsonNode> into) {
		if (node.isArray()) {
			for (JsonNode element : node) {
				collect(element, step, into);
			}
			return;
		}
		if (!node.isObject()) {
			return;
		}
		JsonNode child = node.get(step.name());
		if (child == null) {
			return;
		}
		if (step.index() != null) {
			if (!child.isArray()) {
				return;
			}
			child = child.get(step.index());
			if (child == null) {
				return;
			}
		}
		into.add(child);
	}

	private static Object value(JsonNode node) {
		if (node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isNumber()) {
			if (node.isIntegralNumber()) {
				return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
			}
			return node.doubleValue();
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isArray()) {
			List<Object> values = new ArrayList<>(node.size());
			for (JsonNode element : node) {
				addFlattened(values, value(element));
			}
			return new ContentFilter.Multi(values);
		}
		return node.toString();
	}

	private static void addFlattened(List<Object> values, Object value) {
		if (value instanceof ContentFilter.Multi multi) {
			values.addAll(multi.values());
		}
		else {
			values.add(value);
		}
	}

}
