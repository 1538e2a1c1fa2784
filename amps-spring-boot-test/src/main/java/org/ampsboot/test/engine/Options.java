package org.ampsboot.test.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code options} header of a command: a comma list of options, where an option's value may be a bracketed
 * list holding commas itself ({@code select=[+/a,-/b]}, AMPS User Guide "Retrieving Part of a Message").
 *
 * <p>Internal: not API.
 */
public final class Options {

	private Options() {
	}

	/** The options, trimmed, in order; a comma inside {@code [...]} does not split. Empty entries are dropped. */
	public static List<String> split(String options) {
		List<String> parts = new ArrayList<>();
		if (options == null) {
			return parts;
		}
		int depth = 0;
		int start = 0;
		for (int i = 0; i <= options.length(); i++) {
			char c = (i < options.length()) ? options.charAt(i) : ',';
			if (c == '[') {
				depth++;
			}
			else if (c == ']' && depth > 0) {
				depth--;
			}
			else if (c == ',' && (depth == 0 || i == options.length())) {
				String part = options.substring(start, i).trim();
				if (!part.isEmpty()) {
					parts.add(part);
				}
				start = i + 1;
			}
		}
		return parts;
	}

	/** The name of one option (before any {@code =}). */
	public static String name(String option) {
		int equals = option.indexOf('=');
		return (equals >= 0) ? option.substring(0, equals).trim() : option.trim();
	}

	/** Whether the options contain this one (case-insensitive, before any {@code =}). */
	public static boolean has(String options, String option) {
		for (String part : split(options)) {
			if (name(part).equalsIgnoreCase(option)) {
				return true;
			}
		}
		return false;
	}

	/** The value of {@code option=value} (trimmed), or {@code null} if the option is absent or has no value. */
	public static String value(String options, String option) {
		for (String part : split(options)) {
			int equals = part.indexOf('=');
			if (equals >= 0 && part.substring(0, equals).trim().equalsIgnoreCase(option)) {
				return part.substring(equals + 1).trim();
			}
		}
		return null;
	}

}
