package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.ampsboot.AmpsHeader;
import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsPublish;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.ReceivedFrame;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace context travels from an {@code AmpsTemplate} publish to the {@code @AmpsListener}
 * through AMPS, with a real tracer (Micrometer Tracing over the OpenTelemetry SDK, Spring Boot's
 * auto-configuration) and the real client against the test server: one trace, the listener's
 * span a child of the publisher's, also across a failover.
 */
class TracePropagationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private AmpsTestServer primary;

	private AmpsTestServer secondary;

	@BeforeEach
	void startServers() {
		this.primary = new AmpsTestServer().start();
		this.secondary = new AmpsTestServer().start();
	}

	@AfterEach
	void stopServers() {
		this.primary.close();
		this.secondary.close();
	}

	private ApplicationContextRunner contextRunner(String uri) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					ObservationAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
					AmpsAutoConfiguration.class, AmpsMessagingAutoConfiguration.class,
					AmpsMetricsAutoConfiguration.class))
			.withUserConfiguration(Spans.class, Listener.class)
			.withPropertyValues("amps.uri=" + uri, "amps.client-name=traced", "management.tracing.sampling.probability=1.0",
					"amps.template.observation-enabled=true", "amps.listener.observation-enabled=true",
					"amps.reconnect.strategy=fixed", "amps.reconnect.initial-delay=50ms");
	}

	@Test
	void theListenerSpanIsAChildOfThePublisherSpanAndTheApplicationsCorrelationIdIsKept() {
		contextRunner(this.primary.uri()).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			Listener listener = context.getBean(Listener.class);
			InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
			await().atMost(WAIT).untilAsserted(() -> {
				template.publish(AmpsPublish.to("traced").correlationId("batch42"), Map.of("n", 1));
				assertThat(listener.correlationIds).isNotEmpty();
			});
			assertThat(listener.correlationIds).allMatch("batch42"::equals);
			ReceivedFrame frame = this.primary.takeFrame("p", WAIT);
			assertThat(frame.header("x")).startsWith("batch42=T00").hasSize("batch42".length() + 54);
			assertParentChild(spans);
		});
	}

	@Test
	void aPublishWithoutACorrelationIdCarriesTheTraceAndTheListenerSeesNone() {
		contextRunner(this.primary.uri()).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			Listener listener = context.getBean(Listener.class);
			await().atMost(WAIT).untilAsserted(() -> {
				template.publish("traced", "{\"n\":2}");
				assertThat(listener.correlationIds).isNotEmpty();
			});
			assertThat(listener.correlationIds).allMatch("none"::equals);
			assertParentChild(context.getBean(InMemorySpanExporter.class));
		});
	}

	@Test
	void aTracedPublishIsTheSameMessageWithTheTraceAdded() {
		contextRunner(this.primary.uri()).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			template.publish("traced", "{\"n\":5}", Duration.ofSeconds(30));
			template.deltaPublish("traced", "{\"n\":6}");
			ReceivedFrame expiring = this.primary.takeFrame("p", WAIT);
			assertThat(expiring.header("e")).isEqualTo("30");
			assertThat(expiring.header("x")).startsWith("=T00").hasSize(54);
			assertThat(expiring.payload()).isEqualTo("{\"n\":5}");
			ReceivedFrame delta = this.primary.takeFrame("delta_publish", WAIT);
			assertThat(delta.header("x")).startsWith("=T00");
			assertThat(delta.payload()).isEqualTo("{\"n\":6}");
		});
	}

	@Test
	void theTraceSurvivesAFailover() {
		this.primary.replicatePublishesWith(this.secondary);
		contextRunner(this.primary.uri() + "," + this.secondary.uri()).run((context) -> {
			AmpsTemplate template = context.getBean(AmpsTemplate.class);
			Listener listener = context.getBean(Listener.class);
			InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
			await().atMost(WAIT).untilAsserted(() -> {
				template.publish("traced", "{\"n\":3}");
				assertThat(listener.correlationIds).isNotEmpty();
			});
			this.primary.stopAccepting();
			this.primary.dropConnections();
			this.secondary.awaitLogon(WAIT);
			int before = listener.correlationIds.size();
			spans.reset();
			await().atMost(WAIT).untilAsserted(() -> {
				template.publish("traced", "{\"n\":4}");
				assertThat(listener.correlationIds.size()).isGreaterThan(before);
			});
			assertParentChild(spans);
		});
	}

	/** Every listener span has, in the same trace, the publisher span as its parent. */
	private static void assertParentChild(InMemorySpanExporter exporter) {
		await().atMost(WAIT).untilAsserted(() -> {
			List<SpanData> spans = exporter.getFinishedSpanItems();
			List<SpanData> receives = spans.stream().filter((span) -> span.getKind() == SpanKind.CONSUMER).toList();
			assertThat(receives).isNotEmpty();
			for (SpanData receive : receives) {
				SpanData parent = spans.stream()
					.filter((span) -> span.getSpanId().equals(receive.getParentSpanId()))
					.findFirst()
					.orElse(null);
				assertThat(parent).as("the parent of %s", receive.getName()).isNotNull();
				assertThat(parent.getKind()).isEqualTo(SpanKind.PRODUCER);
				assertThat(parent.getName()).isEqualTo("traced publish");
				assertThat(parent.getTraceId()).isEqualTo(receive.getTraceId());
				assertThat(receive.getName()).isEqualTo("traced receive");
				assertThat(receive.getAttributes().asMap().toString()).contains("amps.listener");
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Spans {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		SdkTracerProviderBuilderCustomizer simpleExport(InMemorySpanExporter exporter) {
			return (builder) -> builder.addSpanProcessor(SimpleSpanProcessor.create(exporter));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Listener {

		final List<String> correlationIds = new CopyOnWriteArrayList<>();

		@AmpsListener(topic = "traced")
		void onMessage(String data, @AmpsHeader(AmpsHeader.Field.CORRELATION_ID) String correlationId) {
			this.correlationIds.add((correlationId != null) ? correlationId : "none");
		}

	}

}
