package org.ampsboot.test.engine.filter;

/**
 * The arithmetic operators, as the AMPS User Guide's "Arithmetic Operators" page documents them. Internal: not API.
 *
 * <ul>
 * <li>"AMPS supports the arithmetic operators +, -, *, /, %, and MOD in expressions. The result of arithmetic
 * operators where one of the operands is NULL is undefined and evaluates to NULL."</li>
 * <li>"AMPS distinguishes between floating point and integral types. When an arithmetic operator uses two different
 * types, AMPS will convert the integral type to a floating point value": two integers give an integer, so
 * {@code 1 / 5} is {@code 0} (integer division truncates towards zero); an integer and a double give a double
 * ({@code 1 / 5.0} is {@code 0.2}).</li>
 * <li>"The MOD and % operators preserve the sign of the first argument to the operator. That is, -5 % 3 produces a
 * result of -2, while 5 % -3 produces a result of 2."</li>
 * </ul>
 * Strings are converted to numbers where they can be ("AMPS Data Types": "the * operator (multiplication) will
 * attempt to convert all values to numeric values"), booleans are 1 and 0, anything else is NULL. Not documented,
 * and the server's choice: an integer divided by (or modulo) zero is NULL; a double divided by zero is what an
 * IEEE 754 double gives (infinity, or NaN for {@code 0.0 / 0}); integer overflow wraps around.
 */
final class Arithmetic {

	private Arithmetic() {
	}

	/** The operators. */
	enum Operator {

		PLUS('+'), MINUS('-'), TIMES('*'), DIVIDE('/'), MODULO('%');

		private final char symbol;

		Operator(char symbol) {
			this.symbol = symbol;
		}

		static Operator of(char symbol) {
			for (Operator operator : values()) {
				if (operator.symbol == symbol) {
					return operator;
				}
			}
			return null;
		}

	}

	static Object apply(Object leftValue, Object rightValue, Operator operator) {
		Number left = Values.toNumber(leftValue);
		Number right = Values.toNumber(rightValue);
		if (left == null || right == null) {
			return null;
		}
		if (left instanceof Long l && right instanceof Long r) {
			return integral(l, r, operator);
		}
		double l = left.doubleValue();
		double r = right.doubleValue();
		return switch (operator) {
			case PLUS -> l + r;
			case MINUS -> l - r;
			case TIMES -> l * r;
			case DIVIDE -> l / r;
			case MODULO -> l % r;
		};
	}

	private static Long integral(long l, long r, Operator operator) {
		return switch (operator) {
			case PLUS -> l + r;
			case MINUS -> l - r;
			case TIMES -> l * r;
			case DIVIDE -> (r == 0) ? null : l / r;
			case MODULO -> (r == 0) ? null : l % r;
		};
	}

	static Object negate(Object value) {
		Number number = Values.toNumber(value);
		if (number instanceof Long l) {
			return -l;
		}
		return (number != null) ? -number.doubleValue() : null;
	}

}
