package org.ampsboot.sample;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ampsboot.AmpsTemplate;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The demonstration: publish three orders with the template, receive them in the listener, then
 * publish a malformed order that AMPS rejects with a failure acknowledgement only the fallback
 * handlers see.
 */
@Component
class OrderDemo implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(OrderDemo.class);

	static final String TOPIC = "sample-orders";

	private final AmpsTemplate template;

	private final OrderListener listener;

	private final OrderFallbacks.RejectedOrderReporter reporter;

	OrderDemo(AmpsTemplate template, OrderListener listener, OrderFallbacks.RejectedOrderReporter reporter) {
		this.template = template;
		this.listener = listener;
		this.reporter = reporter;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		for (int id = 1; id <= 3; id++) {
			Order order = new Order(id, "MSFT", id * 100);
			logger.info("Publishing order: {}", order);
			this.template.publish(TOPIC, order);
		}
		if (!this.listener.received.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The three orders did not come back within 10 seconds");
		}
		String malformed = "{\"id\":4,\"symbol\":\"MSFT\",\"qty\":";
		logger.info("Publishing a malformed order: {}", malformed);
		this.template.publish(TOPIC, malformed);
		if (!this.reporter.reported.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("No failure acknowledgement reached the fallback within 10 seconds");
		}
		logger.info("Demo complete: 3 orders received, 1 malformed order reported by the fallback handlers");
	}

}
