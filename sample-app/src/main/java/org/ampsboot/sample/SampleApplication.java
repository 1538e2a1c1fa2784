package org.ampsboot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Publishes a few orders, receives them on a subscription, publishes one malformed order and
 * shows the fallback handlers reporting AMPS's failure acknowledgement. Without {@code amps.uri}
 * (or {@code AMPS_URI}) it runs against the in-process test server.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
		if (context.getEnvironment().getProperty("sample.exit-when-done", Boolean.class, true)) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
