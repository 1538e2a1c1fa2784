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
 * "Typed Value Creation" (true is 1, false is 0) and "String Comparison Functions" (BEGINS WITH / ENDS WITH).
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
				arguments("UPPER(/name) = 'X'", 0, "functions such as UPPER(...) are not supported"),
				arguments("/sym LIKE '('", 10, "not a valid regular expression"),
				arguments("/sym LIKE /name", 10, "quoted string"),
				arguments("/sym BEGINS WITH 'AB'", 17, "expected '('"),
				arguments("/sym BEGINS ('AB')", 12, "expected WITH"),
				arguments("/sym NOT = 'x'", 5, "NOT after a value"), arguments("/ = 1", 1, "field name"),
				arguments("/qty = 1 2", 9, "unexpected '2'"), arguments("/qty IN 1", 8, "expected '('"),
				arguments("/qty BETWEEN 1 OR 2", 15, "expected AND"), arguments("/a IS NOT 5", 10, "expected NULL"),
				arguments("/a[x] = 1", 3, "array position"), arguments("/a = 12abc", 7, "number may not be followed"),
				arguments("sym = 'IBM'", 0, "unexpected word 'sym'"), arguments("(".repeat(150) + "1", 100, "nests"));
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
