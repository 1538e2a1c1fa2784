package org.ampsboot.autoconfigure.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

import com.crankuptheamps.client.Message;

/**
 * Names for the client's {@link Message.Reason} codes, read once from its public constants.
 * <p>
 * Internal: not API (public only because the client's failed-write handler and the metrics, which
 * name reasons with it, live in other packages).
 */
public final class AmpsReasons {

	private static final Map<Integer, String> NAMES = names();

	private AmpsReasons() {
	}

	public static String name(int reason) {
		return NAMES.getOrDefault(reason, "reason " + reason);
	}

	private static Map<Integer, String> names() {
		Map<Integer, String> names = new HashMap<>();
		for (Field field : Message.Reason.class.getFields()) {
			int modifiers = field.getModifiers();
			if (Modifier.isStatic(modifiers) && field.getType() == int.class) {
				try {
					names.putIfAbsent(field.getInt(null), field.getName());
				}
				catch (IllegalAccessException ex) {
					// public constant: cannot happen
				}
			}
		}
		return Map.copyOf(names);
	}

}
