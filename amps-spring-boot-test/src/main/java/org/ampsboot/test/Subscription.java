package org.ampsboot.test;

import java.util.regex.Pattern;

/**
 * A subscription of one connection. A topic that contains regular-expression metacharacters is a regex
 * topic, matched with {@link java.util.regex.Matcher#find()} semantics like AMPS does; any other topic
 * matches only itself.
 */
record Subscription(String id, String topic, Pattern regex, String options) {

	private static final String METACHARACTERS = ".*+?^$[](){}|\\";

	static boolean isRegex(String topic) {
		for (int i = 0; i < topic.length(); i++) {
			if (METACHARACTERS.indexOf(topic.charAt(i)) >= 0) {
				return true;
			}
		}
		return false;
	}

	boolean matches(String publishedTopic) {
		return (this.regex != null) ? this.regex.matcher(publishedTopic).find() : this.topic.equals(publishedTopic);
	}

}
