package org.ampsboot.listener;

import java.util.Objects;
import java.util.function.Consumer;

import com.crankuptheamps.client.Message;

import org.ampsboot.AmpsListener;

/**
 * A listener registered at run time ({@link AmpsListenerRegistry#register(AmpsListenerEndpoint)})
 * instead of declared with {@link AmpsListener @AmpsListener}: the same subscription settings,
 * and a handler that receives either the payload converted to a type (as an annotated method's
 * payload parameter: {@code String}, {@code byte[]}, or an object read from JSON) or the
 * {@link Message} itself. Conversion, error handling (the application's
 * {@link org.ampsboot.AmpsListenerErrorHandler}), queue acknowledgement (automatic) and metrics
 * are those of annotated listeners.
 * <pre class="code">
 * registry.register(AmpsListenerEndpoint.builder("big-orders", "orders")
 *     .filter("/qty &gt; 1000")
 *     .payload(Order.class, order -&gt; ...)
 *     .build());
 * </pre>
 */
public final class AmpsListenerEndpoint {

	private final Builder settings;

	private AmpsListenerEndpoint(Builder settings) {
		this.settings = settings;
	}

	/**
	 * Start an endpoint.
	 * @param id its container id (unique in the application; a bookmark subscription's subscription id)
	 * @param topic the topic, or a regular expression over topics
	 * @return the builder
	 */
	public static Builder builder(String id, String topic) {
		return new Builder(id, topic);
	}

	/** @return the id */
	public String getId() {
		return this.settings.id;
	}

	/** @return the topic */
	public String getTopic() {
		return this.settings.topic;
	}

	/** @return the client name, {@code ""} for the single client */
	public String getClient() {
		return this.settings.client;
	}

	/** @return the filter, {@code ""} for none */
	public String getFilter() {
		return this.settings.filter;
	}

	/** @return the options, {@code ""} for none */
	public String getOptions() {
		return this.settings.options;
	}

	/** @return the kind */
	public AmpsListener.Kind getKind() {
		return this.settings.kind;
	}

	/** @return the bookmark, {@code ""} for none */
	public String getBookmark() {
		return this.settings.bookmark;
	}

	/** @return the maximum backlog (queues), 0 for none */
	public int getMaxBacklog() {
		return this.settings.maxBacklog;
	}

	/** @return whether the container starts when registered */
	public boolean isAutoStartup() {
		return this.settings.autoStartup;
	}

	/** @return where the handler runs; {@code DEFAULT} for {@code amps.listener.dispatch.mode} */
	public AmpsListener.Dispatch getDispatch() {
		return this.settings.dispatch;
	}

	/** @return with a hand-off, the concurrency; {@code null} for {@code amps.listener.dispatch.concurrency} */
	public Integer getConcurrency() {
		return this.settings.concurrency;
	}

	/** @return with a hand-off, the bound; {@code null} for {@code amps.listener.dispatch.max-in-flight} */
	public Integer getMaxInFlight() {
		return this.settings.maxInFlight;
	}

	/** @return with a hand-off, the executor bean's name; {@code null} for {@code amps.listener.dispatch.executor} */
	public String getExecutor() {
		return this.settings.executor;
	}

	/** @return the payload type the handler takes, {@code Message} for a message handler */
	public Class<?> getPayloadType() {
		return this.settings.payloadType;
	}

	/** @return the handler */
	public Consumer<Object> getHandler() {
		return this.settings.handler;
	}

	@Override
	public String toString() {
		return "AmpsListenerEndpoint[" + this.settings.id + " on '" + this.settings.topic + "']";
	}

	/** Builds an {@link AmpsListenerEndpoint}. */
	public static final class Builder {

		private final String id;

		private final String topic;

		private String client = "";

		private String filter = "";

		private String options = "";

		private AmpsListener.Kind kind = AmpsListener.Kind.SUBSCRIBE;

		private String bookmark = "";

		private int maxBacklog;

		private boolean autoStartup = true;

		private AmpsListener.Dispatch dispatch = AmpsListener.Dispatch.DEFAULT;

		private Integer concurrency;

		private Integer maxInFlight;

		private String executor;

		private Class<?> payloadType;

		private Consumer<Object> handler;

		private Builder(String id, String topic) {
			this.id = Objects.requireNonNull(id, "id");
			this.topic = Objects.requireNonNull(topic, "topic");
		}

		/**
		 * The named client to subscribe with ({@code amps.clients.<name>}); default the single client.
		 * @param client the name
		 * @return this builder
		 */
		public Builder client(String client) {
			this.client = Objects.requireNonNullElse(client, "");
			return this;
		}

		/**
		 * A content filter.
		 * @param filter the filter
		 * @return this builder
		 */
		public Builder filter(String filter) {
			this.filter = Objects.requireNonNullElse(filter, "");
			return this;
		}

		/**
		 * AMPS subscription options, comma-separated.
		 * @param options the options
		 * @return this builder
		 */
		public Builder options(String options) {
			this.options = Objects.requireNonNullElse(options, "");
			return this;
		}

		/**
		 * The kind of subscription (default {@code subscribe}).
		 * @param kind the kind
		 * @return this builder
		 */
		public Builder kind(AmpsListener.Kind kind) {
			this.kind = Objects.requireNonNull(kind, "kind");
			return this;
		}

		/**
		 * A bookmark to replay from.
		 * @param bookmark the bookmark
		 * @return this builder
		 */
		public Builder bookmark(String bookmark) {
			this.bookmark = Objects.requireNonNullElse(bookmark, "");
			return this;
		}

		/**
		 * For a queue: how many unacknowledged messages AMPS may hand the listener at once; each is
		 * acknowledged when the handler returns normally.
		 * @param maxBacklog the maximum backlog
		 * @return this builder
		 */
		public Builder maxBacklog(int maxBacklog) {
			this.maxBacklog = maxBacklog;
			return this;
		}

		/**
		 * Whether the container starts when registered (default {@code true}).
		 * @param autoStartup whether it does
		 * @return this builder
		 */
		public Builder autoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
			return this;
		}

		/**
		 * Where the handler runs (as {@link AmpsListener#dispatch()}); default
		 * {@code amps.listener.dispatch.mode}.
		 * @param dispatch the dispatch
		 * @return this builder
		 */
		public Builder dispatch(AmpsListener.Dispatch dispatch) {
			this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
			return this;
		}

		/**
		 * With a hand-off: how many messages are processed at once, at most (as
		 * {@link AmpsListener#concurrency()}); default {@code amps.listener.dispatch.concurrency}.
		 * @param concurrency a positive number
		 * @return this builder
		 * @throws IllegalArgumentException if it is not positive
		 */
		public Builder concurrency(int concurrency) {
			this.concurrency = positive(concurrency, "concurrency");
			return this;
		}

		/**
		 * With a hand-off: how many messages may be in flight, at most (as
		 * {@link AmpsListener#maxInFlight()}); default {@code amps.listener.dispatch.max-in-flight}.
		 * @param maxInFlight a positive number
		 * @return this builder
		 * @throws IllegalArgumentException if it is not positive
		 */
		public Builder maxInFlight(int maxInFlight) {
			this.maxInFlight = positive(maxInFlight, "maxInFlight");
			return this;
		}

		/**
		 * With a hand-off: the name of the {@code Executor} bean that runs the handler (as
		 * {@link AmpsListener#executor()}); default {@code amps.listener.dispatch.executor}.
		 * @param executor the bean name
		 * @return this builder
		 */
		public Builder executor(String executor) {
			this.executor = (executor != null && !executor.isBlank()) ? executor.trim() : null;
			return this;
		}

		private int positive(int value, String what) {
			if (value <= 0) {
				throw new IllegalArgumentException("AmpsListenerEndpoint '" + this.id + "': " + what + " is " + value
						+ ", but it must be a positive number");
			}
			return value;
		}

		/**
		 * The handler, with the payload converted to a type.
		 * @param <T> the payload type
		 * @param type {@code String}, {@code byte[]} or a type read from JSON
		 * @param handler the handler
		 * @return this builder
		 */
		@SuppressWarnings("unchecked")
		public <T> Builder payload(Class<T> type, Consumer<? super T> handler) {
			this.payloadType = Objects.requireNonNull(type, "type");
			this.handler = (Consumer<Object>) Objects.requireNonNull(handler, "handler");
			return this;
		}

		/**
		 * The handler, with the message itself (valid until the handler returns).
		 * @param handler the handler
		 * @return this builder
		 */
		@SuppressWarnings("unchecked")
		public Builder messages(Consumer<Message> handler) {
			this.payloadType = Message.class;
			this.handler = (Consumer<Object>) (Consumer<?>) Objects.requireNonNull(handler, "handler");
			return this;
		}

		/**
		 * The endpoint.
		 * @return the endpoint
		 * @throws IllegalStateException if no handler was set
		 */
		public AmpsListenerEndpoint build() {
			if (this.handler == null) {
				throw new IllegalStateException("AmpsListenerEndpoint '" + this.id
						+ "' has no handler: call payload(type, handler) or messages(handler)");
			}
			Builder copy = new Builder(this.id, this.topic);
			copy.client = this.client;
			copy.filter = this.filter;
			copy.options = this.options;
			copy.kind = this.kind;
			copy.bookmark = this.bookmark;
			copy.maxBacklog = this.maxBacklog;
			copy.autoStartup = this.autoStartup;
			copy.dispatch = this.dispatch;
			copy.concurrency = this.concurrency;
			copy.maxInFlight = this.maxInFlight;
			copy.executor = this.executor;
			copy.payloadType = this.payloadType;
			copy.handler = this.handler;
			return new AmpsListenerEndpoint(copy);
		}

	}

}
