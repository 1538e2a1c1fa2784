package org.ampsboot.autoconfigure;

import com.crankuptheamps.client.Client;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.MethodMetadata;

import org.ampsboot.AmpsTemplate;

/**
 * The messaging programming model over the AMPS client: an {@link AmpsTemplate} and the
 * container that subscribes every {@link org.ampsboot.AmpsListener @AmpsListener} method
 * ({@link AmpsMessagingConfiguration}). Uses the application's Jackson {@link JsonMapper} for
 * JSON, or a default one.
 * <p>
 * They need a single {@link Client} candidate. The client this starter configures is one (it is
 * {@code @Primary}), and is recognized by its bean definition alone; only an application that
 * defines its own client pays for Spring Boot's search of every bean definition by type
 * ({@code @ConditionalOnSingleCandidate}), which cost a cold start several milliseconds.
 */
@AutoConfiguration(after = { AmpsAutoConfiguration.class, JacksonAutoConfiguration.class })
@ConditionalOnClass({ Client.class, JsonMapper.class })
@Conditional(OnAmpsEnabledCondition.class)
public final class AmpsMessagingAutoConfiguration {

	/** The name of the client bean {@link AmpsAutoConfiguration} defines. */
	static final String CLIENT_BEAN = "ampsClient";

	@Configuration(proxyBeanMethods = false)
	@Conditional(AutoConfiguredClientCondition.class)
	@Import(AmpsMessagingConfiguration.class)
	static class ForAutoConfiguredClient {

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(NoAutoConfiguredClientCondition.class)
	@ConditionalOnSingleCandidate(Client.class)
	@Import(AmpsMessagingConfiguration.class)
	static class ForApplicationClient {

	}

	/** Whether the bean factory holds the client {@link AmpsAutoConfiguration} defines. */
	static boolean hasAutoConfiguredClient(ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory == null || !beanFactory.containsBeanDefinition(CLIENT_BEAN)) {
			return false;
		}
		BeanDefinition definition = beanFactory.getBeanDefinition(CLIENT_BEAN);
		MethodMetadata factoryMethod = (definition instanceof AnnotatedBeanDefinition annotated)
				? annotated.getFactoryMethodMetadata() : null;
		return factoryMethod != null
				&& AmpsAutoConfiguration.ClientConfiguration.class.getName().equals(factoryMethod.getDeclaringClassName());
	}

	/**
	 * Whether the client {@link AmpsAutoConfiguration} defines is there; ordered first, so that
	 * the single-candidate search beside it is spared when it is not needed.
	 */
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class AutoConfiguredClientCondition implements ConfigurationCondition {

		@Override
		public ConfigurationPhase getConfigurationPhase() {
			return ConfigurationPhase.REGISTER_BEAN;
		}

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return hasAutoConfiguredClient(context.getBeanFactory()) == present();
		}

		boolean present() {
			return true;
		}

	}

	/** The opposite of {@link AutoConfiguredClientCondition}. */
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class NoAutoConfiguredClientCondition extends AutoConfiguredClientCondition {

		@Override
		boolean present() {
			return false;
		}

	}

}
