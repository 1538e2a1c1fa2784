package org.ampsboot.observation;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.observation.transport.SenderContext;

/**
 * The context of the observation of one {@code AmpsTemplate} publish ({@code amps.publish}). A
 * tracer's propagating handler writes the trace context into its carrier; the starter sends the
 * carrier's W3C {@code traceparent} to AMPS in the message's correlation id.
 */
public class AmpsPublishObservationContext extends SenderContext<Map<String, String>> {

	private final String clientName;

	private final String topic;

	/**
	 * Create a context.
	 * @param clientName the client's name
	 * @param topic the topic published to
	 */
	public AmpsPublishObservationContext(String clientName, String topic) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		});
		this.clientName = clientName;
		this.topic = topic;
		setCarrier(new HashMap<>(4));
		setRemoteServiceName("amps");
	}

	/**
	 * The name of the AMPS client that publishes.
	 * @return the client name
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * The topic published to.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

}
