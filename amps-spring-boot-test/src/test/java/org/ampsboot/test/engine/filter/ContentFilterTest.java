package org.ampsboot.test.engine.filter;

import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Table-driven checks of {@link ContentFilter} against the documented AMPS expression language: AMPS User Guide,
 * "AMPS Expressions" (https://docs.crankuptheamps.com/amps-user-guide/amps-expressions), its pages "Comparison
 * Operators", "LIKE Operator", "Working with Arrays", "AMPS Data Types", "Grouping and Order of Evaluation",
 * "Typed Value Creation" (true is 1, false is 0, NAN_VALUE()), "String Comparison Functions" (BEGINS WITH / ENDS WITH,
 * INSTR, INSTR_I, STREQUAL_I), "Arithmetic Operators", "Conditional Operators" (IF), and "AMPS Functions" with its
 * pages "Managing String Case" (UPPER, LOWER) and "Finding Non-NULL Values" (COALESCE).
 */
class ContentFilterTest {

	private static final JsonNode DOCUMENT = JsonMapper.builder().build().readTree("""
			{"id":7,"sym":"IBM","name":"Gyro","qty":150,"price":"101.5","code":"2.000","flag":true,"off":false,
			 "note":"","nothing":null,"order":{"side":"buy","limit":99.5},
			 "data":[1,2,3,"zebra",5],"other":[14,34,23,5],"empty":[],"lines":[{"qty":1},{"qty":20}],
			 "path":"/public/dropbox/x.txt","text":"Crank It Up","dept":"Engineering"}
			""");

	static Stream<Arguments> documentedComparisons() {
		return Stream.of(
				// "Comparison Operators": the documented table of how AMPS compares different types
				arguments("1 < 2", true), arguments("10 < '2'", false), arguments("'2.000' <> '2.0'", true),
				arguments("2 = 2.0", true), arguments("10 < 'Crank It Up'", true), arguments("10 < ''", false),
				arguments("10 > ''", false), arguments("'' = ''", false), arguments("'' IS NULL", true),
				// the same rules on fields: a string field converted for a number, strings above numbers
				arguments("/price > 100", true), arguments("/price = '101.5'", true), arguments("/code = 2", true),
				arguments("/code = '2'", false), arguments("/sym > 5", true), arguments("/sym < 5", false),
				arguments("/text = \"Crank It Up\"", true), arguments("'it\\'s' = \"it's\"", true),
				// every comparison operator
				arguments("/qty > 100", true), arguments("/qty >= 150", true), arguments("/qty < 150", false),
				arguments("/qty <= 150", true), arguments("/qty = 150", true), arguments("/qty == 150", true),
				arguments("/qty != 150", false), arguments("/qty <> 149", true),
				// NULL (a missing field, JSON null, an empty string): SQL-92 three-valued logic ("AMPS Data Types")
				arguments("/missing = 1", false), arguments("/missing != 1", false),
				arguments("NOT (/missing = 1)", false), arguments("/missing IS NULL", true),
				arguments("/nothing IS NULL", true), arguments("/note IS NULL", true),
				arguments("/sym IS NOT NULL", true), arguments("/nothing != 'x'", false),
				arguments("/missing = 1 OR /sym = 'IBM'", true), arguments("/missing = 1 AND /sym = 'IBM'", false),
				// nested identifiers, BETWEEN (inclusive), IN
				arguments("/order/side = 'buy'", true), arguments("/order/limit BETWEEN 99 AND 100", true),
				arguments("/qty BETWEEN 150 AND 200", true), arguments("/qty NOT BETWEEN 1 AND 100", true),
				arguments("/qty BETWEEN 1 AND 100", false), arguments("/sym IN ('IBM', 'MSFT')", true),
				arguments("/sym NOT IN ('IBM')", false), arguments("/qty IN (1, 150)", true),
				arguments("/missing NOT IN (1)", false),
				// LIKE is a regular expression, found anywhere unless anchored ("LIKE Operator")
				arguments("/sym LIKE 'B'", true), arguments("/sym LIKE '^B'", false),
				arguments("/name LIKE '(?i)^gyro$'", true), arguments("/sym LIKE 'I%'", false),
				arguments("/sym NOT LIKE '^I'", false), arguments("/qty LIKE '^15'", true),
				arguments("/code LIKE '^\\d\\.0+$'", true),
				// BEGINS WITH / ENDS WITH with a list in parentheses ("String Comparison Functions")
				arguments("/dept BEGINS WITH ('Engineering')", true),
				arguments("/dept BEGINS WITH ('Research', 'Eng')", true),
				arguments("/path NOT BEGINS WITH ('/public/dropbox')", false),
				arguments("/path ENDS WITH ('gif', 'png', 'txt')", true), arguments("/sym BEGINS WITH ('AB')", false),
				arguments("/sym NOT ENDS WITH ('99')", true),
				// booleans are 1 and 0
				arguments("/flag = true", true), arguments("/flag = 1", true), arguments("/flag = FALSE", false),
				arguments("/off = 0", true), arguments("/flag", true), arguments("/off", false),
				// AND binds tighter than OR ("Grouping and Order of Evaluation"), NOT, parentheses, any case
				arguments("/qty > 100 AND /sym = 'IBM'", true), arguments("/qty > 200 OR /sym = 'IBM'", true),
				arguments("/sym = 'IBM' OR /qty > 200 AND /id = 8", true),
				arguments("(/sym = 'IBM' OR /qty > 200) AND /id = 8", false), arguments("NOT /sym = 'X'", true),
				arguments("not /sym = 'IBM'", false), arguments("/sym = 'IBM' and (/id = 7 or /id = 8)", true),
				// arrays: any element ("Working with Arrays", its document {"data":[1,2,3,"zebra",5],...})
				arguments("/data = 1", true), arguments("/data = 'zebra'", true), arguments("/data != 'zebra'", true),
				arguments("/data = 42", false), arguments("/data LIKE 'z'", true), arguments("/other > 30", true),
				arguments("/other > 50", false), arguments("/data[0] = 1", true), arguments("/data[3] = \"zebra\"", true),
				arguments("/data[1] != 1", true), arguments("/other[1] LIKE '4'", true), arguments("/data = /other", true),
				arguments("/data IN (42, 'zebra')", true), arguments("/empty = 1", false),
				arguments("/empty IS NULL", true), arguments("/lines/qty > 10", true), arguments("/lines[0]/qty = 1", true),
				// arithmetic ("Arithmetic Operators")
				arguments("/qty * 2 = 300", true), arguments("(/qty % 7) == 3", true), arguments("/qty / 3 = 50", true),
				arguments("/qty - 50 = 100", true), arguments("/qty > -5", true), arguments("-/qty < 0", true),
				arguments("/missing + 1 = 1", false));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("documentedComparisons")
	@DisplayName("Filters evaluate as the AMPS User Guide's 'AMPS Expressions' pages document")
	void evaluatesAsDocumented(String filter, boolean expected) {
		assertThat(ContentFilter.parse(filter).matches(DOCUMENT)).as(filter).isEqualTo(expected);
	}

	static Stream<Arguments> invalidFilters() {
		return Stream.of(arguments("", 0, "empty"), arguments("   ", 3, "empty"),
				arguments("/qty >", 6, "the filter ends"), arguments("/qty > 10 AND", 13, "the filter ends"),
				arguments("/sym = 'IBM", 7, "not closed"), arguments("(/qty > 1", 9, "')'"),
				arguments("/qty >> 1", 6, "unexpected '>'"),
				arguments("UPPER() = 'X'", 0, "UPPER takes 1 argument, not 0"),
				arguments("IF(/a, 1) = 1", 0, "IF takes 3 arguments, not 2"),
				arguments("UPPER(/a = 'X'", 14, "expected ',' or ')' in the arguments"),
				arguments("/sym LIKE '('", 10, "not a valid regular expression"),
				arguments("/sym LIKE /name", 10, "quoted string"),
				arguments("/sym BEGINS WITH 'AB'", 17, "expected '('"),
				arguments("/sym BEGINS ('AB')", 12, "expected WITH"),
				arguments("/sym NOT = 'x'", 5, "NOT after a value"), arguments("/ = 1", 1, "field name"),
				arguments("/qty = 1 2", 9, "unexpected '2'"), arguments("/qty IN 1", 8, "expected '('"),
				arguments("/qty BETWEEN 1 OR 2", 15, "expected AND"), arguments("/a IS NOT 5", 10, "expected NULL or NAN"),
				arguments("/a[x] = 1", 3, "array position"), arguments("/a = 12abc", 7, "number may not be followed"),
				arguments("sym = 'IBM'", 0, "unexpected word 'sym'"), arguments("(".repeat(150) + "1", 100, "nests"));
	}

	static Stream<Arguments> arithmeticValues() {
		return Stream.of(
				// "Arithmetic Operators": "AMPS distinguishes between floating point and integral types. When an
				// arithmetic operator uses two different types, AMPS will convert the integral type to a floating
				// point value": integer op integer stays an integer
				arguments("1 / 5", 0L), arguments("7 / 2", 3L), arguments("-7 / 2", -3L), arguments("2 * 3", 6L),
				arguments("1 / 5.0", 0.2), arguments("1.0 / 5", 0.2), arguments("7 / 2.0", 3.5),
				arguments("1 + 0.5", 1.5), arguments("/qty / 7", 21L), arguments("/qty / 7.0", 150 / 7.0),
				arguments("/order/limit / 2", 49.75), arguments("/id * 1.0", 7.0),
				// "The MOD and % operators preserve the sign of the first argument ... -5 % 3 produces a result of
				// -2, while 5 % -3 produces a result of 2."
				arguments("-5 % 3", -2L), arguments("5 % -3", 2L), arguments("-5 MOD 3", -2L),
				arguments("/qty mod 7", 3L), arguments("5.5 % 2", 1.5),
				// "The result of arithmetic operators where one of the operands is NULL is undefined and evaluates
				// to NULL."
				arguments("/missing + 1", null), arguments("/nothing * 2", null), arguments("/note - 1", null),
				// "AMPS Data Types": "the * operator (multiplication) will attempt to convert all values to numeric
				// values": '10' is an integer, '10.0' and "101.5" floating point; true is 1
				arguments("'10' / 4", 2L), arguments("'10.0' / 4", 2.5), arguments("/price * 2", 203.0),
				arguments("/flag + 1", 2L), arguments("'abc' + 1", null),
				// not documented; the server's choice: an integer divided by zero is NULL, a double IEEE 754
				arguments("1 / 0", null), arguments("1 % 0", null), arguments("1.0 / 0", Double.POSITIVE_INFINITY),
				// literals: an integer, or floating point with a decimal point or an exponent
				arguments("42", 42L), arguments("-42", -42L), arguments("2.5", 2.5), arguments("1e3", 1000.0));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("arithmeticValues")
	@DisplayName("Arithmetic keeps AMPS's integral and floating point types ('Arithmetic Operators')")
	void arithmeticKeepsIntegralAndFloatingPointTypes(String expression, Object expected) {
		assertThat(ContentFilter.parse(expression).value(DOCUMENT)).as(expression).isEqualTo(expected);
	}

	static Stream<Arguments> nanAndFunctions() {
		return Stream.of(
				// IS [NOT] NAN; "Typed Value Creation": NAN_VALUE() "Returns a NaN (not a number) value"
				arguments("NAN_VALUE() IS NAN", true), arguments("NAN_VALUE() IS NOT NAN", false),
				arguments("0.0 / 0 IS NAN", true), arguments("/qty IS NAN", false), arguments("/qty IS NOT NAN", true),
				arguments("/sym IS NAN", false), arguments("/missing IS NAN", false),
				arguments("/missing IS NOT NAN", true), arguments("nan_value() is nan", true),
				// a NaN compares as an IEEE 754 double: equal to nothing, not even itself (not documented)
				arguments("NAN_VALUE() = NAN_VALUE()", false), arguments("NAN_VALUE() > 1", false),
				arguments("NAN_VALUE() < 1", false), arguments("NAN_VALUE() != 1", true),
				// "Typed Value Creation": TRUE_VALUE(), FALSE_VALUE() ("false is equivalent to a literal 0"),
				// CHAR_VALUE(int)
				arguments("TRUE_VALUE() = 1", true), arguments("FALSE_VALUE() = 0", true),
				arguments("CHAR_VALUE(65) = 'A'", true),
				// "Managing String Case": UPPER / LOWER, not unicode aware
				arguments("UPPER(/name) = 'GYRO'", true), arguments("LOWER(/sym) = 'ibm'", true),
				arguments("UPPER(/sym) IN ('MSFT', 'IBM', 'RHAT', 'DIS')", true),
				arguments("UPPER('\u00e9a') = '\u00e9A'", true), arguments("UPPER(/missing) IS NULL", true),
				// "String Comparison Functions": INSTR is 1-based, 0 if absent; INSTR_I, STREQUAL_I ignore case
				arguments("INSTR(/text, 'It') = 7", true), arguments("INSTR(/text, 'it') != 0", false),
				arguments("INSTR(/text, 'Crank') = 1", true), arguments("INSTR_I(/text, 'crank it') = 1", true),
				arguments("STREQUAL_I(/sym, 'ibm') == 1", true), arguments("STREQUAL_I(/sym, 'ibx') == 1", false),
				arguments("INSTR(/missing, 'a') = 0", false),
				// "AMPS Functions": REVERSE(SUBSTR('fandango',5)) == 'ogna', functions nest
				arguments("REVERSE(SUBSTR('fandango',5)) == 'ogna'", true), arguments("SUBSTR(/sym, 2) = 'BM'", true),
				arguments("SUBSTR(/sym, 9) IS NULL", true),
				// "AMPS Data Types": CONCAT converts all values to strings
				arguments("CONCAT(/sym, '-', /id) = 'IBM-7'", true), arguments("CONCAT(/sym, /missing) IS NULL", true),
				// "Finding Non-NULL Values": COALESCE
				arguments("COALESCE(/missing, /nothing, /sym) = 'IBM'", true),
				arguments("COALESCE(/missing, 5) = 5", true), arguments("COALESCE(/missing, /nothing) IS NULL", true),
				// "Conditional Operators": IF(BOOLEAN_CONDITIONAL, VALUE_TRUE, VALUE_FALSE)
				arguments("IF(/qty > 100, 'big', 'small') = 'big'", true),
				arguments("IF(/missing > 100, 'big', 'small') = 'small'", true),
				arguments("IF(/qty > 100, 1 / 0, 2) IS NULL", true));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("nanAndFunctions")
	@DisplayName("IS NAN and the implemented functions evaluate as the AMPS User Guide documents them")
	void nanAndFunctionsEvaluateAsDocumented(String filter, boolean expected) {
		assertThat(ContentFilter.parse(filter).matches(DOCUMENT)).as(filter).isEqualTo(expected);
	}

	static Stream<Arguments> validButNotImplemented() {
		return Stream.of(arguments("REGEXP_MATCH(/sym, 'I')", "filter function REGEXP_MATCH"),
				arguments("length(/sym) = 3", "filter function LENGTH"),
				arguments("ABS(/qty) > 1", "filter function ABS"),
				arguments("/qty > 1 AND UNIX_TIMESTAMP() > 0", "filter function UNIX_TIMESTAMP"),
				arguments("[/my field] = 1", "bracketed identifier [/my field]"),
				arguments("SUBSTR(/sym, 1, 2) = 'IB'", "SUBSTR with a length (its third argument)"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("validButNotImplemented")
	@DisplayName("Valid AMPS that the server does not implement is refused as unsupported, not as a bad filter")
	void refusesValidButUnimplementedAmpsAsUnsupported(String filter, String feature) {
		assertThatExceptionOfType(ContentFilter.UnsupportedFeatureException.class)
			.isThrownBy(() -> ContentFilter.parse(filter))
			.satisfies((ex) -> assertThat(ex.feature()).isEqualTo(feature))
			.withMessage("not supported by the AMPS test server: " + feature);
	}

	@ParameterizedTest(name = "\"{0}\" at {1}: {2}")
	@MethodSource("invalidFilters")
	@DisplayName("An unparsable filter is rejected with a message naming the position")
	void rejectsWithThePosition(String filter, int position, String problem) {
		assertThatExceptionOfType(ContentFilter.FilterSyntaxException.class)
			.isThrownBy(() -> ContentFilter.parse(filter))
			.satisfies((ex) -> assertThat(ex.position()).isEqualTo(position))
			.withMessageContaining("at position " + position)
			.withMessageContaining(problem);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("nullDocument")
	@DisplayName("A payload that is empty or not JSON has only NULL fields ('AMPS Data Types': NULL, SQL-92 semantics)")
	void payloadThatIsNotJsonHasOnlyNullFields(String filter, boolean expected) {
		ContentFilter parsed = ContentFilter.parse(filter);
		// the server hands a filter a missing node for a payload that is empty or not JSON
		assertThat(parsed.matches(MissingNode.getInstance())).as(filter).isEqualTo(expected);
	}

	static Stream<Arguments> nullDocument() {
		return Stream.of(arguments("/sym IS NULL", true), arguments("/sym IS NOT NULL", false),
				arguments("/sym = 'IBM'", false), arguments("/sym != 'IBM'", false),
				arguments("/sym NOT IN ('IBM')", false), arguments("/sym NOT LIKE 'x'", false),
				arguments("NOT /sym = 'IBM'", false), arguments("1 = 1", true));
	}

}
