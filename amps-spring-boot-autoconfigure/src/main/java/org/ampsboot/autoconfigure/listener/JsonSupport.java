package org.ampsboot.autoconfigure.listener;

import java.lang.reflect.Type;
import java.util.function.Function;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

/**
 * Jackson 3 for listener payloads converted from JSON. Only this class names Jackson types, and
 * it is loaded only when Jackson is present ({@link #isPresent()}).
 * <p>
 * Internal: not API (public only because the auto-configuration, which hands the listener
 * containers their JSON mapper, lives in another package).
 */
public final class JsonSupport {

	private static final boolean PRESENT = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
			JsonSupport.class.getClassLoader());

	private JsonSupport() {
	}

	public static boolean isPresent() {
		return PRESENT;
	}

	/**
	 * The application's {@code JsonMapper}, or a default one.
	 */
	public static Object mapper(org.springframework.beans.factory.BeanFactory beanFactory) {
		return beanFactory.getBeanProvider(JsonMapper.class).getIfAvailable(JsonMapper::new);
	}

	/**
	 * A reader of JSON text into the given (possibly generic) type.
	 * @param jsonMapper a {@code JsonMapper}
	 */
	static Function<String, Object> reader(Object jsonMapper, Type type) {
		JsonMapper mapper = (JsonMapper) jsonMapper;
		JavaType javaType = mapper.constructType(type);
		return (text) -> mapper.readValue(text, javaType);
	}

}
