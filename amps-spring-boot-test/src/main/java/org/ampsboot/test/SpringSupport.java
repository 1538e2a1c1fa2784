package org.ampsboot.test;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The extension's only use of Spring, in a class of its own so that it is loaded only when Spring's test
 * support is on the class path (the extension checks before touching it).
 */
final class SpringSupport {

	private SpringSupport() {
	}

	/** The server bean of the test's application context. */
	static AmpsTestServer server(ExtensionContext context) {
		return SpringExtension.getApplicationContext(context).getBean(AmpsTestServer.class);
	}

	/** Whether SpringExtension will resolve this parameter itself (an autowired constructor, {@code @Autowired}). */
	static boolean springResolves(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return new SpringExtension().supportsParameter(parameterContext, extensionContext);
	}

}
