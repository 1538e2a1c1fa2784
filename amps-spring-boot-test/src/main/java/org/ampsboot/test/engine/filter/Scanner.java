package org.ampsboot.test.engine.filter;

import java.math.BigDecimal;

/**
 * The characters of a filter: whitespace, keywords, quoted strings, numbers, and error messages that point at the
 * position. The grammar on top of it is {@link Parser}. Internal: not API.
 *
 * <p>Strings are {@code 'single'} or {@code "double"} quoted; a backslash followed by the quote character is that
 * quote, {@code \xHH} is that byte, any other backslash is kept (so regular expressions such as {@code '\d+'} need no
 * doubling). A number without a decimal point or exponent is an integer literal, one with either a floating point
 * literal (AMPS User Guide, "Arithmetic Operators": "AMPS distinguishes between floating point and integral types").
 */
class Scanner {

	static final int MAX_DEPTH = 100;

	final String text;

	int pos;

	int depth;

	Scanner(String text) {
		this.text = text;
	}

	final String string() {
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

	/** A number literal: a {@link Long}, or a {@link Double} if it has a decimal point or an exponent. */
	final Number number() {
		int start = this.pos;
		skipDigits();
		if (peek() == '.') {
			this.pos++;
			skipDigits();
		}
		if (peek() == 'e' || peek() == 'E') {
			int exponent = this.pos;
			this.pos++;
			if (peek() == '+' || peek() == '-') {
				this.pos++;
			}
			int digits = this.pos;
			skipDigits();
			if (this.pos == digits) {
				this.pos = exponent;
			}
		}
		if (this.pos < this.text.length()
				&& (Character.isLetter(this.text.charAt(this.pos)) || this.text.charAt(this.pos) == '_')) {
			throw error("a number may not be followed by " + describeHere());
		}
		String literal = this.text.substring(start, this.pos);
		return Values.number(new BigDecimal(literal), Values.isIntegralText(literal));
	}

	private void skipDigits() {
		while (this.pos < this.text.length() && Character.isDigit(this.text.charAt(this.pos))) {
			this.pos++;
		}
	}

	static boolean isNameChar(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '$' || c == '@';
	}

	final boolean acceptKeyword(String keyword) {
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

	final void expectKeyword(String keyword, String what) {
		if (!acceptKeyword(keyword)) {
			throw error("expected " + what + ", but found " + describeHere());
		}
	}

	final String word() {
		int start = this.pos;
		while (this.pos < this.text.length()
				&& (Character.isLetterOrDigit(this.text.charAt(this.pos)) || this.text.charAt(this.pos) == '_')) {
			this.pos++;
		}
		return this.text.substring(start, this.pos);
	}

	final boolean atQuote() {
		char c = peek();
		return c == '\'' || c == '"';
	}

	final char peek() {
		return (this.pos < this.text.length()) ? this.text.charAt(this.pos) : '\0';
	}

	final boolean atEnd() {
		return this.pos >= this.text.length();
	}

	final void skipWhitespace() {
		while (this.pos < this.text.length() && Character.isWhitespace(this.text.charAt(this.pos))) {
			this.pos++;
		}
	}

	final void enter() {
		if (++this.depth > MAX_DEPTH) {
			throw error("the filter nests more than " + MAX_DEPTH + " levels deep");
		}
	}

	final void leave() {
		this.depth--;
	}

	final String describeHere() {
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

	final ContentFilter.FilterSyntaxException error(String problem) {
		return error(problem, this.pos);
	}

	final ContentFilter.FilterSyntaxException error(String problem, int at) {
		return new ContentFilter.FilterSyntaxException(message(problem, at), at);
	}

	private String message(String problem, int at) {
		return "Invalid content filter \"" + this.text + "\" at position " + at + " (marked: " + pointer(at) + "): "
				+ problem;
	}

	private String pointer(int at) {
		int clamped = Math.min(at, this.text.length());
		return "\"" + this.text.substring(0, clamped) + "<here>" + this.text.substring(clamped) + "\"";
	}

}
