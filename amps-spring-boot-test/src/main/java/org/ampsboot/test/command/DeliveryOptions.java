package org.ampsboot.test.command;

import org.ampsboot.test.engine.Engine;
import org.ampsboot.test.engine.Options;
import org.ampsboot.test.engine.SelectList;
import org.ampsboot.test.engine.Subscription;
import org.ampsboot.test.wire.InboundHeader;

/**
 * The delivery options of a subscription the test server does not implement in that combination, refused loudly
 * ({@link Acks#notSupported(Session, InboundHeader, String)}):
 * <ul>
 * <li>{@code oof} on a {@code subscribe} / {@code delta_subscribe} without a bookmark: AMPS User Guide,
 * "Out-of-Focus Messages (OOF)": "The oof option is not supported for subscriptions that do not include a SOW query
 * or bookmark replays" (what AMPS answers is not documented);</li>
 * <li>a {@code select} list that is not {@code [+/field,-/field,...]}, on a topic that is not a SOW topic (a plain
 * topic's messages go to every subscription in one frame), or on a delta subscription (how AMPS projects a delta is
 * not documented).</li>
 * </ul>
 */
final class DeliveryOptions {

	private DeliveryOptions() {
	}

	/**
	 * Whether the command was refused (loudly, answered here).
	 * @param sowQuery whether the command includes a SOW query ({@code sow_and_subscribe} and the delta form)
	 */
	static boolean refused(Engine engine, Session session, InboundHeader header, boolean sowQuery, boolean delta) {
		String what = refusal(engine, header, sowQuery, delta);
		if (what == null) {
			return false;
		}
		Acks.notSupported(session, header, what);
		return true;
	}

	private static String refusal(Engine engine, InboundHeader header, boolean sowQuery, boolean delta) {
		String options = header.options();
		if (options == null || options.isEmpty()) {
			return null;
		}
		if (!sowQuery && header.bookmark() == null && Options.has(options, "oof")) {
			return "oof on a subscription without a SOW query or bookmark replay (AMPS: 'not supported for "
					+ "subscriptions that do not include a SOW query or bookmark replays')";
		}
		String select = Options.value(options, "select");
		if (select != null) {
			try {
				SelectList.parse(select);
			}
			catch (IllegalArgumentException ex) {
				return "select list '" + select + "' (" + ex.getMessage() + ")";
			}
			String topic = header.topic();
			if (topic != null && (Subscription.isRegex(topic) || !engine.isSowTopic(topic))) {
				return "select list on a topic that is not a SOW topic";
			}
			if (delta) {
				return "select list on a delta subscription";
			}
		}
		return null;
	}

}
