package org.ampsboot.sample;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.HAClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The demonstration: subscribe, publish three orders, receive them, then publish a malformed
 * order that AMPS rejects with a failure acknowledgement only the fallback handlers see.
 */
@Component
class OrderDemo implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(OrderDemo.class);

	static final String TOPIC = "sample-orders";

	private final HAClient client;

	private final OrderFallbacks.RejectedOrderReporter reporter;

	OrderDemo(HAClient client, OrderFallbacks.RejectedOrderReporter reporter) {
		this.client = client;
		this.reporter = reporter;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		CountDownLatch received = new CountDownLatch(3);
		this.client.executeAsync(new Command("subscribe").setTopic(TOPIC), (message) -> {
			logger.info("Received order: {}", message.getData());
			received.countDown();
		});
		for (int id = 1; id <= 3; id++) {
			String order = "{\"id\":" + id + ",\"symbol\":\"MSFT\",\"qty\":" + (id * 100) + "}";
			logger.info("Publishing order: {}", order);
			this.client.publish(TOPIC, order);
		}
		if (!received.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The three orders did not come back within 10 seconds");
		}
		String malformed = "{\"id\":4,\"symbol\":\"MSFT\",\"qty\":";
		logger.info("Publishing a malformed order: {}", malformed);
		this.client.publish(TOPIC, malformed);
		if (!this.reporter.reported.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("No failure acknowledgement reached the fallback within 10 seconds");
		}
		logger.info("Demo complete: 3 orders received, 1 malformed order reported by the fallback handlers");
	}

}
