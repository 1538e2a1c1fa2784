package org.ampsboot.test;

import java.util.function.Supplier;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * A subscription of one connection. A topic that contains regular-expression metacharacters is a regex
 * topic, matched with {@link java.util.regex.Matcher#find()} semantics like AMPS does; any other topic
 * matches only itself. A subscription with a {@link ContentFilter} receives only the messages that match it.
 */
record Subscription(String id, String topic, Pattern regex, String options, ContentFilter filter) {

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

	/** Whether a message on this topic, with this (lazily parsed) document, is for this subscription. */
	boolean matches(String publishedTopic, Supplier<JsonNode> document) {
		return matches(publishedTopic) && (this.filter == null || this.filter.matches(document.get()));
	}

}
