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
			target.setData(buffer, at, data.length);
			at = put(data, buffer, at);
		}
		if (length(topic) > 0) {
			target.setTopic(buffer, at, topic.length);
			at = put(topic, buffer, at);
		}
		if (length(bookmark) > 0) {
			target.setBookmark(buffer, at, bookmark.length);
			at = put(bookmark, buffer, at);
		}
		if (length(sowKey) > 0) {
			target.setSowKey(buffer, at, sowKey.length);
			at = put(sowKey, buffer, at);
		}
		if (length(subId) > 0) {
			target.setSubId(buffer, at, subId.length);
			at = put(subId, buffer, at);
		}
		if (length(subIds) > 0) {
			target.setSubIds(buffer, at, subIds.length);
			at = put(subIds, buffer, at);
		}
		if (length(timestamp) > 0) {
			target.setTimestamp(buffer, at, timestamp.length);
			put(timestamp, buffer, at);
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

	/** Copies the field's bytes into the buffer at {@code at}; returns where the next field goes. */
	private static int put(Field field, byte[] buffer, int at) {
		System.arraycopy(field.buffer, field.position, buffer, at, field.length);
		return at + field.length;
	}

	private static int length(Field field) {
		return (field == null || field.buffer == null || field.isNull()) ? 0 : field.length;
	}

}
