package org.ampsboot.autoconfigure.listener;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The classes of the starter's own beans, which the annotation processor does not inspect, are
 * named right (a renamed class would be inspected again, not missed).
 */
class AmpsAnnotationProcessorTests {

	@Test
	void theStartersOwnBeanClassesExist() {
		assertThat(AmpsAnnotationProcessor.STARTER_BEAN_CLASSES).isNotEmpty();
		for (String name : AmpsAnnotationProcessor.STARTER_BEAN_CLASSES) {
			assertThatCode(() -> Class.forName(name, false, getClass().getClassLoader())).as(name)
				.doesNotThrowAnyException();
		}
	}

}
