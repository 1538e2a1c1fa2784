package org.ampsboot.test;

import java.util.Optional;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that runs an {@link AmpsTestServer} and resolves {@code AmpsTestServer} parameters of
 * test methods, lifecycle methods and constructors.
 *
 * <p>Declaratively, through {@link EmbeddedAmps @EmbeddedAmps}: one server per annotated test class, set up as the
 * annotation declares (SOW topics, queues, seed records, initializers) and started before all its tests, shared
 * with its {@code @Nested} classes, closed after all its tests. When the class
 * also runs with Spring's {@code SpringExtension}, this extension starts no server: the server comes from the
 * Spring application context (see {@link EmbeddedAmps}).
 *
 * <p>Programmatically, with {@code @RegisterExtension}: each extension instance owns one server, available from
 * {@link #server()}. In a static field the server lives for the whole class; in an instance field it is
 * created when first used and closed after each test. Use one style per test class: on a class annotated with
 * {@code @EmbeddedAmps}, a registered instance would resolve the same parameters as the declared one.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final AmpsTestServerExtension amps = new AmpsTestServerExtension();
 *
 * &#64;Test
 * void publishes() {
 *     String uri = amps.server().uri();
 *     ...
 * }
 * </pre>
 */
public final class AmpsTestServerExtension
		implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(AmpsTestServerExtension.class);

	private static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";

	/** Whether Spring's test support is on the class path; {@link SpringSupport} is only touched if it is. */
	private static final boolean SPRING_PRESENT = isLoadable(SPRING_EXTENSION)
			&& isLoadable("org.springframework.context.ApplicationContext");

	private AmpsTestServer server;

	private String startedByContext;

	/** Creates the extension; with {@code @RegisterExtension} it owns one server, started on first use. */
	public AmpsTestServerExtension() {
	}

	/**
	 * The server of this extension instance (for {@code @RegisterExtension} use), started on first call.
	 * @return the running server
	 */
	public synchronized AmpsTestServer server() {
		if (this.server == null) {
			this.server = new AmpsTestServer().start();
		}
		return this.server;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		Class<?> declaringClass = findEmbeddedAmpsDeclaringClass(context);
		if (declaringClass != null) {
			if (isSpringManaged(context)) {
				return;
			}
			Holder existing = findHolder(context);
			if (existing != null && existing.declaringClass() == declaringClass) {
				// a @Nested class shares the server of the enclosing class that declares @EmbeddedAmps
				return;
			}
			EmbeddedAmps annotation = AnnotationSupport.findAnnotation(declaringClass, EmbeddedAmps.class).orElseThrow();
			AmpsTestServer server = EmbeddedAmpsDeclarations.of(annotation, declaringClass).startServer();
			context.getStore(NAMESPACE).put(Holder.class, new Holder(server, context.getUniqueId(), declaringClass));
			return;
		}
		synchronized (this) {
			if (this.server == null) {
				this.server = new AmpsTestServer().start();
				this.startedByContext = context.getUniqueId();
			}
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		synchronized (this) {
			if (this.server != null && this.startedByContext == null) {
				this.server.close();
				this.server = null;
			}
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		Holder holder = context.getStore(NAMESPACE).get(Holder.class, Holder.class);
		if (holder != null && holder.ownerId().equals(context.getUniqueId())) {
			context.getStore(NAMESPACE).remove(Holder.class);
			holder.server().close();
		}
		synchronized (this) {
			if (this.server != null && context.getUniqueId().equals(this.startedByContext)) {
				this.server.close();
				this.server = null;
				this.startedByContext = null;
			}
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		if (parameterContext.getParameter().getType() != AmpsTestServer.class) {
			return false;
		}
		if (findEmbeddedAmps(extensionContext).isPresent() && isSpringManaged(extensionContext)) {
			// Leave the parameters that Spring itself autowires to Spring.
			return !SpringSupport.springResolves(parameterContext, extensionContext);
		}
		return true;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		if (findEmbeddedAmps(extensionContext).isPresent()) {
			if (isSpringManaged(extensionContext)) {
				return SpringSupport.server(extensionContext);
			}
			Holder holder = findHolder(extensionContext);
			if (holder == null) {
				throw new ParameterResolutionException("No AmpsTestServer is running for "
						+ extensionContext.getDisplayName() + "; @EmbeddedAmps starts one before all tests");
			}
			return holder.server();
		}
		return server();
	}

	private static Holder findHolder(ExtensionContext context) {
		return context.getStore(NAMESPACE).get(Holder.class, Holder.class);
	}

	/** {@code @EmbeddedAmps} on the test class, its superclasses, meta-annotations or enclosing classes. */
	static Optional<EmbeddedAmps> findEmbeddedAmps(ExtensionContext context) {
		Class<?> declaringClass = findEmbeddedAmpsDeclaringClass(context);
		return (declaringClass != null) ? AnnotationSupport.findAnnotation(declaringClass, EmbeddedAmps.class)
				: Optional.empty();
	}

	/** The test class, or the nearest enclosing class, that is annotated with {@code @EmbeddedAmps}. */
	private static Class<?> findEmbeddedAmpsDeclaringClass(ExtensionContext context) {
		for (Class<?> type = context.getTestClass().orElse(null); type != null; type = type.getEnclosingClass()) {
			if (AnnotationSupport.isAnnotated(type, EmbeddedAmps.class)) {
				return type;
			}
		}
		return null;
	}

	/** Whether the test class (or an enclosing class) runs with Spring's SpringExtension. */
	static boolean isSpringManaged(ExtensionContext context) {
		if (!SPRING_PRESENT) {
			return false;
		}
		for (Class<?> type = context.getTestClass().orElse(null); type != null; type = type.getEnclosingClass()) {
			for (ExtendWith extendWith : AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class)) {
				for (Class<?> extension : extendWith.value()) {
					if (extension.getName().equals(SPRING_EXTENSION)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static boolean isLoadable(String className) {
		try {
			Class.forName(className, false, AmpsTestServerExtension.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	private record Holder(AmpsTestServer server, String ownerId, Class<?> declaringClass) {
	}

}
