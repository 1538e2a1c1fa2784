package org.ampsboot.test.engine.filter;

import tools.jackson.databind.JsonNode;

/**
 * A parsed part of a filter: evaluates to a value (see {@link Values}) for a document. Internal: not API.
 */
@FunctionalInterface
interface Node {

	Object eval(JsonNode document);

	/** A constant. */
	record Literal(Object value) implements Node {

		@Override
		public Object eval(JsonNode document) {
			return this.value;
		}

	}

}
