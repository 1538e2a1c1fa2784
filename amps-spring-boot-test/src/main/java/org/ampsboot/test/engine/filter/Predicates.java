package org.ampsboot.test.engine.filter;

import java.util.List;
import java.util.regex.Pattern;

import org.ampsboot.test.engine.filter.Values.Comparison;

/**
 * The nodes of the logical operators and predicates, as the AMPS User Guide's "AMPS Expressions" pages document
 * them. Internal: not API.
 *
 * <ul>
 * <li>"Logical Operators" and "AMPS Data Types": {@code AND}, {@code OR}, {@code NOT} with SQL-92 three-valued logic
 * (a comparison with NULL is neither true nor false).</li>
 * <li>"Comparison Operators": {@code BETWEEN} is inclusive; {@code IN} is the same as {@code =} joined by
 * {@code OR}.</li>
 * <li>"LIKE Operator": a regular expression (Java syntax standing in for PCRE), found anywhere in the value unless
 * anchored.</li>
 * <li>"String Comparison Functions": {@code BEGINS WITH} / {@code ENDS WITH} a set of strings, case-sensitive.</li>
 * <li>"Working with Arrays": a predicate on an array is true if any element satisfies it.</li>
 * <li>{@code IS [NOT] NULL}, and {@code IS [NOT] NAN}: true if the value is the floating point NaN ("Typed Value
 * Creation": {@code NAN_VALUE()} "Returns a NaN (not a number) value"; "Conditional Operators": results can be
 * "NULL or NaN"). Like {@code IS NULL} it is never NULL itself.</li>
 * </ul>
 */
final class Predicates {

	private Predicates() {
	}

	static Node or(Node left, Node right) {
		return (document) -> {
			Boolean first = Values.truth(left.eval(document));
			return Boolean.TRUE.equals(first) ? Boolean.TRUE : Values.or3(first, Values.truth(right.eval(document)));
		};
	}

	static Node and(Node left, Node right) {
		return (document) -> {
			Boolean first = Values.truth(left.eval(document));
			return Boolean.FALSE.equals(first) ? Boolean.FALSE : Values.and3(first, Values.truth(right.eval(document)));
		};
	}

	static Node not(Node operand) {
		return (document) -> Values.not3(Values.truth(operand.eval(document)));
	}

	static Node compare(Node left, Node right, Comparison comparison) {
		return (document) -> Values.compare(left.eval(document), right.eval(document), comparison);
	}

	static Node between(Node value, Node low, Node high) {
		return (document) -> {
			Object lowValue = low.eval(document);
			Object highValue = high.eval(document);
			return Values.any(value.eval(document), (v) -> Values.and3(Values.compare(v, lowValue, Comparison.GE),
					Values.compare(v, highValue, Comparison.LE)));
		};
	}

	static Node in(Node value, List<Node> set) {
		return (document) -> {
			Object v = value.eval(document);
			Boolean result = Boolean.FALSE;
			for (Node element : set) {
				result = Values.or3(result, Values.compare(v, element.eval(document), Comparison.EQ));
				if (Boolean.TRUE.equals(result)) {
					break;
				}
			}
			return result;
		};
	}

	static Node like(Node value, Pattern pattern) {
		return (document) -> Values.any(value.eval(document), (v) -> {
			String text = Values.text(v);
			return (text != null) ? pattern.matcher(text).find() : null;
		});
	}

	static Node beginsWith(Node value, List<String> prefixes) {
		return (document) -> Values.any(value.eval(document), (v) -> {
			String text = Values.text(v);
			return (text != null) ? prefixes.stream().anyMatch(text::startsWith) : null;
		});
	}

	static Node endsWith(Node value, List<String> suffixes) {
		return (document) -> Values.any(value.eval(document), (v) -> {
			String text = Values.text(v);
			return (text != null) ? suffixes.stream().anyMatch(text::endsWith) : null;
		});
	}

	static Node isNull(Node value, boolean negated) {
		return (document) -> Values.isNull(value.eval(document)) != negated;
	}

	static Node isNaN(Node value, boolean negated) {
		return (document) -> {
			Object v = value.eval(document);
			boolean nan = (v instanceof ContentFilter.Multi multi) ? multi.values().stream().anyMatch(Values::isNaN)
					: Values.isNaN(v);
			return nan != negated;
		};
	}

}
