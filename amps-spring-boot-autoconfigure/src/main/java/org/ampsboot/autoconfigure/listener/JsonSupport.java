package org.ampsboot.autoconfigure.listener;

import java.lang.reflect.Type;
import java.util.function.Function;

import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.fields.Field;
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

	private static final byte[] EMPTY = new byte[0];

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
	 * A reader of a message's JSON payload into the given (possibly generic) type, straight from
	 * the bytes the client received ({@link Message#getDataRaw()}), without decoding them to a
	 * {@code String} first.
	 * @param jsonMapper a {@code JsonMapper}
	 */
	static Function<Message, Object> reader(Object jsonMapper, Type type) {
		JsonMapper mapper = (JsonMapper) jsonMapper;
		JavaType javaType = mapper.constructType(type);
		return (message) -> {
			Field data = message.getDataRaw();
			if (data == null || data.isNull()) {
				return mapper.readValue(EMPTY, javaType);
			}
			return mapper.readValue(data.buffer, data.position, data.length, javaType);
		};
	}

}
