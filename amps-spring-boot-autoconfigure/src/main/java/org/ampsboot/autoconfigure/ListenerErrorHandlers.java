package org.ampsboot.autoconfigure;

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
		AmpsPropertiesValidator.validate(settings);
		AmpsListenerRecoverer recoverer = recoverers.getIfUnique();
		if (recoverer == null) {
			recoverer = switch (settings.getRecoverer()) {
				case LOG_AND_SKIP -> AmpsListenerRecoverer.logAndSkip();
				case DEAD_LETTER -> AmpsListenerRecoverer.deadLetter(template.getObject(), settings.getDeadLetterTopic());
				case STOP_CONTAINER -> AmpsListenerRecoverer.stopContainer();
			};
		}
		AmpsProperties.Retry retry = settings.getRetry();
		if (!retry.isEnabled()) {
			return new RetryingListenerErrorHandler(recoverer);
		}
		return new RetryingListenerErrorHandler(recoverer, backOff(retry), retry.getMaxElapsedTime());
	}

	private static ExponentialBackOff backOff(AmpsProperties.Retry retry) {
		ExponentialBackOff backOff = new ExponentialBackOff(retry.getInitialInterval().toMillis(),
				retry.getMultiplier());
		backOff.setMaxInterval(retry.getMaxInterval().toMillis());
		backOff.setMaxAttempts(retry.getMaxRetries());
		return backOff;
	}

}
