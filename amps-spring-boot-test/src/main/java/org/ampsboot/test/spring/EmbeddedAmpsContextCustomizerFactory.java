package org.ampsboot.test.spring;

import org.ampsboot.test.AmpsTestServer;
import org.ampsboot.test.EmbeddedAmps;
import org.ampsboot.test.EmbeddedAmpsDeclarations;
import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives every Spring test context of a class annotated with {@link EmbeddedAmps @EmbeddedAmps} (directly, as a
 * meta-annotation, or on an enclosing class of a {@code @Nested} class) its own {@link AmpsTestServer}.
 * Registered in {@code META-INF/spring.factories}.
 */
class EmbeddedAmpsContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		EmbeddedAmps annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, EmbeddedAmps.class);
		if (annotation == null) {
			return null;
		}
		return new EmbeddedAmpsContextCustomizer(EmbeddedAmpsDeclarations.of(annotation, testClass));
	}

}
