package org.ampsboot.listener;

/**
 * {@link AmpsListenerRecoverer#stopContainer()}: stops the container
 * ({@link AmpsListenerFailure#stopContainer()}) and throws, so that the message is not handled.
 * The starter logs what it throws (throttled).
 */
final class StoppingRecoverer implements AmpsListenerRecoverer {

	@Override
	public void recover(AmpsListenerFailure failure) {
		AmpsListenerContainer container = failure.getContainer();
		if (container == null) {
			throw new IllegalStateException("No listener container to stop for " + failure.getListener(),
					failure.getError());
		}
		failure.stopContainer();
		throw new IllegalStateException("Stopping listener container '" + container.getId() + "' after "
				+ failure.getAttempts() + " attempt(s): the message is not handled", failure.getError());
	}

	@Override
	public String toString() {
		return "AmpsListenerRecoverer.stopContainer()";
	}

}
