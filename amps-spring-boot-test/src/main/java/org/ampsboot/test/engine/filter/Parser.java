package org.ampsboot.test.engine.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.ampsboot.test.engine.filter.Arithmetic.Operator;
import org.ampsboot.test.engine.filter.Values.Comparison;

/**
 * The grammar of a filter, by recursive descent: {@code OR} over {@code AND} over {@code NOT} over predicates over
 * {@code + -} over {@code * / % MOD} over unary minus over values (AMPS User Guide, "Grouping and Order of
 * Evaluation": {@code AND} binds tighter than {@code OR}). Keywords are case-insensitive. In operator position
 * {@code /} divides: write {@code /a / 2}; since {@code -} may be part of a field name, write {@code /a - 1} with
 * spaces ("Arithmetic Operators": "it is important to separate mathematical operators with white space"). Internal:
 * not API.
 */
final class Parser extends Scanner {

	private static final List<Map.Entry<String, Comparison>> SYMBOLS = List.of(Map.entry("==", Comparison.EQ),
			Map.entry("!=", Comparison.NE), Map.entry("<>", Comparison.NE), Map.entry("<=", Comparison.LE),
			Map.entry(">=", Comparison.GE), Map.entry("=", Comparison.EQ), Map.entry("<", Comparison.LT),
			Map.entry(">", Comparison.GT));

	Parser(String text) {
		super(text);
	}

	Node parseAll() {
		skipWhitespace();
		if (atEnd()) {
			throw error("the filter is empty");
		}
		Node node = orExpression();
		skipWhitespace();
		if (!atEnd()) {
			throw error("unexpected " + describeHere() + "; expected AND, OR, a comparison or the end of the filter");
		}
		return node;
	}

	private Node orExpression() {
		enter();
		Node left = andExpression();
		while (acceptKeyword("OR")) {
			left = Predicates.or(left, andExpression());
		}
		leave();
		return left;
	}

	private Node andExpression() {
		Node left = notExpression();
		while (acceptKeyword("AND")) {
			left = Predicates.and(left, notExpression());
		}
		return left;
	}

	private Node notExpression() {
		if (acceptKeyword("NOT")) {
			enter();
			Node operand = notExpression();
			leave();
			return Predicates.not(operand);
		}
		return predicate();
	}

	private Node predicate() {
		Node left = additive();
		skipWhitespace();
		Comparison comparison = acceptComparison();
		if (comparison != null) {
			return Predicates.compare(left, additive(), comparison);
		}
		int notAt = this.pos;
		boolean negated = acceptKeyword("NOT");
		Node test;
		if (acceptKeyword("BETWEEN")) {
			Node low = additive();
			expectKeyword("AND", "AND (BETWEEN x AND y)");
			test = Predicates.between(left, low, additive());
		}
		else if (acceptKeyword("IN")) {
			test = Predicates.in(left, list());
		}
		else if (acceptKeyword("LIKE")) {
			test = Predicates.like(left, pattern());
		}
		else if (acceptKeyword("BEGINS")) {
			expectKeyword("WITH", "WITH (BEGINS WITH ('...'))");
			test = Predicates.beginsWith(left, strings());
		}
		else if (acceptKeyword("ENDS")) {
			expectKeyword("WITH", "WITH (ENDS WITH ('...'))");
			test = Predicates.endsWith(left, strings());
		}
		else if (!negated && acceptKeyword("IS")) {
			boolean not = acceptKeyword("NOT");
			if (acceptKeyword("NAN")) {
				return Predicates.isNaN(left, not);
			}
			expectKeyword("NULL", "NULL or NAN (IS [NOT] NULL, IS [NOT] NAN)");
			return Predicates.isNull(left, not);
		}
		else if (negated) {
			this.pos = notAt;
			throw error("NOT after a value must be followed by BETWEEN, IN, LIKE, BEGINS WITH or ENDS WITH");
		}
		else {
			return left;
		}
		return negated ? Predicates.not(test) : test;
	}

	private Pattern pattern() {
		skipWhitespace();
		int patternAt = this.pos;
		if (!atQuote()) {
			throw error("expected the pattern of LIKE as a quoted string, but found " + describeHere());
		}
		String regex = string();
		try {
			return Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw error("the LIKE pattern '" + regex + "' is not a valid regular expression (" + ex.getDescription()
					+ ")", patternAt);
		}
	}

	private Node additive() {
		Node left = multiplicative();
		while (true) {
			skipWhitespace();
			Operator operator = (peek() == '+' || peek() == '-') ? Operator.of(peek()) : null;
			if (operator == null) {
				return left;
			}
			this.pos++;
			left = arithmetic(left, multiplicative(), operator);
		}
	}

	private Node multiplicative() {
		Node left = unary();
		while (true) {
			skipWhitespace();
			Operator operator = null;
			if (peek() == '*' || peek() == '/' || peek() == '%') {
				operator = Operator.of(peek());
				this.pos++;
			}
			else if (acceptKeyword("MOD")) {
				operator = Operator.MODULO;
			}
			if (operator == null) {
				return left;
			}
			left = arithmetic(left, unary(), operator);
		}
	}

	private static Node arithmetic(Node left, Node right, Operator operator) {
		return (document) -> Arithmetic.apply(left.eval(document), right.eval(document), operator);
	}

	private Node unary() {
		skipWhitespace();
		if (peek() == '-') {
			this.pos++;
			enter();
			Node operand = unary();
			leave();
			if (operand instanceof Node.Literal literal && literal.value() instanceof Number) {
				return new Node.Literal(Arithmetic.negate(literal.value()));
			}
			return (document) -> Arithmetic.negate(operand.eval(document));
		}
		return primary();
	}

	private Node primary() {
		skipWhitespace();
		if (atEnd()) {
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
			return identifier();
		}
		if (c == '[' && this.text.startsWith("/", this.pos + 1)) {
			int end = this.text.indexOf(']', this.pos);
			String written = (end < 0) ? this.text.substring(this.pos) : this.text.substring(this.pos, end + 1);
			throw new ContentFilter.UnsupportedFeatureException("bracketed identifier " + written);
		}
		if (atQuote()) {
			return new Node.Literal(string());
		}
		if (Character.isDigit(c) || (c == '.' && this.pos + 1 < this.text.length()
				&& Character.isDigit(this.text.charAt(this.pos + 1)))) {
			return new Node.Literal(number());
		}
		if (Character.isLetter(c) || c == '_') {
			return word(this.pos);
		}
		throw error("unexpected " + describeHere() + "; expected a value (a /field, a 'string', a number, TRUE, "
				+ "FALSE, NULL or a parenthesis)");
	}

	private Node word(int start) {
		String word = word();
		switch (word.toUpperCase(Locale.ROOT)) {
			case "TRUE" -> {
				return new Node.Literal(Boolean.TRUE);
			}
			case "FALSE" -> {
				return new Node.Literal(Boolean.FALSE);
			}
			case "NULL" -> {
				return new Node.Literal(null);
			}
			default -> {
			}
		}
		skipWhitespace();
		if (peek() == '(') {
			this.pos++;
			List<Node> args = arguments();
			return Functions.call(word, args, (problem) -> error(problem, start));
		}
		this.pos = start;
		throw error("unexpected word '" + word + "'; expected a value (a /field, a 'string', a number, TRUE, FALSE, "
				+ "NULL or a function call)");
	}

	/** The arguments of a function call, after its '('. */
	private List<Node> arguments() {
		List<Node> args = new ArrayList<>();
		skipWhitespace();
		if (peek() == ')') {
			this.pos++;
			return args;
		}
		while (true) {
			args.add(orExpression());
			skipWhitespace();
			if (peek() == ',') {
				this.pos++;
				continue;
			}
			if (peek() == ')') {
				this.pos++;
				return args;
			}
			throw error("expected ',' or ')' in the arguments, but found " + describeHere());
		}
	}

	private Node identifier() {
		int start = this.pos;
		List<Identifier.Step> steps = new ArrayList<>(2);
		while (peek() == '/') {
			this.pos++;
			int nameStart = this.pos;
			while (!atEnd() && isNameChar(this.text.charAt(this.pos))) {
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
				while (!atEnd() && Character.isDigit(this.text.charAt(this.pos))) {
					this.pos++;
				}
				if (this.pos == indexStart || peek() != ']') {
					this.pos = indexStart;
					throw error("expected an array position such as [0] after /" + name);
				}
				index = Integer.valueOf(this.text.substring(indexStart, this.pos));
				this.pos++;
			}
			steps.add(new Identifier.Step(name, index));
		}
		return new Identifier(Collections.unmodifiableList(steps), this.text.substring(start, this.pos));
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
				values.add(Values.text(number()));
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
		for (Map.Entry<String, Comparison> symbol : SYMBOLS) {
			if (this.text.startsWith(symbol.getKey(), this.pos)) {
				this.pos += symbol.getKey().length();
				return symbol.getValue();
			}
		}
		return null;
	}

}
