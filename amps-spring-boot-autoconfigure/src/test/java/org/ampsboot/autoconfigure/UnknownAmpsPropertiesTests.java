package org.ampsboot.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The known property names of the misspelling check come from the properties classes' getters,
 * read directly (cheaper at start-up than Spring's introspection): the same properties, in the
 * same order, as {@link BeanUtils#getPropertyDescriptors(Class)} gives (but {@code class}).
 */
class UnknownAmpsPropertiesTests {

	@Test
	void readablePropertiesAreThoseOfSpringsIntrospection() {
		Set<Class<?>> checked = new LinkedHashSet<>();
		Deque<Class<?>> types = new ArrayDeque<>();
		types.add(AmpsProperties.class);
		types.add(AmpsClientProperties.class);
		while (!types.isEmpty()) {
			Class<?> type = types.poll();
			if (!checked.add(type)) {
				continue;
			}
			Map<String, Class<?>> introspected = new LinkedHashMap<>();
			for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
				if (descriptor.getReadMethod() != null && !"class".equals(descriptor.getName())) {
					introspected.put(descriptor.getName(), descriptor.getPropertyType());
				}
			}
			Map<String, Class<?>> read = UnknownAmpsProperties.Names.readableProperties(type);
			assertThat(read).as(type.getName()).containsExactlyEntriesOf(introspected);
			for (Class<?> propertyType : read.values()) {
				if (propertyType.getName().startsWith("org.ampsboot.") && !propertyType.isEnum()) {
					types.add(propertyType);
				}
			}
		}
		assertThat(checked).hasSizeGreaterThan(5);
	}

}
