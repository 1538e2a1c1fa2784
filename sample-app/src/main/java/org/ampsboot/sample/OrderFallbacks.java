package org.ampsboot.sample;

import java.util.concurrent.CountDownLatch;

import com.crankuptheamps.client.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ampsboot.AmpsUnexpectedMessage;
import org.ampsboot.LastChanceMessageHandler;

import org.springframework.stereotype.Component;

/**
 * The two styles of fallback handler. Each receives every message the AMPS client cannot route,
 * such as the failure acknowledgement for the malformed order.
 */
final class OrderFallbacks {

	private OrderFallbacks() {
	}

	/** A fallback declared as a bean implementing the interface. */
	@Component
	static class RejectedOrderReporter implements LastChanceMessageHandler {

		private static final Logger logger = LoggerFactory.getLogger(RejectedOrderReporter.class);

		final CountDownLatch reported = new CountDownLatch(1);

		@Override
		public void handle(Message message) {
			logger.warn("LastChanceMessageHandler: AMPS rejected a message on topic '{}': status={}, reason={}",
					message.getTopic(), (message.getStatus() == Message.Status.Failure) ? "failure" : "other",
					message.getReasonText());
			this.reported.countDown();
		}

	}

	/** A fallback declared as an annotated method. */
	@Component
	static class UnexpectedMessageAudit {

		private static final Logger logger = LoggerFactory.getLogger(UnexpectedMessageAudit.class);

		@AmpsUnexpectedMessage
		void audit(Message message) {
			logger.info("@AmpsUnexpectedMessage: audited an unexpected message (reason: {})", message.getReasonText());
		}

	}

}
