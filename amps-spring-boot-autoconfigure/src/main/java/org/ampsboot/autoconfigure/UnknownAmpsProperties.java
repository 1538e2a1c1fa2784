package org.ampsboot.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Warns, once when the auto-configuration is processed, about each key under {@code amps.}
 * that no property binds (a misspelling such as {@code amps.heartbeat.intervall} is otherwise
 * ignored), naming the nearest known property. Named clients' keys
 * ({@code amps.clients.<name>.*}) are checked against a client's properties. The known names
 * come from the properties classes themselves; only enumerable property sources are scanned,
 * through Spring Boot's cached name mappings.
 */
class UnknownAmpsProperties implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private static final Log logger = LogFactory.getLog(UnknownAmpsProperties.class);

	private static final ConfigurationPropertyName AMPS = ConfigurationPropertyName.of("amps");

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (String warning : warnings(this.environment)) {
			logger.warn(warning);
		}
	}

	/**
	 * One message for each unknown key under {@code amps.}, in the order found.
	 */
	static List<String> warnings(Environment environment) {
		Set<String> unknown = new LinkedHashSet<>();
		Names names = null;
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			for (ConfigurationPropertyName name : iterable) {
				if (!AMPS.isAncestorOf(name)) {
					continue;
				}
				if (names == null) {
					names = new Names();
				}
				if (!names.isKnown(name)) {
					unknown.add(name.toString());
				}
			}
		}
		if (unknown.isEmpty()) {
			return List.of();
		}
		List<String> warnings = new ArrayList<>();
		for (String key : unknown) {
			warnings.add("Unknown AMPS property " + key + ": no setting of the starter has that name, so it is ignored. "
					+ "Did you mean " + names.nearest(ConfigurationPropertyName.of(key)) + "?");
		}
		return warnings;
	}

	/**
	 * The names the properties classes bind, relative to {@code amps.} and to
	 * {@code amps.clients.<name>.}, in uniform form (lower case, letters and digits) and dashed.
	 */
	static final class Names {

		private final Set<String> topLevel = new LinkedHashSet<>();

		private final Set<String> client = new LinkedHashSet<>();

		private final Set<String> groups = new LinkedHashSet<>();

		Names() {
			collect(AmpsProperties.class, "", this.topLevel);
			collect(AmpsClientProperties.class, "", this.client);
		}

		private void collect(Class<?> type, String prefix, Set<String> into) {
			for (Map.Entry<String, Class<?>> property : readableProperties(type).entrySet()) {
				if ("class".equals(property.getKey())) {
					continue;
				}
				String name = prefix + dashed(property.getKey());
				Class<?> propertyType = property.getValue();
				if (Map.class.isAssignableFrom(propertyType)) {
					this.groups.add(name);
				}
				else if (propertyType.getName().startsWith("org.ampsboot.") && !propertyType.isEnum()) {
					this.groups.add(name);
					collect(propertyType, name + ".", into);
				}
				else {
					into.add(name);
				}
			}
		}

		boolean isKnown(ConfigurationPropertyName name) {
			int size = name.getNumberOfElements();
			if (size == 1) {
				return true;
			}
			boolean named = "clients".equals(name.getElement(1, Form.UNIFORM));
			if (named && size <= 3) {
				return true;
			}
			String relative = relative(name, named ? 3 : 1, Form.UNIFORM);
			Set<String> known = named ? this.client : this.topLevel;
			for (String candidate : known) {
				if (uniform(candidate).equals(relative)) {
					return true;
				}
			}
			for (String group : this.groups) {
				if (uniform(group).equals(relative)) {
					return true;
				}
			}
			return false;
		}

		String nearest(ConfigurationPropertyName name) {
			boolean named = name.getNumberOfElements() > 3 && "clients".equals(name.getElement(1, Form.UNIFORM));
			String prefix = named ? "amps.clients." + name.getElement(2, Form.ORIGINAL) + "." : "amps.";
			String relative = relative(name, named ? 3 : 1, Form.DASHED);
			String best = null;
			int bestDistance = Integer.MAX_VALUE;
			for (String candidate : named ? this.client : this.topLevel) {
				int distance = distance(relative, candidate);
				if (distance < bestDistance) {
					best = candidate;
					bestDistance = distance;
				}
			}
			return prefix + best;
		}

		/**
		 * The readable JavaBean properties of a type, by name in name order, with their types: the
		 * properties with a read method that {@code BeanUtils.getPropertyDescriptors} finds (but
		 * {@code class}), read from the public getters of the class and its superclasses directly.
		 * Spring's introspection (generic-type-aware descriptors, cached) cost a cold start about
		 * 7 ms for these dozen classes, which nothing else introspects; the declared methods read
		 * here are those the binder reads anyway. {@code UnknownAmpsPropertiesTests} checks that
		 * both give the same properties.
		 */
		static Map<String, Class<?>> readableProperties(Class<?> type) {
			Map<String, Class<?>> properties = new TreeMap<>();
			for (Class<?> declaring = type; declaring != null && declaring != Object.class; declaring = declaring
				.getSuperclass()) {
				for (Method method : declaring.getDeclaredMethods()) {
					add(properties, method);
				}
			}
			return properties;
		}

		private static void add(Map<String, Class<?>> properties, Method method) {
			if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())
					|| method.isBridge() || method.getParameterCount() != 0) {
				return;
			}
			String methodName = method.getName();
			Class<?> returnType = method.getReturnType();
			int start;
			if (methodName.startsWith("get") && methodName.length() > 3 && returnType != void.class) {
				start = 3;
			}
			else if (methodName.startsWith("is") && methodName.length() > 2 && returnType == boolean.class) {
				start = 2;
			}
			else {
				return;
			}
			String name = decapitalize(methodName.substring(start));
			Class<?> known = properties.get(name);
			if (known == null || known.isAssignableFrom(returnType)) {
				properties.put(name, returnType);
			}
		}

		/** As {@code java.beans.Introspector.decapitalize}: {@code URL} stays, {@code Uri} becomes {@code uri}. */
		private static String decapitalize(String name) {
			if (name.length() > 1 && Character.isUpperCase(name.charAt(1)) && Character.isUpperCase(name.charAt(0))) {
				return name;
			}
			return Character.toLowerCase(name.charAt(0)) + name.substring(1);
		}

		/** The elements from {@code start}, without trailing indexes such as {@code [0]}. */
		private static String relative(ConfigurationPropertyName name, int start, Form form) {
			int end = name.getNumberOfElements();
			while (end > start && name.isNumericIndex(end - 1)) {
				end--;
			}
			StringBuilder relative = new StringBuilder();
			for (int i = start; i < end; i++) {
				if (relative.length() > 0) {
					relative.append('.');
				}
				relative.append(name.getElement(i, form));
			}
			return relative.toString();
		}

		private static String uniform(String dashed) {
			return dashed.replace("-", "");
		}

		private static String dashed(String camelCase) {
			StringBuilder dashed = new StringBuilder();
			for (char c : camelCase.toCharArray()) {
				if (Character.isUpperCase(c)) {
					dashed.append('-').append(Character.toLowerCase(c));
				}
				else {
					dashed.append(c);
				}
			}
			return dashed.toString();
		}

		/** Levenshtein distance. */
		private static int distance(String a, String b) {
			int[] previous = new int[b.length() + 1];
			int[] current = new int[b.length() + 1];
			for (int j = 0; j <= b.length(); j++) {
				previous[j] = j;
			}
			for (int i = 1; i <= a.length(); i++) {
				current[0] = i;
				for (int j = 1; j <= b.length(); j++) {
					int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
					current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
				}
				int[] swap = previous;
				previous = current;
				current = swap;
			}
			return previous[b.length()];
		}

	}

}
