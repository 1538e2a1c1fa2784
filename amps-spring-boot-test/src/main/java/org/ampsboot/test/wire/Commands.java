package org.ampsboot.test.wire;

/** Command names as the server compares them. Internal: not API. */
public final class Commands {

	private Commands() {
	}

	/** The command with the long and short publish names made one ({@code "p"}); {@code null} stays null. */
	public static String canonical(String command) {
		if (command == null) {
			return null;
		}
		return command.equals("publish") ? "p" : command;
	}

	/** The shared constant for a known command name (recorded frames keep it), else the name itself. */
	public static String intern(String command) {
		if (command == null) {
			return null;
		}
		return switch (command) {
			case "p" -> "p";
			case "publish" -> "publish";
			case "delta_publish" -> "delta_publish";
			case "subscribe" -> "subscribe";
			case "delta_subscribe" -> "delta_subscribe";
			case "unsubscribe" -> "unsubscribe";
			case "sow" -> "sow";
			case "sow_and_subscribe" -> "sow_and_subscribe";
			case "sow_and_delta_subscribe" -> "sow_and_delta_subscribe";
			case "sow_delete" -> "sow_delete";
			case "flush" -> "flush";
			case "heartbeat" -> "heartbeat";
			case "logon" -> "logon";
			default -> command;
		};
	}

	public static boolean same(String a, String b) {
		String ca = canonical(a);
		return ca != null && ca.equals(canonical(b));
	}

}
