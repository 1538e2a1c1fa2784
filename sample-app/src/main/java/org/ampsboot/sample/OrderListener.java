package org.ampsboot.sample;

import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ampsboot.AmpsHeader;
import org.ampsboot.AmpsListener;

import org.springframework.stereotype.Component;

/**
 * Receives the sample's orders: the subscription is placed when the client has logged on, and
 * each payload arrives converted from JSON.
 */
@Component
class OrderListener {

	private static final Logger logger = LoggerFactory.getLogger(OrderListener.class);

	final CountDownLatch received = new CountDownLatch(3);

	@AmpsListener(topic = OrderDemo.TOPIC)
	void onOrder(Order order, @AmpsHeader(AmpsHeader.Field.BOOKMARK) String bookmark) {
		logger.info("Received order: {} (bookmark {})", order, bookmark);
		this.received.countDown();
	}

}
