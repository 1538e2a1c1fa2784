package org.ampsboot.test.engine;

import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The checks of the {@link Engine}'s declarations (SOW topics, queues, transaction log topics), also run by
 * {@code @EmbeddedAmps} before a server exists: {@link IllegalArgumentException} for a bad name, key path, lease
 * period or pattern.
 *
 * <p>Internal: not API.
 */
public final class Declarations {

	private Declarations() {
	}

	/** The checks of {@link Engine#declareSowTopic}. */
	public static void checkSowTopic(String topic, String... keyPaths) {
		checkSowTopicName(topic);
		if (keyPaths == null || keyPaths.length == 0) {
			throw new IllegalArgumentException("SOW topic '" + topic + "' needs at least one key path, such as \"/id\"");
		}
		for (String path : keyPaths) {
			if (path == null || !path.matches("(/[^/\\s\\[\\]]+)+")) {
				throw new IllegalArgumentException("SOW key path '" + path + "' of topic '" + topic
						+ "' is not an identifier such as \"/id\" or \"/order/id\"");
			}
		}
	}

	/** The checks of a SOW topic's name (also for {@link Engine#declareSowTopicWithPublisherKeys}). */
	public static void checkSowTopicName(String topic) {
		if (topic == null || topic.isBlank()) {
			throw new IllegalArgumentException("A SOW topic needs a name");
		}
		if (Subscription.isRegex(topic)) {
			throw new IllegalArgumentException("SOW topic '" + topic + "' must be a plain topic name, not a regular "
					+ "expression");
		}
	}

	/** The checks of {@link Engine#declareQueue}. */
	public static void checkQueue(String topic, Duration leasePeriod) {
		if (topic == null || topic.isBlank() || Subscription.isRegex(topic)) {
			throw new IllegalArgumentException("A queue needs a plain topic name, not '" + topic + "'");
		}
		if (leasePeriod == null || leasePeriod.isNegative() || leasePeriod.isZero()) {
			throw new IllegalArgumentException("The lease period of queue '" + topic + "' must be positive, not "
					+ leasePeriod);
		}
	}

	/** The checks of {@link Engine#transactionLog}, for one pattern. */
	public static void checkTransactionLogTopic(String pattern) {
		if (pattern == null || pattern.isBlank()) {
			throw new IllegalArgumentException("A transaction log topic needs a name or a regular expression");
		}
		if (Subscription.isRegex(pattern)) {
			try {
				Pattern.compile(pattern);
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException("Transaction log topic '" + pattern
						+ "' is not a valid regular expression: " + ex.getDescription(), ex);
			}
		}
	}

}
