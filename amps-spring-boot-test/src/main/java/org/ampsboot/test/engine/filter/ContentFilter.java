package org.ampsboot.test.engine.filter;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import tools.jackson.databind.JsonNode;

/**
 * An AMPS content filter, parsed once and evaluated against JSON documents: the subset of the AMPS expression
 * language (XPath-like identifiers combined with SQL-92 {@code WHERE} predicates) that tests commonly use.
 *
 * <p>What it understands (as documented in the AMPS User Guide, "AMPS Expressions"):
 * <ul>
 * <li>Identifiers {@code /a/b/c}, with subscripts {@code /data[0]}; a name runs up to the first character that is
 * not a letter, digit, {@code _ - . $ @}. A step through an array without a subscript visits every element.</li>
 * <li>Literals: {@code 'single'} or {@code "double"} quoted strings (a backslash followed by the quote
 * character is that quote, {@code \xHH} is that byte, any other backslash is kept, so regular expressions such as
 * {@code '\d+'} need no doubling), numbers ({@code 42}, {@code 2.5}, {@code 1e3}), {@code TRUE} (1),
 * {@code FALSE} (0) and {@code NULL}.</li>
 * <li>Comparisons {@code = == != <> < <= > >=}: two numbers compare numerically, two strings as strings (no
 * conversion: {@code '2.000' <> '2.0'}); a string compared with a number is converted to a number if it can be,
 * otherwise strings are greater than numbers; a missing field, a JSON {@code null} and an empty string are
 * {@code NULL}, and a comparison with {@code NULL} is neither true nor false (SQL three-valued logic), so it never
 * matches, not even with {@code !=}. JSON booleans are 1 and 0.</li>
 * <li>{@code AND} (binds tighter than {@code OR}), {@code OR}, {@code NOT}, parentheses.</li>
 * <li>{@code [NOT] BETWEEN x AND y} (inclusive), {@code [NOT] IN (a, b, ...)} (the same as {@code =} joined by
 * {@code OR}), {@code IS [NOT] NULL}.</li>
 * <li>{@code [NOT] LIKE 'regex'}: a regular expression (Java syntax standing in for PCRE), found anywhere in the
 * value unless anchored with {@code ^ $}; {@code (?i)} makes it case-insensitive. Not SQL's {@code %}.</li>
 * <li>{@code [NOT] BEGINS WITH ('a', 'b')} and {@code [NOT] ENDS WITH ('x')}: case-sensitive, true if the value
 * begins (ends) with any string of the list.</li>
 * <li>Arrays: comparisons, {@code IN}, {@code BETWEEN}, {@code LIKE}, {@code BEGINS WITH} and {@code ENDS WITH}
 * are true if any element satisfies them; an empty array is {@code NULL}; arithmetic uses the first element.</li>
 * <li>Arithmetic {@code + - * / %} on numbers (strings converted where possible, {@code NULL} otherwise). In
 * operator position {@code /} divides: write {@code /a / 2}, and since {@code -} may be part of a field name,
 * write {@code /a - 1} with spaces.</li>
 * </ul>
 * Keywords are case-insensitive. Not supported (a {@link FilterSyntaxException}): functions such as
 * {@code UPPER(...)} or {@code INSTR(...)}, the conditional {@code IF}, and aggregate expressions.
 */
public final class ContentFilter {

	private static final int MAX_DEPTH = 100;

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
	 * @throws FilterSyntaxException if it is not a filter this server understands; the message says where
	 */
	public static ContentFilter parse(String filter) {
		if (filter == null) {
			throw new FilterSyntaxException("Invalid content filter: it is null", 0);
		}
		Parser parser = new Parser(filter);
		Node root = parser.parseAll();
		return new ContentFilter(filter, root);
	}

	/** Whether the document matches: the filter evaluates to true (not false, not NULL). */
	public boolean matches(JsonNode document) {
		return Boolean.TRUE.equals(truth(this.root.eval(document)));
	}

	/** The value of the expression for this document (for {@code orderby} fields): NULL is {@code null}. */
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

	// ---- values: null (NULL), Boolean, BigDecimal, String, or Multi (the elements of an array)

	/** The values of an array (or of several nodes an identifier reached). */
	public record Multi(List<Object> values) {
	}

	interface Node {

		Object eval(JsonNode document);

	}

	static Boolean truth(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Boolean b) {
			return b;
		}
		if (value instanceof BigDecimal number) {
			return number.signum() != 0;
		}
		if (value instanceof Multi multi) {
			return multi.values().isEmpty() ? null : truth(multi.values().get(0));
		}
		String string = (String) value;
		if (string.isEmpty()) {
			return null;
		}
		BigDecimal number = toNumberOrNull(string);
		return (number != null) ? number.signum() != 0 : Boolean.FALSE;
	}

	private static Boolean and3(Boolean left, Boolean right) {
		if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
			return Boolean.FALSE;
		}
		return (left == null || right == null) ? null : Boolean.TRUE;
	}

	private static Boolean or3(Boolean left, Boolean right) {
		if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
			return Boolean.TRUE;
		}
		return (left == null || right == null) ? null : Boolean.FALSE;
	}

	private static Boolean not3(Boolean value) {
		return (value == null) ? null : !value;
	}

	/** Applies a test to a value or, for an array, to each element: true if any is, NULL if none is but one is NULL. */
	private static Boolean any(Object value, java.util.function.Function<Object, Boolean> test) {
		if (value instanceof Multi multi) {
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

	static Boolean compare(Object left, Object right, Comparison comparison) {
		return any(left, (l) -> any(right, (r) -> {
			Integer order = compareScalars(l, r);
			return (order != null) ? comparison.test(order) : null;
		}));
	}

	/** The order of two scalars by AMPS's rules, or {@code null} if either is NULL. */
	public static Integer compareScalars(Object left, Object right) {
		Object l = scalar(left);
		Object r = scalar(right);
		if (l == null || r == null) {
			return null;
		}
		if (l instanceof BigDecimal ln && r instanceof BigDecimal rn) {
			return Integer.signum(ln.compareTo(rn));
		}
		if (l instanceof String ls && r instanceof String rs) {
			return Integer.signum(ls.compareTo(rs));
		}
		if (l instanceof String ls) {
			BigDecimal converted = toNumberOrNull(ls);
			return (converted != null) ? Integer.signum(converted.compareTo((BigDecimal) r)) : 1;
		}
		BigDecimal converted = toNumberOrNull((String) r);
		return (converted != null) ? Integer.signum(((BigDecimal) l).compareTo(converted)) : -1;
	}

	/** A scalar as a BigDecimal or a non-empty String; NULL and empty strings as {@code null}. */
	private static Object scalar(Object value) {
		if (value instanceof Boolean b) {
			return b ? BigDecimal.ONE : BigDecimal.ZERO;
		}
		if (value instanceof String s && s.isEmpty()) {
			return null;
		}
		return value;
	}

	static BigDecimal toNumberOrNull(String text) {
		String trimmed = text.trim();
		if (trimmed.isEmpty() || !(Character.isDigit(trimmed.charAt(trimmed.length() - 1)) || trimmed.endsWith("."))) {
			return null;
		}
		try {
			return new BigDecimal(trimmed);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static BigDecimal toNumber(Object value) {
		Object v = value;
		if (v instanceof Multi multi) {
			v = multi.values().isEmpty() ? null : multi.values().get(0);
		}
		if (v instanceof Boolean b) {
			return b ? BigDecimal.ONE : BigDecimal.ZERO;
		}
		if (v instanceof BigDecimal number) {
			return number;
		}
		if (v instanceof String s) {
			return toNumberOrNull(s);
		}
		return null;
	}

	/** The text of a scalar for LIKE / BEGINS WITH / ENDS WITH, or {@code null} for NULL and empty strings. */
	private static String text(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof BigDecimal number) {
			return number.toPlainString();
		}
		String string = value.toString();
		return string.isEmpty() ? null : string;
	}

	private static boolean isNull(Object value) {
		if (value instanceof Multi multi) {
			return multi.values().isEmpty();
		}
		return value == null || (value instanceof String s && s.isEmpty());
	}

	// ---- identifiers

	private record Step(String name, Integer index) {
	}

	private record Path(List<Step> steps, String text) implements Node {

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
				Object value = value(node);
				if (value instanceof Multi multi) {
					values.addAll(multi.values());
				}
				else {
					values.add(value);
				}
			}
			return new Multi(values);
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
				return node.decimalValue();
			}
			if (node.isString()) {
				return node.stringValue();
			}
			if (node.isArray()) {
				List<Object> values = new ArrayList<>(node.size());
				for (JsonNode element : node) {
					Object value = value(element);
					if (value instanceof Multi multi) {
						values.addAll(multi.values());
					}
					else {
						values.add(value);
					}
				}
				return new Multi(values);
			}
			return node.toString();
		}

	}

	private record Literal(Object value) implements Node {

		@Override
		public Object eval(JsonNode document) {
			return this.value;
		}

	}

	// ---- the parser

	private static final class Parser {

		private final String text;

		private int pos;

		private int depth;

		Parser(String text) {
			this.text = text;
		}

		Node parseAll() {
			skipWhitespace();
			if (this.pos >= this.text.length()) {
				throw error("the filter is empty");
			}
			Node node = orExpression();
			skipWhitespace();
			if (this.pos < this.text.length()) {
				throw error("unexpected " + describeHere() + "; expected AND, OR, a comparison or the end of the filter");
			}
			return node;
		}

		private Node orExpression() {
			enter();
			Node left = andExpression();
			while (acceptKeyword("OR")) {
				Node l = left;
				Node r = andExpression();
				left = (document) -> or3(truth(l.eval(document)), truth(r.eval(document)));
			}
			this.depth--;
			return left;
		}

		private Node andExpression() {
			Node left = notExpression();
			while (acceptKeyword("AND")) {
				Node l = left;
				Node r = notExpression();
				left = (document) -> {
					Boolean first = truth(l.eval(document));
					return Boolean.FALSE.equals(first) ? Boolean.FALSE : and3(first, truth(r.eval(document)));
				};
			}
			return left;
		}

		private Node notExpression() {
			if (acceptKeyword("NOT")) {
				enter();
				Node operand = notExpression();
				this.depth--;
				return (document) -> not3(truth(operand.eval(document)));
			}
			return predicate();
		}

		private Node predicate() {
			Node left = additive();
			skipWhitespace();
			Comparison comparison = acceptComparison();
			if (comparison != null) {
				Node right = additive();
				return (document) -> compare(left.eval(document), right.eval(document), comparison);
			}
			int notAt = this.pos;
			boolean negated = acceptKeyword("NOT");
			Node test;
			if (acceptKeyword("BETWEEN")) {
				Node low = additive();
				expectKeyword("AND", "AND (BETWEEN x AND y)");
				Node high = additive();
				test = (document) -> {
					Object low1 = low.eval(document);
					Object high1 = high.eval(document);
					return any(left.eval(document), (value) -> and3(compare(value, low1, Comparison.GE),
							compare(value, high1, Comparison.LE)));
				};
			}
			else if (acceptKeyword("IN")) {
				List<Node> set = list();
				test = (document) -> {
					Object value = left.eval(document);
					Boolean result = Boolean.FALSE;
					for (Node element : set) {
						result = or3(result, compare(value, element.eval(document), Comparison.EQ));
						if (Boolean.TRUE.equals(result)) {
							break;
						}
					}
					return result;
				};
			}
			else if (acceptKeyword("LIKE")) {
				skipWhitespace();
				int patternAt = this.pos;
				if (!atQuote()) {
					throw error("expected the pattern of LIKE as a quoted string, but found " + describeHere());
				}
				String regex = string();
				Pattern pattern;
				try {
					pattern = Pattern.compile(regex);
				}
				catch (PatternSyntaxException ex) {
					throw new FilterSyntaxException(message("the LIKE pattern '" + regex
							+ "' is not a valid regular expression (" + ex.getDescription() + ")", patternAt), patternAt);
				}
				test = (document) -> any(left.eval(document), (value) -> {
					String text = text(value);
					return (text != null) ? pattern.matcher(text).find() : null;
				});
			}
			else if (acceptKeyword("BEGINS")) {
				expectKeyword("WITH", "WITH (BEGINS WITH ('...'))");
				List<String> prefixes = strings();
				test = (document) -> any(left.eval(document), (value) -> {
					String text = text(value);
					return (text != null) ? prefixes.stream().anyMatch(text::startsWith) : null;
				});
			}
			else if (acceptKeyword("ENDS")) {
				expectKeyword("WITH", "WITH (ENDS WITH ('...'))");
				List<String> suffixes = strings();
				test = (document) -> any(left.eval(document), (value) -> {
					String text = text(value);
					return (text != null) ? suffixes.stream().anyMatch(text::endsWith) : null;
				});
			}
			else if (!negated && acceptKeyword("IS")) {
				boolean not = acceptKeyword("NOT");
				expectKeyword("NULL", "NULL (IS NULL or IS NOT NULL)");
				return (document) -> isNull(left.eval(document)) != not;
			}
			else if (negated) {
				this.pos = notAt;
				throw error("NOT after a value must be followed by BETWEEN, IN, LIKE, BEGINS WITH or ENDS WITH");
			}
			else {
				return left;
			}
			return negated ? (document) -> not3((Boolean) test.eval(document)) : test;
		}

		private Node additive() {
			Node left = multiplicative();
			while (true) {
				skipWhitespace();
				char c = peek();
				if (c != '+' && c != '-') {
					return left;
				}
				this.pos++;
				Node l = left;
				Node r = multiplicative();
				boolean plus = c == '+';
				left = (document) -> arithmetic(l.eval(document), r.eval(document), plus ? '+' : '-');
			}
		}

		private Node multiplicative() {
			Node left = unary();
			while (true) {
				skipWhitespace();
				char c = peek();
				if (c != '*' && c != '/' && c != '%') {
					return left;
				}
				this.pos++;
				Node l = left;
				Node r = unary();
				left = (document) -> arithmetic(l.eval(document), r.eval(document), c);
			}
		}

		private Node unary() {
			skipWhitespace();
			if (peek() == '-') {
				this.pos++;
				enter();
				Node operand = unary();
				this.depth--;
				if (operand instanceof Literal literal && literal.value() instanceof BigDecimal number) {
					return new Literal(number.negate());
				}
				return (document) -> {
					BigDecimal number = toNumber(operand.eval(document));
					return (number != null) ? number.negate() : null;
				};
			}
			return primary();
		}

		private Node primary() {
			skipWhitespace();
			if (this.pos >= this.text.length()) {
				throw error("expected a value (a /field, a 'string', a number, TRUE, FALSE, NULL or a parenthesis) "
						+ "but the filter ends");
			}
			char c = peek();
			if (c == '(') {
				this.pos++;
				Node inner = orExpression();
				skipWhitespace();
				if (peek() != ')') {
					throw error("expected ')' to close the parenthesis, but found " + describeHere());
				}
				this.pos++;
				return inner;
			}
			if (c == '/') {
				return path();
			}
			if (c == '\'' || c == '"') {
				return new Literal(string());
			}
			if (Character.isDigit(c) || (c == '.' && this.pos + 1 < this.text.length()
					&& Character.isDigit(this.text.charAt(this.pos + 1)))) {
				return new Literal(number());
			}
			if (Character.isLetter(c) || c == '_') {
				int start = this.pos;
				String word = word();
				switch (word.toUpperCase(Locale.ROOT)) {
					case "TRUE" -> {
						return new Literal(Boolean.TRUE);
					}
					case "FALSE" -> {
						return new Literal(Boolean.FALSE);
					}
					case "NULL" -> {
						return new Literal(null);
					}
					default -> {
					}
				}
				skipWhitespace();
				if (peek() == '(') {
					this.pos = start;
					throw error("functions such as " + word + "(...) are not supported by the AMPS test server");
				}
				this.pos = start;
				throw error("unexpected word '" + word + "'; expected a value (a /field, a 'string', a number, TRUE, "
						+ "FALSE or NULL)");
			}
			throw error("unexpected " + describeHere() + "; expected a value (a /field, a 'string', a number, TRUE, "
					+ "FALSE, NULL or a parenthesis)");
		}

		private Node path() {
			int start = this.pos;
			List<Step> steps = new ArrayList<>(2);
			while (peek() == '/') {
				this.pos++;
				int nameStart = this.pos;
				while (this.pos < this.text.length() && isNameChar(this.text.charAt(this.pos))) {
					this.pos++;
				}
				if (this.pos == nameStart) {
					throw error("expected a field name after '/'");
				}
				String name = this.text.substring(nameStart, this.pos);
				Integer index = null;
				if (peek() == '[') {
					this.pos++;
					int indexStart = this.pos;
					while (this.pos < this.text.length() && Character.isDigit(this.text.charAt(this.pos))) {
						this.pos++;
					}
					if (this.pos == indexStart || peek() != ']') {
						this.pos = indexStart;
						throw error("expected an array position such as [0] after /" + name);
					}
					index = Integer.valueOf(this.text.substring(indexStart, this.pos));
					this.pos++;
				}
				steps.add(new Step(name, index));
			}
			return new Path(Collections.unmodifiableList(steps), this.text.substring(start, this.pos));
		}

		private static boolean isNameChar(char c) {
			return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '$' || c == '@';
		}

		private String string() {
			int start = this.pos;
			char quote = this.text.charAt(this.pos++);
			StringBuilder value = new StringBuilder();
			while (this.pos < this.text.length()) {
				char c = this.text.charAt(this.pos++);
				if (c == quote) {
					return value.toString();
				}
				if (c == '\\' && this.pos < this.text.length()) {
					char next = this.text.charAt(this.pos);
					if (next == quote) {
						value.append(quote);
						this.pos++;
						continue;
					}
					if (next == 'x' && isHex(this.pos + 1) && isHex(this.pos + 2)) {
						value.append((char) Integer.parseInt(this.text.substring(this.pos + 1, this.pos + 3), 16));
						this.pos += 3;
						continue;
					}
				}
				value.append(c);
			}
			this.pos = start;
			throw error("the string starting here is not closed with " + quote);
		}

		private boolean isHex(int index) {
			return index < this.text.length() && Character.digit(this.text.charAt(index), 16) >= 0;
		}

		private BigDecimal number() {
			int start = this.pos;
			while (this.pos < this.text.length() && Character.isDigit(this.text.charAt(this.pos))) {
				this.pos++;
			}
			if (peek() == '.') {
				this.pos++;
				while (this.pos < this.text.length() && Character.isDigit(this.text.charAt(this.pos))) {
					this.pos++;
				}
			}
			if (peek() == 'e' || peek() == 'E') {
				int exponent = this.pos;
				this.pos++;
				if (peek() == '+' || peek() == '-') {
					this.pos++;
				}
				int digits = this.pos;
				while (this.pos < this.text.length() && Character.isDigit(this.text.charAt(this.pos))) {
					this.pos++;
				}
				if (this.pos == digits) {
					this.pos = exponent;
				}
			}
			if (this.pos < this.text.length() && (Character.isLetter(this.text.charAt(this.pos))
					|| this.text.charAt(this.pos) == '_')) {
				throw error("a number may not be followed by " + describeHere());
			}
			return new BigDecimal(this.text.substring(start, this.pos));
		}

		/** A list of expressions in parentheses, for IN. */
		private List<Node> list() {
			skipWhitespace();
			if (peek() != '(') {
				throw error("expected '(' to start the list, but found " + describeHere());
			}
			this.pos++;
			List<Node> elements = new ArrayList<>();
			while (true) {
				elements.add(additive());
				skipWhitespace();
				if (peek() == ',') {
					this.pos++;
					continue;
				}
				if (peek() == ')') {
					this.pos++;
					return elements;
				}
				throw error("expected ',' or ')' in the list, but found " + describeHere());
			}
		}

		/** A list of string (or number) literals in parentheses, for BEGINS WITH / ENDS WITH. */
		private List<String> strings() {
			skipWhitespace();
			if (peek() != '(') {
				throw error("expected '(' and a list of quoted strings, as in BEGINS WITH ('AB'), but found "
						+ describeHere());
			}
			this.pos++;
			List<String> values = new ArrayList<>();
			while (true) {
				skipWhitespace();
				if (atQuote()) {
					values.add(string());
				}
				else if (Character.isDigit(peek())) {
					values.add(number().toPlainString());
				}
				else {
					throw error("expected a quoted string in the list, but found " + describeHere());
				}
				skipWhitespace();
				if (peek() == ',') {
					this.pos++;
					continue;
				}
				if (peek() == ')') {
					this.pos++;
					return values;
				}
				throw error("expected ',' or ')' in the list, but found " + describeHere());
			}
		}

		private Comparison acceptComparison() {
			String rest = this.text.substring(this.pos, Math.min(this.text.length(), this.pos + 2));
			for (Map.Entry<String, Comparison> symbol : SYMBOLS) {
				if (rest.startsWith(symbol.getKey())) {
					this.pos += symbol.getKey().length();
					return symbol.getValue();
				}
			}
			return null;
		}

		private static final List<Map.Entry<String, Comparison>> SYMBOLS = List.of(Map.entry("==", Comparison.EQ),
				Map.entry("!=", Comparison.NE), Map.entry("<>", Comparison.NE), Map.entry("<=", Comparison.LE),
				Map.entry(">=", Comparison.GE), Map.entry("=", Comparison.EQ), Map.entry("<", Comparison.LT),
				Map.entry(">", Comparison.GT));

		private boolean acceptKeyword(String keyword) {
			skipWhitespace();
			int end = this.pos + keyword.length();
			if (end > this.text.length() || !this.text.regionMatches(true, this.pos, keyword, 0, keyword.length())) {
				return false;
			}
			if (end < this.text.length() && isNameChar(this.text.charAt(end))) {
				return false;
			}
			this.pos = end;
			return true;
		}

		private void expectKeyword(String keyword, String what) {
			if (!acceptKeyword(keyword)) {
				throw error("expected " + what + ", but found " + describeHere());
			}
		}

		private String word() {
			int start = this.pos;
			while (this.pos < this.text.length() && (Character.isLetterOrDigit(this.text.charAt(this.pos))
					|| this.text.charAt(this.pos) == '_')) {
				this.pos++;
			}
			return this.text.substring(start, this.pos);
		}

		private boolean atQuote() {
			char c = peek();
			return c == '\'' || c == '"';
		}

		private char peek() {
			return (this.pos < this.text.length()) ? this.text.charAt(this.pos) : '\0';
		}

		private void skipWhitespace() {
			while (this.pos < this.text.length() && Character.isWhitespace(this.text.charAt(this.pos))) {
				this.pos++;
			}
		}

		private void enter() {
			if (++this.depth > MAX_DEPTH) {
				throw error("the filter nests more than " + MAX_DEPTH + " levels deep");
			}
		}

		private String describeHere() {
			if (this.pos >= this.text.length()) {
				return "the end of the filter";
			}
			int end = this.pos + 1;
			if (isNameChar(this.text.charAt(this.pos))) {
				while (end < this.text.length() && isNameChar(this.text.charAt(end))) {
					end++;
				}
			}
			return "'" + this.text.substring(this.pos, Math.min(end, this.pos + 20)) + "'";
		}

		private FilterSyntaxException error(String problem) {
			return new FilterSyntaxException(message(problem, this.pos), this.pos);
		}

		private String message(String problem, int at) {
			return "Invalid content filter \"" + this.text + "\" at position " + at + " (marked: " + pointer(at)
					+ "): " + problem;
		}

		private String pointer(int at) {
			int clamped = Math.min(at, this.text.length());
			return "\"" + this.text.substring(0, clamped) + "<here>" + this.text.substring(clamped) + "\"";
		}

	}

	private static Object arithmetic(Object leftValue, Object rightValue, char operator) {
		BigDecimal left = toNumber(leftValue);
		BigDecimal right = toNumber(rightValue);
		if (left == null || right == null) {
			return null;
		}
		return switch (operator) {
			case '+' -> left.add(right);
			case '-' -> left.subtract(right);
			case '*' -> left.multiply(right);
			case '/' -> (right.signum() == 0) ? null : left.divide(right, MathContext.DECIMAL64);
			default -> (right.signum() == 0) ? null : left.remainder(right);
		};
	}

}
