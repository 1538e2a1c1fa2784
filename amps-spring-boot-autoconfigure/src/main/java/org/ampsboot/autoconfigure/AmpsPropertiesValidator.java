package org.ampsboot.autoconfigure;

import java.time.Duration;

import org.springframework.util.StringUtils;

/**
 * Checks every {@code amps.*} value before the client is built, so that a bad one fails startup
 * with a message that names the property, its value and what is allowed, and nothing starts
 * half-configured. The password is never repeated.
 */
final class AmpsPropertiesValidator {

	/**
	 * The largest initial capacity of a publish store: the AMPS client's store holds at most 2GB
	 * in blocks of 2KB, and refuses 1048576 blocks or more ("Cannot grow beyond
	 * Integer.MAX_VALUE").
	 */
	static final int MAX_PUBLISH_STORE_BLOCKS = 1_048_575;

	/**
	 * The longest heartbeat interval or read timeout: the AMPS client counts them in whole seconds
	 * and the read timeout in milliseconds in an int.
	 */
	static final Duration MAX_HEARTBEAT = Duration.ofSeconds(Integer.MAX_VALUE / 1000);

	private AmpsPropertiesValidator() {
	}

	static void validate(AmpsClientProperties properties) {
		validate(properties, "amps.");
	}

	/**
	 * Checks one client's settings.
	 * @param properties the settings
	 * @param prefix the prefix of their property names in messages: {@code amps.} or
	 * {@code amps.clients.<name>.}
	 */
	static void validate(AmpsClientProperties properties, String prefix) {
		positive(prefix + "first-connect-timeout", properties.getFirstConnectTimeout(), true);
		positive(prefix + "command-timeout", properties.getCommandTimeout(), false);
		positive(prefix + "template.timeout", properties.getTemplate().getTimeout(), true);
		positive(prefix + "template.publish-timeout", properties.getTemplate().getPublishTimeout(), false);
		positive(prefix + "shutdown.flush-timeout", properties.getShutdown().getFlushTimeout(), true);
		if (properties.getPassword() != null && !StringUtils.hasText(properties.getUsername())) {
			fail(prefix + "password is set but " + prefix + "username is not", "Set " + prefix + "username too, or remove " + prefix + "password.");
		}
		if (properties.getDefaultMaxDepth() != null && properties.getDefaultMaxDepth() <= 0) {
			invalid(prefix + "default-max-depth", properties.getDefaultMaxDepth(), "a positive number of messages");
		}
		AmpsClientProperties.Heartbeat heartbeat = properties.getHeartbeat();
		if (heartbeat.getInterval() != null) {
			wholeSeconds(prefix + "heartbeat.interval", heartbeat.getInterval());
			if (heartbeat.getInterval().compareTo(MAX_HEARTBEAT) > 0) {
				invalid(prefix + "heartbeat.interval", heartbeat.getInterval(), "at most " + MAX_HEARTBEAT);
			}
			if (heartbeat.getReadTimeout() == null && heartbeat.getInterval().compareTo(MAX_HEARTBEAT.dividedBy(2)) > 0) {
				invalid(prefix + "heartbeat.interval", heartbeat.getInterval(), "at most " + MAX_HEARTBEAT.dividedBy(2)
						+ " when " + prefix + "heartbeat.read-timeout is not set (it defaults to twice the interval)");
			}
			if (heartbeat.getReadTimeout() != null) {
				wholeSeconds(prefix + "heartbeat.read-timeout", heartbeat.getReadTimeout());
				if (heartbeat.getReadTimeout().compareTo(MAX_HEARTBEAT) > 0) {
					invalid(prefix + "heartbeat.read-timeout", heartbeat.getReadTimeout(), "at most " + MAX_HEARTBEAT);
				}
				if (heartbeat.getReadTimeout().compareTo(heartbeat.getInterval()) < 0) {
					invalid(prefix + "heartbeat.read-timeout", heartbeat.getReadTimeout(),
							"at least " + prefix + "heartbeat.interval (" + heartbeat.getInterval() + ")");
				}
			}
		}
		else if (heartbeat.getReadTimeout() != null) {
			fail(prefix + "heartbeat.read-timeout is set but " + prefix + "heartbeat.interval is not",
					"Set " + prefix + "heartbeat.interval too: the read timeout only applies with a heartbeat.");
		}
		AmpsClientProperties.PublishBatching batching = properties.getPublishBatching();
		if (batching.getSize() != null) {
			if (batching.getSize().toBytes() <= 0 || batching.getSize().toBytes() > Integer.MAX_VALUE) {
				invalid(prefix + "publish-batching.size", batching.getSize(), "a positive size below 2GB, such as 64KB");
			}
			if (batching.getTimeout() == null) {
				fail(prefix + "publish-batching.size is set but " + prefix + "publish-batching.timeout is not",
						"Set " + prefix + "publish-batching.timeout, for example 10ms: it bounds how long a batch waits.");
			}
		}
		else if (batching.getTimeout() != null) {
			fail(prefix + "publish-batching.timeout is set but " + prefix + "publish-batching.size is not",
					"Set " + prefix + "publish-batching.size too, or remove the timeout.");
		}
		positive(prefix + "publish-batching.timeout", batching.getTimeout(), false);
		AmpsClientProperties.Reconnect reconnect = properties.getReconnect();
		positive(prefix + "reconnect.initial-delay", reconnect.getInitialDelay(), false);
		positive(prefix + "reconnect.max-delay", reconnect.getMaxDelay(), false);
		positive(prefix + "reconnect.max-retry-time", reconnect.getMaxRetryTime(), false);
		if (reconnect.getBackoffFactor() != null
				&& !(reconnect.getBackoffFactor() >= 1.0 && Double.isFinite(reconnect.getBackoffFactor()))) {
			invalid(prefix + "reconnect.backoff-factor", reconnect.getBackoffFactor(), "a finite number of at least 1");
		}
		if (reconnect.getJitter() != null) {
			jitter(prefix, reconnect);
		}
		if (reconnect.getStrategy() == AmpsClientProperties.Reconnect.DelayStrategy.FIXED) {
			for (String key : new String[] { "max-delay", "backoff-factor", "jitter" }) {
				Object value = switch (key) {
					case "max-delay" -> reconnect.getMaxDelay();
					case "backoff-factor" -> reconnect.getBackoffFactor();
					default -> reconnect.getJitter();
				};
				if (value != null) {
					fail(prefix + "reconnect." + key + " is set but " + prefix + "reconnect.strategy is fixed",
							"Remove " + prefix + "reconnect." + key + ", or set " + prefix + "reconnect.strategy=exponential.");
				}
			}
		}
		if (reconnect.getInitialDelay() != null && reconnect.getMaxDelay() != null
				&& reconnect.getMaxDelay().compareTo(reconnect.getInitialDelay()) < 0) {
			invalid(prefix + "reconnect.max-delay", reconnect.getMaxDelay(),
					"at least " + prefix + "reconnect.initial-delay (" + reconnect.getInitialDelay() + ")");
		}
		AmpsClientProperties.PublishStore publishStore = properties.getPublishStore();
		store(prefix + "publish-store", publishStore.getType(), publishStore.getPath());
		if (publishStore.getInitialCapacity() != null
				&& (publishStore.getInitialCapacity() <= 0 || publishStore.getInitialCapacity() > MAX_PUBLISH_STORE_BLOCKS)) {
			invalid(prefix + "publish-store.initial-capacity", publishStore.getInitialCapacity(),
					"a positive number of 2KB blocks, at most " + MAX_PUBLISH_STORE_BLOCKS + " (the store holds at most 2GB)");
		}
		if (publishStore.getInitialCapacity() != null && publishStore.getType() == AmpsClientProperties.StoreType.NONE) {
			fail(prefix + "publish-store.initial-capacity is set but " + prefix + "publish-store.type is none",
					"Set " + prefix + "publish-store.type to memory or file, or remove the capacity.");
		}
		if (publishStore.getMaxBytes() != null && publishStore.getMaxBytes().toBytes() <= 0) {
			invalid(prefix + "publish-store.max-bytes", publishStore.getMaxBytes(), "a positive size, for example 64MB");
		}
		if (publishStore.getMaxBytes() != null && publishStore.getType() == AmpsClientProperties.StoreType.NONE) {
			fail(prefix + "publish-store.max-bytes is set but " + prefix + "publish-store.type is none",
					"Set " + prefix + "publish-store.type to memory or file, or remove the bound.");
		}
		if (publishStore.getType() == AmpsClientProperties.StoreType.FILE
				&& !StringUtils.hasText(properties.getClientName())) {
			// A generated name differs at each start: AMPS would take replayed publishes for new ones.
			fail(prefix + "publish-store.type is file but " + prefix + "client-name is not set",
					"Set " + prefix + "client-name to a name that stays the same across restarts of this instance and "
							+ "differs from every other instance: AMPS recognises replayed publishes as duplicates by "
							+ "client name and sequence number.");
		}
		AmpsClientProperties.BookmarkStore bookmarkStore = properties.getBookmarkStore();
		store(prefix + "bookmark-store", bookmarkStore.getType(), bookmarkStore.getPath());
		if (bookmarkStore.getPruneThreshold() == null || bookmarkStore.getPruneThreshold().toBytes() <= 0) {
			invalid(prefix + "bookmark-store.prune-threshold", bookmarkStore.getPruneThreshold(),
					"a positive size, for example 1MB");
		}
		AmpsClientProperties.Queue queue = properties.getQueue();
		if (queue.getAckBatchSize() != null && queue.getAckBatchSize() <= 0) {
			invalid(prefix + "queue.ack-batch-size", queue.getAckBatchSize(), "a positive number of acknowledgements");
		}
		positive(prefix + "queue.ack-timeout", queue.getAckTimeout(), false);
		if (properties.getSsl().getBundle() != null && !StringUtils.hasText(properties.getSsl().getBundle())) {
			invalid(prefix + "ssl.bundle", "'" + properties.getSsl().getBundle() + "'", "the name of an SSL bundle");
		}
	}

	/**
	 * The client adds a random part of up to jitter × the initial delay to each delay in an int of
	 * milliseconds: past {@code Integer.MAX_VALUE} it wraps to a negative delay, and the client
	 * reconnects in a hot loop.
	 */
	/**
	 * Checks the listener settings every client's containers share ({@code amps.listener.*}).
	 * @param listener the settings
	 */
	static void validate(AmpsProperties.Listener listener) {
		if (listener.getRecoverer() == AmpsProperties.Listener.Recoverer.DEAD_LETTER
				&& !StringUtils.hasText(listener.getDeadLetterTopic())) {
			fail("amps.listener.recoverer=dead-letter needs a topic, but amps.listener.dead-letter-topic is empty",
					"Set amps.listener.dead-letter-topic (default {topic}.DLT, where {topic} stands for the failed "
							+ "message's topic).");
		}
		AmpsProperties.Retry retry = listener.getRetry();
		if (!retry.isEnabled()) {
			return;
		}
		if (retry.getMaxRetries() < 0) {
			invalid("amps.listener.retry.max-retries", retry.getMaxRetries(), "0 or more");
		}
		positive("amps.listener.retry.initial-interval", retry.getInitialInterval(), true);
		positive("amps.listener.retry.max-interval", retry.getMaxInterval(), true);
		if (retry.getMultiplier() < 1) {
			invalid("amps.listener.retry.multiplier", retry.getMultiplier(), "1 or more");
		}
		if (retry.getMaxElapsedTime() == null || retry.getMaxElapsedTime().isNegative()) {
			invalid("amps.listener.retry.max-elapsed-time", retry.getMaxElapsedTime(), "zero or a positive duration");
		}
	}

	private static void jitter(String prefix, AmpsClientProperties.Reconnect reconnect) {
		double jitter = reconnect.getJitter();
		long initial = (reconnect.getInitialDelay() != null) ? Math.max(1, reconnect.getInitialDelay().toMillis()) : 200;
		long max = (reconnect.getMaxDelay() != null) ? reconnect.getMaxDelay().toMillis() : 20_000;
		long limit = Math.max(0, (Integer.MAX_VALUE - Math.max(max, initial)) / initial);
		if (!(jitter >= 0.0) || !(jitter <= limit)) {
			invalid(prefix + "reconnect.jitter", jitter, "a number from 0 to " + limit
					+ " (jitter times " + prefix + "reconnect.initial-delay must stay below 2^31 ms)");
		}
	}

	private static void store(String prefix, AmpsClientProperties.StoreType type, String path) {
		if (type == null) {
			invalid(prefix + ".type", null, "none, memory or file");
		}
		if (type == AmpsClientProperties.StoreType.FILE && !StringUtils.hasText(path)) {
			fail(prefix + ".type is file but " + prefix + ".path is not set",
					"Set " + prefix + ".path to the file the store should use.");
		}
		if (type != AmpsClientProperties.StoreType.FILE && StringUtils.hasText(path)) {
			fail(prefix + ".path is set but " + prefix + ".type is " + type.name().toLowerCase(java.util.Locale.ROOT),
					"Set " + prefix + ".type=file to use the path, or remove it.");
		}
	}

	private static void positive(String property, Duration value, boolean required) {
		if (value == null) {
			if (required) {
				invalid(property, null, "a positive duration such as 30s");
			}
			return;
		}
		if (value.isNegative() || value.isZero()) {
			invalid(property, value, "a positive duration such as 30s");
		}
		if (value.toMillis() < 1) {
			// The client counts in milliseconds: less than 1ms becomes 0, which means "wait forever".
			invalid(property, value, "at least 1ms (the AMPS client counts in milliseconds and reads 0 as forever)");
		}
		if (value.toMillis() > Integer.MAX_VALUE) {
			invalid(property, value, "at most " + Duration.ofMillis(Integer.MAX_VALUE));
		}
	}

	private static void wholeSeconds(String property, Duration value) {
		if (value.isNegative() || value.isZero() || value.toMillis() % 1000 != 0) {
			invalid(property, value, "a whole number of seconds, at least 1s (the AMPS client counts in seconds)");
		}
	}

	private static void invalid(String property, Object value, String allowed) {
		throw new AmpsStartupException(property + " is " + value + ", but it must be " + allowed + ".",
				"Change " + property + " to " + allowed + ".");
	}

	private static void fail(String description, String action) {
		throw new AmpsStartupException(description + ".", action);
	}

}
