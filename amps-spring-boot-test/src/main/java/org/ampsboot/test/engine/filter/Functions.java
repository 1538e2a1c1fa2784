package org.ampsboot.test.engine.filter;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The AMPS functions the test server implements, each as the page of the AMPS User Guide cited at it documents it.
 * Internal: not API.
 *
 * <p>"AMPS Functions": "a function can be used in any place an identifier or literal value can be used", and the
 * result of one can be the parameter of another ({@code REVERSE(SUBSTR('fandango',5)) == 'ogna'}). A function this
 * class does not implement is refused with {@link ContentFilter.UnsupportedFeatureException}, not as a bad filter:
 * AMPS has many more functions (date and time, geospatial, numeric, checksum, message and client information), and
 * an AMPS instance can load user-defined functions from server modules, so a name the server does not know may
 * well be valid on the AMPS a test stands in for. A NULL (or empty string) argument makes a string function NULL.
 */
final class Functions {

	private Functions() {
	}

	/**
	 * The node calling a function.
	 * @param name the name as written
	 * @param args the arguments
	 * @param error makes the exception for a call that is wrong in AMPS too (the wrong number of arguments)
	 */
	static Node call(String name, List<Node> args, Function<String, RuntimeException> error) {
		String upper = name.toUpperCase(Locale.ROOT);
		switch (upper) {
			// "Managing String Case": UPPER / LOWER "Returns the input string, transformed to uppercase
			// (lowercase). This function is not unicode aware."
			case "UPPER" -> {
				Node arg = one(upper, args, error);
				return (document) -> map(arg.eval(document), (s) -> asciiCase(s, true));
			}
			case "LOWER" -> {
				Node arg = one(upper, args, error);
				return (document) -> map(arg.eval(document), (s) -> asciiCase(s, false));
			}
			// "String Comparison Functions": "INSTR returns the position at which the second string starts, or 0 if
			// the second string does not occur within the first string. ... the first character of the string is 1";
			// "INSTR_I, a case-insensitive version of INSTR, and a case-insensitive equality operator, STREQUAL_I"
			// (used as STREQUAL_I(/couponCode, 'QED') == 1).
			case "INSTR", "INSTR_I" -> {
				List<Node> two = exactly(upper, 2, args, error);
				boolean ignoreCase = upper.equals("INSTR_I");
				return (document) -> {
					String haystack = Values.text(two.get(0).eval(document));
					String needle = Values.text(two.get(1).eval(document));
					if (haystack == null || needle == null) {
						return null;
					}
					if (ignoreCase) {
						haystack = asciiCase(haystack, false);
						needle = asciiCase(needle, false);
					}
					return (long) (haystack.indexOf(needle) + 1);
				};
			}
			case "STREQUAL_I" -> {
				List<Node> two = exactly(upper, 2, args, error);
				return (document) -> {
					String left = Values.text(two.get(0).eval(document));
					String right = Values.text(two.get(1).eval(document));
					return (left == null || right == null) ? null : asciiCase(left, false).equals(asciiCase(right, false));
				};
			}
			// "AMPS Functions": SUBSTR('fandango',5) is 'ango': the rest of the string from a 1-based position.
			case "SUBSTR" -> {
				if (args.size() == 3) {
					throw new ContentFilter.UnsupportedFeatureException("SUBSTR with a length (its third argument)");
				}
				List<Node> two = exactly(upper, 2, args, error);
				return (document) -> substr(Values.text(two.get(0).eval(document)),
						Values.toNumber(two.get(1).eval(document)));
			}
			case "REVERSE" -> {
				Node arg = one(upper, args, error);
				return (document) -> map(arg.eval(document), (s) -> new StringBuilder(s).reverse().toString());
			}
			// "AMPS Data Types": "the CONCAT function (string concatenation) will attempt to convert all values to
			// strings".
			case "CONCAT" -> {
				if (args.isEmpty()) {
					throw error.apply("CONCAT needs at least one argument");
				}
				return (document) -> concat(args, document);
			}
			// "Finding Non-NULL Values" (the "Working with NULL values" category of "AMPS Functions"): the first
			// argument that is not NULL.
			case "COALESCE" -> {
				if (args.isEmpty()) {
					throw error.apply("COALESCE needs at least one argument");
				}
				return (document) -> coalesce(args, document);
			}
			// "Conditional Operators": IF(BOOLEAN_CONDITIONAL, VALUE_TRUE, VALUE_FALSE); since AMPS 5.3.4 only the
			// term chosen is evaluated.
			case "IF" -> {
				List<Node> three = exactly(upper, 3, args, error);
				return (document) -> Boolean.TRUE.equals(Values.truth(three.get(0).eval(document)))
						? three.get(1).eval(document) : three.get(2).eval(document);
			}
			// "Typed Value Creation": NAN_VALUE() "Returns a NaN (not a number) value"; TRUE_VALUE(), FALSE_VALUE();
			// CHAR_VALUE(int), the character with that code.
			case "NAN_VALUE" -> {
				exactly(upper, 0, args, error);
				return new Node.Literal(Double.NaN);
			}
			case "TRUE_VALUE", "FALSE_VALUE" -> {
				exactly(upper, 0, args, error);
				return new Node.Literal(upper.equals("TRUE_VALUE"));
			}
			case "CHAR_VALUE" -> {
				Node arg = one(upper, args, error);
				return (document) -> (Values.toNumber(arg.eval(document)) instanceof Long code && code > 0
						&& code <= Character.MAX_VALUE) ? String.valueOf((char) code.intValue()) : null;
			}
			default -> throw new ContentFilter.UnsupportedFeatureException("filter function " + upper);
		}
	}

	private static Node one(String name, List<Node> args, Function<String, RuntimeException> error) {
		return exactly(name, 1, args, error).get(0);
	}

	private static List<Node> exactly(String name, int count, List<Node> args,
			Function<String, RuntimeException> error) {
		if (args.size() != count) {
			throw error.apply(name + " takes " + count + " argument" + ((count == 1) ? "" : "s") + ", not "
					+ args.size());
		}
		return args;
	}

	private static Object map(Object value, Function<String, String> function) {
		String text = Values.text(value);
		return (text != null) ? function.apply(text) : null;
	}

	/** Changes the case of ASCII letters only ("This function is not unicode aware"). */
	static String asciiCase(String text, boolean upper) {
		StringBuilder result = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (upper && c >= 'a' && c <= 'z') {
				c = (char) (c - 'a' + 'A');
			}
			else if (!upper && c >= 'A' && c <= 'Z') {
				c = (char) (c - 'A' + 'a');
			}
			result.append(c);
		}
		return result.toString();
	}

	/** The rest of the string from a 1-based position; NULL (not documented) for a position outside it. */
	private static Object substr(String text, Number start) {
		if (text == null || !(start instanceof Long position) || position < 1 || position > text.length()) {
			return null;
		}
		return text.substring((int) (position - 1));
	}

	/** The arguments' texts joined; NULL if one is NULL (SQL-92 semantics; not spelled out for CONCAT). */
	private static Object concat(List<Node> args, tools.jackson.databind.JsonNode document) {
		StringBuilder result = new StringBuilder();
		for (Node arg : args) {
			String text = Values.text(arg.eval(document));
			if (text == null) {
				return null;
			}
			result.append(text);
		}
		return result.toString();
	}

	private static Object coalesce(List<Node> args, tools.jackson.databind.JsonNode document) {
		for (Node arg : args) {
			Object value = arg.eval(document);
			if (!Values.isNull(value)) {
				return value;
			}
		}
		return null;
	}

}
