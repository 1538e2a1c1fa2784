package org.ampsboot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an {@link AmpsTestServer} for the annotated test class.
 *
 * <p>In a plain JUnit 5 test, {@link AmpsTestServerExtension} starts one server before all tests of the class
 * (shared with its {@code @Nested} classes), injects it into any {@code AmpsTestServer} parameter of a test
 * method, lifecycle method or constructor, and closes it after all tests.
 *
 * <p>In a Spring test (one that uses {@code SpringExtension}, for example through {@code @SpringBootTest} or
 * {@code @SpringJUnitConfig}), the server belongs to the application context instead: one server per
 * context, registered as a bean (so {@code @Autowired AmpsTestServer server} works), closed with the
 * context, and its URI set as the {@code amps.uri} property with the highest precedence. The extension then
 * resolves {@code AmpsTestServer} parameters from that context and starts no server of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AmpsTestServerExtension.class)
public @interface EmbeddedAmps {

	/** The user name the server requires at logon; empty (the default) for no credentials check. */
	String username() default "";

	/** The password the server requires at logon, together with {@link #username()}. */
	String password() default "";

}
