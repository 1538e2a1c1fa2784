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
import org.ampsboot.autoconfigure.support.TraceCorrelationIds;
import org.ampsboot.observation.AmpsListenerObservationContext;
import org.ampsboot.observation.AmpsListenerObservationConvention;
import org.ampsboot.observation.AmpsPublishObservationContext;
import org.ampsboot.observation.AmpsPublishObservationConvention;
import org.ampsboot.observation.DefaultAmpsListenerObservationConvention;
import org.ampsboot.observation.DefaultAmpsPublishObservationConvention;

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
 * <li>observations {@code amps.listener} and {@code amps.publish}, when enabled
 * ({@code amps.listener.observation-enabled}, {@code amps.template.observation-enabled}), named and
 * tagged by the {@link AmpsListenerObservationConvention} and {@link AmpsPublishObservationConvention}
 * (the defaults unless the application declares one); a publish carries the trace context to the
 * listener in its correlation id ({@link TraceCorrelationIds})</li>
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

	private final boolean observeListeners;

	private final AmpsListenerObservationConvention listenerConvention;

	private final AmpsPublishObservationConvention publishConvention;

	public MicrometerAmpsInstrumentation(MeterRegistry meters, ObservationRegistry observations) {
		this(meters, observations, true, null, null);
	}

	/**
	 * Create the instrumentation.
	 * @param meters the registry of the meters
	 * @param observations the registry of the observations, or {@code null} for none
	 * @param observeListeners whether listener calls are observed
	 * @param listenerConvention the application's listener convention, or {@code null}
	 * @param publishConvention the application's publish convention, or {@code null}
	 */
	public MicrometerAmpsInstrumentation(MeterRegistry meters, ObservationRegistry observations,
			boolean observeListeners, AmpsListenerObservationConvention listenerConvention,
			AmpsPublishObservationConvention publishConvention) {
		this.meters = meters;
		this.observations = (observations != null) ? observations : ObservationRegistry.NOOP;
		this.observeListeners = observeListeners;
		this.listenerConvention = listenerConvention;
		this.publishConvention = publishConvention;
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
	public void observeListener(String client, String listener, String description, Message message,
			Invocation invocation) throws Throwable {
		long start = System.nanoTime();
		String outcome = "success";
		try {
			if (!this.observeListeners || this.observations.isNoop()) {
				invocation.proceed();
			}
			else {
				AmpsListenerObservationContext context = new AmpsListenerObservationContext(client, listener, message);
				Observation.createNotStarted(this.listenerConvention, DefaultAmpsListenerObservationConvention.INSTANCE,
						() -> context, this.observations)
					.observeChecked(invocation::proceed);
			}
		}
		catch (Throwable ex) {
			outcome = "error";
			throw ex;
		}
		finally {
			listenerTimer(description, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
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
	public AmpsTemplate.PublishInterceptor publishInterceptor(String client, boolean observe) {
		return (topic, publish) -> {
			if (!observe || this.observations.isNoop()) {
				publish.send();
			}
			else {
				observePublish(client, topic, publish);
			}
			this.published.increment();
		};
	}

	/** Observes a publish, and sends the trace context the tracer put in the carrier with it. */
	private void observePublish(String client, String topic, AmpsTemplate.Publish publish) throws Exception {
		AmpsPublishObservationContext context = new AmpsPublishObservationContext(client, topic);
		Observation observation = Observation.createNotStarted(this.publishConvention,
				DefaultAmpsPublishObservationConvention.INSTANCE, () -> context, this.observations)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			String own = publish.correlationId();
			String carried = TraceCorrelationIds.encode(own, context.getCarrier().get("traceparent"));
			if (carried != null && !carried.equals(own)) {
				publish.sendWithCorrelationId(carried);
			}
			else {
				publish.send();
			}
		}
		catch (Exception ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

}
