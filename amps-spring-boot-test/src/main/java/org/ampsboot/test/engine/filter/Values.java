package org.ampsboot.test.engine.filter;

import java.math.BigDecimal;
import java.util.function.Function;

/**
 * The values a filter computes with and AMPS's rules for them. Internal: not API.
 *
 * <p>A value is {@code null} (NULL), a {@link Boolean}, a {@link Long} (AMPS's integral type), a {@link Double}
 * (AMPS's floating point type), a non-empty {@link String}, or a {@link ContentFilter.Multi} (the elements of an
 * array). The rules, from the AMPS User Guide's "AMPS Expressions" pages:
 * <ul>
 * <li>"AMPS Data Types": NULL is an "unknown, untyped value (SQL-92 semantics)"; a missing field and a JSON
 * {@code null} are NULL; Boolean is "true (1) or false (0)"; Integer is a "signed 64-bit integer"; Floating Point
 * is a "64-bit floating point number".</li>
 * <li>"Comparison Operators": two operands of different types: "AMPS attempts to convert strings to numbers. If
 * conversion succeeds, AMPS uses the numeric values. If conversion fails ..., strings are always considered to be
 * greater than numbers. The operators consider an empty string to be NULL."</li>
 * </ul>
 */
final class Values {

	private Values() {
	}

	/** The truth of a value: NULL is {@code null}, a number is true unless zero, a string is true if non-zero. */
	static Boolean truth(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Boolean b) {
			return b;
		}
		if (value instanceof Long l) {
			return l != 0;
		}
		if (value instanceof Double d) {
			return d != 0;
		}
		if (value instanceof ContentFilter.Multi multi) {
			return multi.values().isEmpty() ? null : truth(multi.values().get(0));
		}
		String string = (String) value;
		if (string.isEmpty()) {
			return null;
		}
		Number number = toNumberOrNull(string);
		return (number != null) ? number.doubleValue() != 0 : Boolean.FALSE;
	}

	static Boolean and3(Boolean left, Boolean right) {
		if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
			return Boolean.FALSE;
		}
		return (left == null || right == null) ? null : Boolean.TRUE;
	}

	static Boolean or3(Boolean left, Boolean right) {
		if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
			return Boolean.TRUE;
		}
		return (left == null || right == null) ? null : Boolean.FALSE;
	}

	static Boolean not3(Boolean value) {
		return (value == null) ? null : !value;
	}

	/** Applies a test to a value or, for an array, to each element: true if any is, NULL if none is but one is NULL. */
	static Boolean any(Object value, Function<Object, Boolean> test) {
		if (value instanceof ContentFilter.Multi multi) {
			if (multi.values().isEmpty()) {
				return null;
			}
			boolean unknown = false;
			for (Object element : multi.values()) {
				Boolean result = any(element, test);
				if (Boolean.TRUE.equals(result)) {
					return Boolean.TRUE;
				}
				unknown |= (result == null);
			}
			return unknown ? null : Boolean.FALSE;
		}
		return test.apply(value);
	}

	/** The comparison operators. */
	enum Comparison {

		EQ, NE, LT, LE, GT, GE;

		boolean test(int order) {
			return switch (this) {
				case EQ -> order == 0;
				case NE -> order != 0;
				case LT -> order < 0;
				case LE -> order <= 0;
				case GT -> order > 0;
				case GE -> order >= 0;
			};
		}

	}

	/**
	 * A comparison by AMPS's rules, any element of an array satisfying it. A NaN compares as an IEEE 754 double
	 * does (the AMPS documentation does not say otherwise): not equal to, less than or greater than anything.
	 */
	static Boolean compare(Object left, Object right, Comparison comparison) {
		return any(left, (l) -> any(right, (r) -> {
			Object ls = scalar(l);
			Object rs = scalar(r);
			if (isNaN(numberFor(ls, rs)) || isNaN(numberFor(rs, ls))) {
				return comparison == Comparison.NE;
			}
			Integer order = compareScalars(l, r);
			return (order != null) ? comparison.test(order) : null;
		}));
	}

	/** The number a scalar stands for when compared with the other one, or {@code null}. */
	private static Number numberFor(Object value, Object other) {
		if (value instanceof Number n) {
			return n;
		}
		return (value instanceof String s && other instanceof Number) ? toNumberOrNull(s) : null;
	}

	/** The order of two scalars by AMPS's rules, or {@code null} if either is NULL (NaN sorts above numbers). */
	static Integer compareScalars(Object left, Object right) {
		Object l = scalar(left);
		Object r = scalar(right);
		if (l == null || r == null) {
			return null;
		}
		if (l instanceof Number ln && r instanceof Number rn) {
			return compareNumbers(ln, rn);
		}
		if (l instanceof String ls && r instanceof String rs) {
			return Integer.signum(ls.compareTo(rs));
		}
		if (l instanceof String ls) {
			Number converted = toNumberOrNull(ls);
			return (converted != null) ? compareNumbers(converted, (Number) r) : 1;
		}
		Number converted = toNumberOrNull((String) r);
		return (converted != null) ? compareNumbers((Number) l, converted) : -1;
	}

	private static int compareNumbers(Number left, Number right) {
		if (left instanceof Long l && right instanceof Long r) {
			return Long.compare(l, r);
		}
		double l = left.doubleValue();
		double r = right.doubleValue();
		if (Double.isNaN(l) || Double.isNaN(r) || Double.isInfinite(l) || Double.isInfinite(r)) {
			return Integer.signum(Double.compare(l, r));
		}
		// exact, so that a large integer and a double that cannot hold it do not compare equal
		return Integer.signum(exact(left).compareTo(exact(right)));
	}

	private static BigDecimal exact(Number number) {
		return (number instanceof Long l) ? BigDecimal.valueOf(l) : new BigDecimal(number.doubleValue());
	}

	/** A scalar as a Long, a Double or a non-empty String; booleans as 1 and 0; NULL and empty strings as null. */
	static Object scalar(Object value) {
		if (value instanceof Boolean b) {
			return b ? 1L : 0L;
		}
		if (value instanceof String s && s.isEmpty()) {
			return null;
		}
		return value;
	}

	/**
	 * The number a string stands for: a {@link Long} if it is an integer that fits, otherwise a {@link Double}, or
	 * {@code null} if it is not a number.
	 */
	static Number toNumberOrNull(String text) {
		String trimmed = text.trim();
		if (trimmed.isEmpty() || !(Character.isDigit(trimmed.charAt(trimmed.length() - 1)) || trimmed.endsWith("."))) {
			return null;
		}
		BigDecimal decimal;
		try {
			decimal = new BigDecimal(trimmed);
		}
		catch (NumberFormatException ex) {
			return null;
		}
		return number(decimal, isIntegralText(trimmed));
	}

	/** A number from its decimal value: a Long if the text was integral and it fits, otherwise a Double. */
	static Number number(BigDecimal decimal, boolean integral) {
		if (integral) {
			try {
				return decimal.longValueExact();
			}
			catch (ArithmeticException ex) {
				// too large for a signed 64-bit integer: a double
			}
		}
		return decimal.doubleValue();
	}

	static boolean isIntegralText(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '.' || c == 'e' || c == 'E') {
				return false;
			}
		}
		return true;
	}

	/** A value as a number for arithmetic (an array's first element), or {@code null} if it is not one. */
	static Number toNumber(Object value) {
		Object v = value;
		if (v instanceof ContentFilter.Multi multi) {
			v = multi.values().isEmpty() ? null : multi.values().get(0);
		}
		if (v instanceof Boolean b) {
			return b ? 1L : 0L;
		}
		if (v instanceof Number number) {
			return number;
		}
		if (v instanceof String s) {
			return toNumberOrNull(s);
		}
		return null;
	}

	static boolean isNaN(Object value) {
		return value instanceof Double d && d.isNaN();
	}

	/** The text of a scalar for string operators and functions, or {@code null} for NULL and empty strings. */
	static String text(Object value) {
		Object v = value;
		if (v instanceof ContentFilter.Multi multi) {
			v = multi.values().isEmpty() ? null : multi.values().get(0);
		}
		if (v == null) {
			return null;
		}
		if (v instanceof Double d) {
			return (d.isNaN() || d.isInfinite()) ? d.toString() : new BigDecimal(d.toString()).toPlainString();
		}
		String string = v.toString();
		return string.isEmpty() ? null : string;
	}

	static boolean isNull(Object value) {
		if (value instanceof ContentFilter.Multi multi) {
			return multi.values().isEmpty();
		}
		return value == null || (value instanceof String s && s.isEmpty());
	}

}
