package org.ampsboot.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application of the suite: auto-configuration (so the starter configures itself exactly as in an
 * application) plus the beans of one variant.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class BenchApp {

	/**
	 * Starts a non-web application context.
	 * @param variant the variant's configuration class, or {@code null}
	 * @param properties extra {@code name=value} properties
	 */
	static ConfigurableApplicationContext start(Class<?> variant, String... properties) {
		List<Class<?>> sources = new ArrayList<>();
		sources.add(BenchApp.class);
		if (variant != null) {
			sources.add(variant);
		}
		List<String> all = new ArrayList<>(List.of("logging.level.root=WARN", "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(all.toArray(String[]::new))
			.run();
	}

}
