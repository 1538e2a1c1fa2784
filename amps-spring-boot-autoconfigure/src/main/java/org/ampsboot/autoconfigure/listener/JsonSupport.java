package org.ampsboot.autoconfigure.listener;

import java.lang.reflect.Type;
import java.util.function.Function;

import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.fields.Field;
import tools.jackson.databind.ObjectReader;
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
	 * {@code String} first, through an {@link ObjectReader} of the mapper for that type (which
	 * resolves its deserializer once, not on every message). The reader is made on the first
	 * message, so that a listener costs nothing at start-up.
	 * @param jsonMapper a {@code JsonMapper}
	 */
	static Function<Message, Object> reader(Object jsonMapper, Type type) {
		return new BytesReader((JsonMapper) jsonMapper, type);
	}

	private static final class BytesReader implements Function<Message, Object> {

		private final JsonMapper mapper;

		private final Type type;

		/** Made on the first message; racing threads make equivalent, immutable readers. */
		private volatile ObjectReader reader;

		BytesReader(JsonMapper mapper, Type type) {
			this.mapper = mapper;
			this.type = type;
		}

		@Override
		public Object apply(Message message) {
			ObjectReader reader = this.reader;
			if (reader == null) {
				reader = this.mapper.readerFor(this.mapper.constructType(this.type));
				this.reader = reader;
			}
			Field data = message.getDataRaw();
			if (data == null || data.isNull()) {
				return reader.readValue(EMPTY, 0, 0);
			}
			return reader.readValue(data.buffer, data.position, data.length);
		}

	}

}
