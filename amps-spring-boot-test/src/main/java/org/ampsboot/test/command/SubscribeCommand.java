package org.ampsboot.test.command;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.ampsboot.test.engine.Engine;
import org.ampsboot.test.engine.Subscription;
import org.ampsboot.test.engine.filter.ContentFilter;
import org.ampsboot.test.wire.InboundHeader;
import org.ampsboot.test.wire.Reasons;

/**
 * {@code subscribe}, {@code delta_subscribe} and {@code unsubscribe}; bookmark subscriptions and {@code pause} /
 * {@code resume} go to {@link BookmarkSubscribe}.
 */
final class SubscribeCommand {

	private final Engine engine;

	private final BookmarkSubscribe bookmarks;

	SubscribeCommand(Engine engine) {
		this.engine = engine;
		this.bookmarks = new BookmarkSubscribe(engine);
	}

	void subscribe(Session session, InboundHeader header, boolean delta) {
		if (this.bookmarks.pauseOrResume(session, header)) {
			return;
		}
		ContentFilter filter = Filters.parse(session, header);
		if (filter == Filters.INVALID || DeliveryOptions.refused(this.engine, session, header, false, delta)) {
			return;
		}
		Subscription subscription = newSubscription(session, header, filter, delta);
		if (subscription == null) {
			return;
		}
		if (header.bookmark() != null) {
			this.bookmarks.subscribe(session, header, subscription, delta);
			return;
		}
		// the acks go out before the first queue delivery (AMPS User Guide, "Messages in AMPS")
		this.engine.subscribe(session, subscription, () -> Acks.ackRequested(session, header));
	}

	void unsubscribe(Session session, InboundHeader header) {
		this.engine.unsubscribe(session, header.subId());
		Acks.ackRequested(session, header);
	}

	/** A subscription for the command, or {@code null} after answering a bad topic with a failure ack. */
	Subscription newSubscription(Session session, InboundHeader header, ContentFilter filter, boolean delta) {
		String topic = header.topic();
		if (topic == null || topic.isEmpty()) {
			Acks.fail(session, header, Reasons.NO_TOPIC);
			return null;
		}
		Pattern regex = null;
		// non_regex_topic: the topic is matched literally, metacharacters and all (issue 12)
		if (Subscription.isRegex(topic) && !Subscription.hasOption(header.options(), "non_regex_topic")) {
			try {
				regex = Pattern.compile(topic);
			}
			catch (PatternSyntaxException ex) {
				Acks.fail(session, header, Reasons.BAD_REGEX_TOPIC);
				return null;
			}
		}
		String subId = (header.subId() != null) ? header.subId() : header.commandId();
		if (subId == null) {
			subId = "sub-" + this.engine.nextBookmarkSequence();
		}
		else if (inUse(session, subId) && !Subscription.hasOption(header.options(), "replace")
				&& !Subscription.hasOption(header.options(), "pause")
				&& !Subscription.hasOption(header.options(), "resume")) {
			// the same sub_id again without replace is refused, not silently replaced (issue 12)
			Acks.fail(session, header, Reasons.SUBID_IN_USE);
			return null;
		}
		return new Subscription(subId, topic, regex, header.options(), filter, session, delta);
	}

	private static boolean inUse(Session session, String subId) {
		for (Subscription subscription : session.subscriptions().all()) {
			if (subscription.id().equals(subId)) {
				return true;
			}
		}
		return false;
	}

}
