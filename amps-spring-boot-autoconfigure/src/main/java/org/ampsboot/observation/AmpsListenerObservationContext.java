package org.ampsboot.observation;

import com.crankuptheamps.client.Message;
import io.micrometer.observation.transport.ReceiverContext;

import org.ampsboot.autoconfigure.support.TraceCorrelationIds;

/**
 * The context of the observation of one {@code @AmpsListener} call ({@code amps.listener}). A
 * tracer's propagating handler reads the trace context from the message's correlation id, so that
 * the listener's span is a child of the publisher's.
 */
public class AmpsListenerObservationContext extends ReceiverContext<Message> {

	private final String clientName;

	private final String listener;

	private final String topic;

	/**
	 * Create a context.
	 * @param clientName the client's name
	 * @param listener the listener's container id
	 * @param message the message the listener is called with (valid during the call)
	 */
	public AmpsListenerObservationContext(String clientName, String listener, Message message) {
		super((carrier, key) -> "traceparent".equals(key)
				? TraceCorrelationIds.traceparent(carrier.getCorrelationId()) : null);
		this.clientName = clientName;
		this.listener = listener;
		this.topic = message.getTopic();
		setCarrier(message);
		setRemoteServiceName("amps");
	}

	/**
	 * The name of the AMPS client that received the message.
	 * @return the client name
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * The listener: its container id.
	 * @return the listener id
	 */
	public String getListener() {
		return this.listener;
	}

	/**
	 * The topic of the message.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

}
