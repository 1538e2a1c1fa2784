package org.ampsboot.autoconfigure.support;

import com.crankuptheamps.client.Message;

/**
 * Text for log lines about AMPS messages: names for the client's integer codes, and a summary
 * that leaves the payload out.
 * <p>
 * Internal: not API (public only because the listener, fallback and metrics classes that name
 * message codes with it live in other packages).
 */
public final class AmpsMessages {

	private AmpsMessages() {
	}

	public static String describe(Message message) {
		StringBuilder text = new StringBuilder(96);
		text.append("command=").append(commandName(message.getCommand()));
		appendIfPresent(text, "topic", message.getTopic());
		appendIfPresent(text, "commandId", message.getCommandId());
		if (message.getCommand() == Message.Command.Ack) {
			text.append(", ackType=").append(ackTypeName(message.getAckType()));
		}
		text.append(", status=").append(statusName(message.getStatus()));
		appendIfPresent(text, "reason", message.getReasonText());
		return text.toString();
	}

	private static void appendIfPresent(StringBuilder text, String name, String value) {
		if (value != null && !value.isEmpty()) {
			text.append(", ").append(name).append('=').append(value);
		}
	}

	public static String commandName(int command) {
		return switch (command) {
			case Message.Command.Publish -> "publish";
			case Message.Command.DeltaPublish -> "delta_publish";
			case Message.Command.Subscribe -> "subscribe";
			case Message.Command.DeltaSubscribe -> "delta_subscribe";
			case Message.Command.Unsubscribe -> "unsubscribe";
			case Message.Command.SOW -> "sow";
			case Message.Command.SOWAndSubscribe -> "sow_and_subscribe";
			case Message.Command.SOWAndDeltaSubscribe -> "sow_and_delta_subscribe";
			case Message.Command.SOWDelete -> "sow_delete";
			case Message.Command.Heartbeat -> "heartbeat";
			case Message.Command.Logon -> "logon";
			case Message.Command.GroupBegin -> "group_begin";
			case Message.Command.GroupEnd -> "group_end";
			case Message.Command.OOF -> "oof";
			case Message.Command.Ack -> "ack";
			case Message.Command.Flush -> "flush";
			default -> "unknown(" + command + ")";
		};
	}

	public static String statusName(int status) {
		return switch (status) {
			case Message.Status.Success -> "success";
			case Message.Status.Failure -> "failure";
			case Message.Status.Retry -> "retry";
			case Message.Status.None -> "none";
			default -> "unknown(" + status + ")";
		};
	}

	static String ackTypeName(int ackType) {
		return switch (ackType) {
			case Message.AckType.Received -> "received";
			case Message.AckType.Parsed -> "parsed";
			case Message.AckType.Processed -> "processed";
			case Message.AckType.Persisted -> "persisted";
			case Message.AckType.Completed -> "completed";
			case Message.AckType.Stats -> "stats";
			case Message.AckType.None -> "none";
			default -> "combination(" + ackType + ")";
		};
	}

}
