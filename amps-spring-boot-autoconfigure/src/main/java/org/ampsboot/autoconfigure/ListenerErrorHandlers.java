package org.ampsboot.autoconfigure;

import java.time.Duration;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.backoff.ExponentialBackOff;

import org.ampsboot.AmpsListenerErrorHandler;
import org.ampsboot.AmpsTemplate;
import org.ampsboot.listener.AmpsListenerRecoverer;
import org.ampsboot.listener.RetryingListenerErrorHandler;

/**
 * The listener error handler of every client's containers: the application's single
 * {@link AmpsListenerErrorHandler} bean, or a {@link RetryingListenerErrorHandler} from
 * {@code amps.listener.retry.*} and the single {@link AmpsListenerRecoverer} bean (else
 * {@code amps.listener.recoverer}). With several beans of a type, none is picked: the default
 * applies.
 */
final class ListenerErrorHandlers {

	private ListenerErrorHandlers() {
	}

	/**
	 * The error handler.
	 * @param template the template of the containers' client (only asked for by the dead-letter
	 * recoverer)
	 */
	static AmpsListenerErrorHandler resolve(ObjectProvider<AmpsListenerErrorHandler> handlers,
			ObjectProvider<AmpsListenerRecoverer> recoverers, AmpsProperties.Listener settings,
			ObjectFactory<AmpsTemplate> template) {
		AmpsListenerErrorHandler handler = handlers.getIfUnique();
		if (handler != null) {
			return handler;
		}
		AmpsListenerRecoverer recoverer = recoverers.getIfUnique();
		if (recoverer == null) {
			recoverer = switch (settings.getRecoverer()) {
				case LOG_AND_SKIP -> AmpsListenerRecoverer.logAndSkip();
				case DEAD_LETTER -> deadLetter(settings.getDeadLetterTopic(), template);
				case STOP_CONTAINER -> AmpsListenerRecoverer.stopContainer();
			};
		}
		AmpsProperties.Retry retry = settings.getRetry();
		if (!retry.isEnabled()) {
			return new RetryingListenerErrorHandler(recoverer);
		}
		return new RetryingListenerErrorHandler(recoverer, backOff(retry), retry.getMaxElapsedTime());
	}

	private static AmpsListenerRecoverer deadLetter(String topic, ObjectFactory<AmpsTemplate> template) {
		if (topic == null || topic.isBlank()) {
			throw new AmpsStartupException("amps.listener.recoverer=dead-letter needs a topic, but "
					+ "amps.listener.dead-letter-topic is empty.",
					"Set amps.listener.dead-letter-topic (default {topic}.DLT, where {topic} stands for the failed "
							+ "message's topic).");
		}
		return AmpsListenerRecoverer.deadLetter(template.getObject(), topic);
	}

	private static ExponentialBackOff backOff(AmpsProperties.Retry retry) {
		String problem = null;
		if (retry.getMaxRetries() < 0) {
			problem = "amps.listener.retry.max-retries is " + retry.getMaxRetries() + "; it must be 0 or more";
		}
		else if (!positive(retry.getInitialInterval())) {
			problem = "amps.listener.retry.initial-interval is " + retry.getInitialInterval() + "; it must be positive";
		}
		else if (!positive(retry.getMaxInterval())) {
			problem = "amps.listener.retry.max-interval is " + retry.getMaxInterval() + "; it must be positive";
		}
		else if (retry.getMultiplier() < 1) {
			problem = "amps.listener.retry.multiplier is " + retry.getMultiplier() + "; it must be 1 or more";
		}
		else if (retry.getMaxElapsedTime() == null || retry.getMaxElapsedTime().isNegative()) {
			problem = "amps.listener.retry.max-elapsed-time is " + retry.getMaxElapsedTime()
					+ "; it must be 0 or more";
		}
		if (problem != null) {
			throw new AmpsStartupException("Invalid listener retry settings: " + problem + ".",
					"Fix the property, or set amps.listener.retry.enabled=false.");
		}
		ExponentialBackOff backOff = new ExponentialBackOff(retry.getInitialInterval().toMillis(),
				retry.getMultiplier());
		backOff.setMaxInterval(retry.getMaxInterval().toMillis());
		backOff.setMaxAttempts(retry.getMaxRetries());
		return backOff;
	}

	private static boolean positive(Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

}
