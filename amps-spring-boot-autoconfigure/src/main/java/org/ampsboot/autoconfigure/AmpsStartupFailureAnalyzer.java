package org.ampsboot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link AmpsStartupException} as Spring Boot's "APPLICATION FAILED TO START"
 * description and action.
 */
final class AmpsStartupFailureAnalyzer extends AbstractFailureAnalyzer<AmpsStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AmpsStartupException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
