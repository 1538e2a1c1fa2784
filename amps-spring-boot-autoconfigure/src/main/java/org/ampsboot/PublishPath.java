package org.ampsboot;

import com.crankuptheamps.client.Client;

/**
 * The way of every {@link AmpsTemplate} publish into the client: through the client's
 * {@link PublishGate} (refused once shutdown has begun, counted otherwise), around the
 * template's interceptor, after the logon (waited for at most the publish timeout), and counted
 * by the client's {@link CallWatch} while it is inside the client.
 */
final class PublishPath {

	private final Client client;

	private final PublishGate gate;

	private final CallWatch watch;

	private final CallWatch.Slot slot;

	private final long timeoutMillis;

	PublishPath(Client client, PublishGate gate, CallWatch watch, long timeoutMillis) {
		this.client = client;
		this.gate = gate;
		this.watch = watch;
		this.timeoutMillis = timeoutMillis;
		this.slot = watch.slot(timeoutMillis);
	}

	void publishing(Outgoing outgoing, AmpsTemplate.PublishInterceptor interceptor) {
		String topic = outgoing.topic();
		boolean sent = false;
		String refusal = this.gate.enter();
		try {
			if (refusal != null) {
				throw new AmpsOperationException("AMPS publish to '" + topic + "' refused: " + refusal
						+ "; the message was not sent", null, null);
			}
			awaitLogon(topic);
			this.slot.enter();
			try {
				if (interceptor == null) {
					outgoing.send();
				}
				else {
					interceptor.publish(topic, outgoing);
				}
			}
			finally {
				this.slot.exit();
			}
			sent = true;
		}
		catch (Exception ex) {
			// the description is built only on failure: publishing is a hot path
			throw TemplateCalls.failure("publish to '" + topic + "'", ex);
		}
		finally {
			this.gate.exit(sent);
		}
	}

	private void awaitLogon(String topic) {
		if (!this.watch.isLoggedOn()) {
			TemplateCalls.awaitLogon(this.watch, this.client, "publish to '" + topic + "'", this.timeoutMillis,
					"the message was neither sent nor stored");
		}
	}

}
