package org.ampsboot.autoconfigure.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import com.crankuptheamps.client.Message;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.ampsboot.AmpsTemplate;
import org.ampsboot.autoconfigure.support.AmpsMessages;
import org.ampsboot.autoconfigure.support.AmpsReasons;

/**
 * Micrometer meters and observations for the starter's paths. Meters are looked up once per
 * distinct tag set and cached, so the hot paths only increment.
 * <ul>
 * <li>{@code amps.unexpected.messages} (counter; client, command, status, reason)</li>
 * <li>{@code amps.failed.writes} (counter; client, reason)</li>
 * <li>{@code amps.listener.messages} (timer: count and processing time; listener, outcome)</li>
 * <li>{@code amps.messages.published} (counter; publishes through the AmpsTemplate)</li>
 * <li>{@code amps.listener.in.flight} (gauge; listener, container): messages handed off and not yet
 * processed, for listeners that run off the receive thread</li>
 * <li>observations {@code amps.listener} and {@code amps.publish}</li>
 * </ul>
 * <p>
 * Internal: not API (public only because the metrics auto-configuration that registers it lives
 * in another package).
 */
public final class MicrometerAmpsInstrumentation implements AmpsInstrumentation {

	private final MeterRegistry meters;

	private final ObservationRegistry observations;

	private final Map<String, Counter> unexpected = new ConcurrentHashMap<>();

	private final Map<String, Counter> failedWrites = new ConcurrentHashMap<>();

	private final Map<String, Timer> listenerTimers = new ConcurrentHashMap<>();

	private final Counter published;

	public MicrometerAmpsInstrumentation(MeterRegistry meters, ObservationRegistry observations) {
		this.meters = meters;
		this.observations = (observations != null) ? observations : ObservationRegistry.NOOP;
		this.published = Counter.builder("amps.messages.published")
			.description("Messages published through the AmpsTemplate")
			.register(meters);
	}

	@Override
	public void unexpectedMessage(String client, Message message) {
		String command = AmpsMessages.commandName(message.getCommand());
		String status = AmpsMessages.statusName(message.getStatus());
		String reason = message.getReasonText();
		String reasonTag = (reason == null || reason.isEmpty()) ? "none" : reason;
		this.unexpected
			.computeIfAbsent(client + '\u0000' + command + '\u0000' + status + '\u0000' + reasonTag,
					(key) -> Counter.builder("amps.unexpected.messages")
						.description("Messages no handler claimed, handed to the fallback handlers")
						.tag("client", client)
						.tag("command", command)
						.tag("status", status)
						.tag("reason", reasonTag)
						.register(this.meters))
			.increment();
	}

	@Override
	public void failedWrite(String client, Message message, int reason) {
		this.failedWrites
			.computeIfAbsent(client + '\u0000' + reason,
					(key) -> Counter.builder("amps.failed.writes")
						.description("Publishes AMPS reported as not written")
						.tag("client", client)
						.tag("reason", AmpsReasons.name(reason))
						.register(this.meters))
			.increment();
	}

	@Override
	public void observeListener(String listener, String topic, Invocation invocation) throws Throwable {
		long start = System.nanoTime();
		String outcome = "success";
		try {
			if (this.observations.isNoop()) {
				invocation.proceed();
			}
			else {
				Observation.createNotStarted("amps.listener", this.observations)
					.contextualName("amps listener")
					.lowCardinalityKeyValue("amps.listener", listener)
					.highCardinalityKeyValue("amps.topic", String.valueOf(topic))
					.observeChecked(invocation::proceed);
			}
		}
		catch (Throwable ex) {
			outcome = "error";
			throw ex;
		}
		finally {
			listenerTimer(listener, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void listenerHandOff(String listener, String container, IntSupplier inFlight) {
		Gauge.builder("amps.listener.in.flight", inFlight, IntSupplier::getAsInt)
			.description("Messages of a listener handed off to its executor and not yet processed "
					+ "(at most its max-in-flight; at the bound the client's receive thread waits)")
			.tag("listener", listener)
			.tag("container", container)
			.strongReference(true)
			.register(this.meters);
	}

	private Timer listenerTimer(String listener, String outcome) {
		return this.listenerTimers.computeIfAbsent(listener + '\u0000' + outcome,
				(key) -> Timer.builder("amps.listener.messages")
					.description("Messages handled by an @AmpsListener method, and how long each took")
					.tag("listener", listener)
					.tag("outcome", outcome)
					.register(this.meters));
	}

	@Override
	public AmpsTemplate.PublishInterceptor publishInterceptor() {
		return (topic, publish) -> {
			if (this.observations.isNoop()) {
				publish.send();
			}
			else {
				Observation.createNotStarted("amps.publish", this.observations)
					.contextualName("amps publish")
					.highCardinalityKeyValue("amps.topic", topic)
					.observeChecked(publish::send);
			}
			this.published.increment();
		};
	}

}
