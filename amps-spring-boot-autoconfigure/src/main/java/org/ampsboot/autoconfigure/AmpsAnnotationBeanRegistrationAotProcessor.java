package org.ampsboot.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.LinkedHashSet;
import java.util.Set;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;

import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

import org.ampsboot.AmpsAcknowledgement;
import org.ampsboot.AmpsHeader;
import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsUnexpectedMessage;

/**
 * Makes an application built with Spring AOT (and a native image) keep its fallback handlers
 * and listeners: for every bean class with {@link AmpsUnexpectedMessage @AmpsUnexpectedMessage}
 * or {@link AmpsListener @AmpsListener} methods, registers those methods for invocation and the
 * JSON payload types of listener parameters for data binding.
 */
class AmpsAnnotationBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Class<?> beanClass = registeredBean.getBeanClass();
		Set<Method> methods = new LinkedHashSet<>();
		methods.addAll(MethodIntrospector.selectMethods(beanClass,
				(MethodIntrospector.MetadataLookup<AmpsUnexpectedMessage>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, AmpsUnexpectedMessage.class))
			.keySet());
		methods.addAll(MethodIntrospector.selectMethods(beanClass,
				(MethodIntrospector.MetadataLookup<AmpsListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, AmpsListener.class))
			.keySet());
		if (methods.isEmpty()) {
			return null;
		}
		return new Contribution(methods);
	}

	private record Contribution(Set<Method> methods) implements BeanRegistrationAotContribution {

		@Override
		public void applyTo(GenerationContext generationContext, BeanRegistrationCode beanRegistrationCode) {
			RuntimeHints hints = generationContext.getRuntimeHints();
			BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
			for (Method method : this.methods) {
				hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
				if (AnnotatedElementUtils.hasAnnotation(method, AmpsListener.class)) {
					for (Parameter parameter : method.getParameters()) {
						if (isPayloadConvertedFromJson(parameter)) {
							bindings.registerReflectionHints(hints.reflection(), parameter.getParameterizedType());
						}
					}
				}
			}
		}

		private static boolean isPayloadConvertedFromJson(Parameter parameter) {
			Class<?> type = parameter.getType();
			return !parameter.isAnnotationPresent(AmpsHeader.class) && type != String.class && type != byte[].class
					&& !type.isPrimitive() && !Message.class.isAssignableFrom(type)
					&& !Client.class.isAssignableFrom(type) && type != AmpsAcknowledgement.class;
		}

	}

}
