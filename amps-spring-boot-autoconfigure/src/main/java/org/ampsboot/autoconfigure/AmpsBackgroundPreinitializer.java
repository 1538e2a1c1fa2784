package org.ampsboot.autoconfigure;

import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.util.ClassUtils;

/**
 * Loads the AMPS client's classes on a background thread as soon as the application starts, so
 * that the client bean, created later on the main thread, finds them loaded (they are about
 * half of what the starter adds to a cold start), in the manner of Spring Boot's own
 * background pre-initializer. Does nothing when the client is not on the classpath or when
 * {@code spring.backgroundpreinitializer.ignore} is set, as Boot's does.
 */
final class AmpsBackgroundPreinitializer implements ApplicationListener<ApplicationStartingEvent> {

	private static final String[] CLASSES = { "com.crankuptheamps.client.HAClient",
			"com.crankuptheamps.client.Client", "com.crankuptheamps.client.DefaultServerChooser",
			"com.crankuptheamps.client.ExponentialDelayStrategy", "com.crankuptheamps.client.JSONProtocol",
			"com.crankuptheamps.client.JSONMessage", "com.crankuptheamps.client.TCPTransport",
			"com.crankuptheamps.client.TCPTransportImpl", "com.crankuptheamps.client.MemorySubscriptionManager",
			"com.crankuptheamps.client.DefaultBookmarkStore", "com.crankuptheamps.client.Command",
			"com.crankuptheamps.client.MessageStream" };

	@Override
	public void onApplicationEvent(ApplicationStartingEvent event) {
		if (Boolean.getBoolean("spring.backgroundpreinitializer.ignore")) {
			return;
		}
		ClassLoader classLoader = AmpsBackgroundPreinitializer.class.getClassLoader();
		if (!ClassUtils.isPresent(CLASSES[0], classLoader)) {
			return;
		}
		Thread thread = new Thread(() -> {
			for (String className : CLASSES) {
				try {
					Class.forName(className, true, classLoader);
				}
				catch (Throwable ex) {
					// only an optimisation: the main thread loads what is missing
				}
			}
		}, "amps-background-preinit");
		thread.setDaemon(true);
		thread.start();
	}

}
