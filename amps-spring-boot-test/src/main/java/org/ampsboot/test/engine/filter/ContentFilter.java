package org.ampsboot.test.engine.filter;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * An AMPS content filter, parsed once and evaluated against JSON documents: the part of the AMPS expression language
 * (XPath-like identifiers combined with SQL-92 {@code WHERE} predicates, AMPS User Guide, "AMPS Expressions") that
 * tests commonly use, evaluated as 60East documents it.
 *
 * <p>What it understands:
 * <ul>
 * <li>Identifiers {@code /a/b/c}, with subscripts {@code /data[0]} ({@link Identifier}).</li>
 * <li>Literals: quoted strings, integers ({@code 42}), floating point numbers ({@code 2.5}, {@code 1e3}),
 * {@code TRUE} (1), {@code FALSE} (0) and {@code NULL} ({@link Scanner}).</li>
 * <li>Comparisons {@code = == != <> < <= > >=} with AMPS's conversions between strings and numbers and SQL
 * three-valued logic for NULL ({@link Values}).</li>
 * <li>{@code AND}, {@code OR}, {@code NOT}, parentheses, {@code [NOT] BETWEEN}, {@code [NOT] IN},
 * {@code [NOT] LIKE}, {@code [NOT] BEGINS WITH}, {@code [NOT] ENDS WITH}, {@code IS [NOT] NULL},
 * {@code IS [NOT] NAN}; any element of an array may satisfy a predicate ({@link Predicates}).</li>
 * <li>Arithmetic {@code + - * / % MOD} with AMPS's integral and floating point types: {@code 1 / 5} is {@code 0},
 * {@code 1 / 5.0} is {@code 0.2}, {@code -5 % 3} is {@code -2} ({@link Arithmetic}).</li>
 * <li>The functions {@code UPPER}, {@code LOWER}, {@code INSTR}, {@code INSTR_I}, {@code STREQUAL_I},
 * {@code SUBSTR}, {@code REVERSE}, {@code CONCAT}, {@code COALESCE}, {@code IF}, {@code NAN_VALUE},
 * {@code TRUE_VALUE}, {@code FALSE_VALUE} and {@code CHAR_VALUE} ({@link Functions}).</li>
 * </ul>
 * Valid AMPS that the server does not implement (other functions, bracketed identifiers such as {@code [/a b]},
 * {@code SUBSTR} with a length) is refused with an {@link UnsupportedFeatureException}; a filter that AMPS would
 * not accept either with a {@link FilterSyntaxException}.
 */
public final class ContentFilter {

	private final String text;

	private final Node root;

	private ContentFilter(String text, Node root) {
		this.text = text;
		this.root = root;
	}

	/**
	 * Parses a content filter.
	 * @param filter the filter text, for example {@code /qty > 10 AND /sym IN ('IBM', 'MSFT')}
	 * @return the parsed filter
	 * @throws FilterSyntaxException if it is not a valid filter; the message says where
	 * @throws UnsupportedFeatureException if it is valid AMPS that this server does not implement
	 */
	public static ContentFilter parse(String filter) {
		if (filter == null) {
			throw new FilterSyntaxException("Invalid content filter: it is null", 0);
		}
		return new ContentFilter(filter, new Parser(filter).parseAll());
	}

	/** Whether the document matches: the filter evaluates to true (not false, not NULL). */
	public boolean matches(JsonNode document) {
		return Boolean.TRUE.equals(Values.truth(this.root.eval(document)));
	}

	/**
	 * The value of the expression for this document (for {@code orderby} fields): NULL is {@code null}, otherwise a
	 * {@link Boolean}, a {@link Long} (an AMPS integer), a {@link Double} (an AMPS floating point number), a
	 * {@link String} or a {@link Multi}.
	 */
	public Object value(JsonNode document) {
		return this.root.eval(document);
	}

	/** The filter as it was given. */
	public String text() {
		return this.text;
	}

	@Override
	public String toString() {
		return "ContentFilter[" + this.text + "]";
	}

	/** The order of two scalars by AMPS's comparison rules, or {@code null} if either is NULL. */
	public static Integer compareScalars(Object left, Object right) {
		return Values.compareScalars(left, right);
	}

	/** The values of an array (or of several nodes an identifier reached). */
	public record Multi(List<Object> values) {
	}

	/** A filter that does not parse; the message names the position and what was expected there. */
	public static final class FilterSyntaxException extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		private final int position;

		FilterSyntaxException(String message, int position) {
			super(message);
			this.position = position;
		}

		/** The zero-based character position in the filter where it goes wrong. */
		int position() {
			return this.position;
		}

	}

	/**
	 * A filter that is valid AMPS but uses something this server does not implement; the server refuses it loudly
	 * (not as a bad filter).
	 */
	public static final class UnsupportedFeatureException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final String feature;

		UnsupportedFeatureException(String feature) {
			super("not supported by the AMPS test server: " + feature);
			this.feature = feature;
		}

		/** What is not supported, for example {@code filter function REGEXP_MATCH}. */
		public String feature() {
			return this.feature;
		}

	}

}
