package org.ampsboot.autoconfigure.listener;

import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.fields.Field;

/**
 * The copy of one message that a hand-off carries from the receive thread to a worker (the client
 * reuses its {@code Message} objects once the handler returns).
 * <p>
 * A listener that takes the {@code Message} itself (or a {@code List<Message>}) gets
 * {@link Message#copy()}: every field, its own object, which the listener may keep. Any other
 * listener gets a reused copy of what the starter's arguments and the error handler read: the
 * payload, the topic, bookmark, SOW key, sub id(s), timestamp, correlation id, command, reason and
 * the bookmark sequence number, in a {@code Message} object and a byte buffer that belong to this
 * copy and are reused for the next message once this one is done with. {@code Message.copy()} builds
 * a new message object each time, which took 1.2 to 4 µs in a measurement on this machine, many
 * times the receive thread's own cost per message; the reused copy is a few array copies.
 */
final class MessageCopy {

	/** Whether this copy is reused (a copy of what the arguments read), or a full copy used once. */
	final boolean reused;

	private final Message message;

	private byte[] bytes;

	private MessageCopy(Message message, boolean reused) {
		this.message = message;
		this.reused = reused;
	}

	/** A full copy, used once. */
	static MessageCopy full(Message source) {
		return new MessageCopy(source.copy(), false);
	}

	/** A reused copy, of the same message type as {@code prototype}. */
	static MessageCopy reusable(Message prototype) {
		MessageCopy copy = new MessageCopy(prototype.copy(), true);
		copy.bytes = new byte[256];
		return copy;
	}

	Message message() {
		return this.message;
	}

	/** Copies what the arguments read from {@code source} into this (reused) copy. */
	MessageCopy copyFrom(Message source) {
		Field data = source.getDataRaw();
		Field topic = source.getTopicRaw();
		Field bookmark = source.getBookmarkRaw();
		Field sowKey = source.getSowKeyRaw();
		Field subId = source.getSubIdRaw();
		Field subIds = source.getSubIdsRaw();
		Field timestamp = source.getTimestampRaw();
		int size = length(data) + length(topic) + length(bookmark) + length(sowKey) + length(subId) + length(subIds)
				+ length(timestamp);
		if (this.bytes.length < size) {
			this.bytes = new byte[Math.max(size, this.bytes.length * 2)];
		}
		byte[] buffer = this.bytes;
		Message target = this.message;
		target.reset();
		target.setCommand(source.getCommand());
		int at = 0;
		if (length(data) > 0) {
			System.arraycopy(data.buffer, data.position, buffer, at, data.length);
			target.setData(buffer, at, data.length);
			at += data.length;
		}
		if (length(topic) > 0) {
			System.arraycopy(topic.buffer, topic.position, buffer, at, topic.length);
			target.setTopic(buffer, at, topic.length);
			at += topic.length;
		}
		if (length(bookmark) > 0) {
			System.arraycopy(bookmark.buffer, bookmark.position, buffer, at, bookmark.length);
			target.setBookmark(buffer, at, bookmark.length);
			at += bookmark.length;
		}
		if (length(sowKey) > 0) {
			System.arraycopy(sowKey.buffer, sowKey.position, buffer, at, sowKey.length);
			target.setSowKey(buffer, at, sowKey.length);
			at += sowKey.length;
		}
		if (length(subId) > 0) {
			System.arraycopy(subId.buffer, subId.position, buffer, at, subId.length);
			target.setSubId(buffer, at, subId.length);
			at += subId.length;
		}
		if (length(subIds) > 0) {
			System.arraycopy(subIds.buffer, subIds.position, buffer, at, subIds.length);
			target.setSubIds(buffer, at, subIds.length);
			at += subIds.length;
		}
		if (length(timestamp) > 0) {
			System.arraycopy(timestamp.buffer, timestamp.position, buffer, at, timestamp.length);
			target.setTimestamp(buffer, at, timestamp.length);
		}
		Field correlationId = source.getCorrelationIdRaw();
		if (length(correlationId) > 0) {
			target.setCorrelationId(source.getCorrelationId());
		}
		int reason = source.getReason();
		if (reason != 0) {
			target.setReason(reason);
		}
		target.setBookmarkSeqNo(source.getBookmarkSeqNo());
		return this;
	}

	/**
	 * The hash of the bytes of a message's SOW key (with {@code perKey}; when it has one) or else
	 * its topic, as {@code String.hashCode} would give for ASCII, without making a String.
	 */
	static int keyHash(Message message, boolean perKey) {
		Field key = perKey ? message.getSowKeyRaw() : null;
		if (length(key) == 0) {
			key = message.getTopicRaw();
		}
		int hash = 0;
		for (int i = 0, length = length(key); i < length; i++) {
			hash = 31 * hash + key.buffer[key.position + i];
		}
		return hash;
	}

	private static int length(Field field) {
		return (field == null || field.buffer == null || field.isNull()) ? 0 : field.length;
	}

}
