package org.ampsboot.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample's demonstration on the embedded test server (the runner executes while the
 * context starts) and checks what it reported.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	@Test
	void demoReceivesTheOrdersAndTheFallbacksReportTheMalformedOne(CapturedOutput output) {
		assertThat(output).contains("Received order: Order[id=1, symbol=MSFT, qty=100]")
			.contains("Received order: Order[id=2, symbol=MSFT, qty=200]")
			.contains("Received order: Order[id=3, symbol=MSFT, qty=300]")
			.contains("LastChanceMessageHandler: AMPS rejected a message on topic 'sample-orders': status=failure, reason=parse error")
			.contains("Demo complete");
	}

}
