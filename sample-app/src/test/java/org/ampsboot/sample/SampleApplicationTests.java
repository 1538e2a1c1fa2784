package org.ampsboot.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample's demonstration on the embedded test server (the runner executes while the
 * context starts), checks what it reported, and reads its health and metrics over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "amps.username=sample", "amps.password=sample-Secret-42",
				"management.endpoints.web.exposure.include=health,metrics,env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always" })
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	@LocalServerPort
	int port;

	@Test
	void demoReceivesTheOrdersAndTheFallbacksReportTheMalformedOne(CapturedOutput output) {
		assertThat(output).contains("Received order: Order[id=1, symbol=MSFT, qty=100]")
			.contains("Received order: Order[id=2, symbol=MSFT, qty=200]")
			.contains("Received order: Order[id=3, symbol=MSFT, qty=300]")
			.contains("LastChanceMessageHandler: AMPS rejected a message on topic 'sample-orders': status=failure, reason=parse error")
			.contains("Demo complete");
	}

	@Test
	void thePasswordAppearsInNoActuatorEndpointAndNoLog(CapturedOutput output) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (String endpoint : new String[] { "env", "configprops", "health" }) {
			String body = http.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/" + endpoint)).build(),
					HttpResponse.BodyHandlers.ofString())
				.body();
			assertThat(body).as(endpoint).contains("amps").doesNotContain("sample-Secret-42");
		}
		assertThat(output).doesNotContain("sample-Secret-42");
	}

	@Test
	void healthAndMetricsAreServedOverHttp() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		String health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		assertThat(health).containsPattern("\"amps\":\\{\"details\":\\{[^}]*\"clientName\":\"sample-orders-[^}]*\\},\"status\":\"UP\"");
		String metric = http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/metrics/amps.unexpected.messages"))
			.build(), HttpResponse.BodyHandlers.ofString()).body();
		assertThat(metric).contains("\"name\":\"amps.unexpected.messages\"").contains("\"value\":1.0");
	}

}
