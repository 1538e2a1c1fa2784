package org.ampsboot.autoconfigure;

import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.OrderUtils;

import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsUnexpectedMessage;

/**
 * Finds {@link AmpsUnexpectedMessage @AmpsUnexpectedMessage} and {@link AmpsListener @AmpsListener}
 * methods on singleton beans as they are initialized, in one pass per class (merged
 * annotations, so meta-annotations count; target classes, so proxies count). A method whose
 * signature the starter cannot serve fails startup there and then. Classes without such
 * methods are remembered so each is inspected once.
 */
final class AmpsAnnotationProcessor implements BeanPostProcessor, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(AmpsAnnotationProcessor.class);

	private final Set<Class<?>> classesWithoutMethods = ConcurrentHashMap.newKeySet();

	private final List<UnexpectedMessageMethod> methods = new CopyOnWriteArrayList<>();

	private final List<ListenerMethod> listeners = new CopyOnWriteArrayList<>();

	private ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory configurable) {
			this.beanFactory = configurable;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
		if (this.classesWithoutMethods.contains(targetClass)) {
			return bean;
		}
		Map<Method, AmpsUnexpectedMessage> fallbacks = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<AmpsUnexpectedMessage>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, AmpsUnexpectedMessage.class));
		Map<Method, AmpsListener> listeners = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<AmpsListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, AmpsListener.class));
		if (fallbacks.isEmpty() && listeners.isEmpty()) {
			this.classesWithoutMethods.add(targetClass);
			return bean;
		}
		if (!isSingleton(beanName)) {
			logger.warn("Bean '" + beanName + "' has @AmpsUnexpectedMessage or @AmpsListener methods but is not a "
					+ "singleton; they are ignored");
			return bean;
		}
		int beanOrder = beanOrder(bean, targetClass);
		fallbacks.entrySet()
			.stream()
			.sorted(Comparator.comparing((entry) -> entry.getKey().toGenericString()))
			.forEach((entry) -> {
				Method method = entry.getKey();
				Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
				Integer methodOrder = OrderUtils.getOrder(method);
				int order = (methodOrder != null) ? methodOrder : beanOrder;
				this.methods.add(
						UnexpectedMessageMethod.bind(bean, method, invocable, order, resolve(entry.getValue().client())));
			});
		listeners.entrySet()
			.stream()
			.sorted(Comparator.comparing((entry) -> entry.getKey().toGenericString()))
			.forEach((entry) -> {
				Method invocable = AopUtils.selectInvocableMethod(entry.getKey(), bean.getClass());
				this.listeners
					.add(ListenerMethod.bind(bean, entry.getKey(), invocable, entry.getValue(), this::resolve));
			});
		return bean;
	}

	private String resolve(String value) {
		if (this.beanFactory == null || value == null || value.isEmpty()) {
			return value;
		}
		String resolved = this.beanFactory.resolveEmbeddedValue(value);
		return (resolved != null) ? resolved : value;
	}

	private boolean isSingleton(String beanName) {
		if (this.beanFactory == null || beanName == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return true;
		}
		return this.beanFactory.getMergedBeanDefinition(beanName).isSingleton();
	}

	private static int beanOrder(Object bean, Class<?> targetClass) {
		if (bean instanceof Ordered ordered) {
			return ordered.getOrder();
		}
		return OrderUtils.getOrder(targetClass, Ordered.LOWEST_PRECEDENCE);
	}

	/**
	 * Returns the methods found so far, ordered by {@code @Order} (stable for equal orders).
	 */
	List<UnexpectedMessageMethod> getMethods() {
		return this.methods.stream().sorted(Comparator.comparingInt(UnexpectedMessageMethod::getOrder)).toList();
	}

	/**
	 * Returns the listener methods found so far.
	 */
	List<ListenerMethod> getListeners() {
		return List.copyOf(this.listeners);
	}

}
