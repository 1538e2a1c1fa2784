package org.ampsboot.autoconfigure.listener;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.annotation.RepeatableContainers;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import org.ampsboot.AmpsListener;
import org.ampsboot.AmpsUnexpectedMessage;
import org.ampsboot.autoconfigure.AmpsProperties;
import org.ampsboot.autoconfigure.AmpsStartupException;
import org.ampsboot.autoconfigure.fallback.UnexpectedMessageMethod;
import org.ampsboot.autoconfigure.fallback.UnexpectedMessageMethods;

/**
 * Finds {@link AmpsUnexpectedMessage @AmpsUnexpectedMessage} and {@link AmpsListener @AmpsListener}
 * methods on singleton beans as they are initialized, in one pass per class for both (merged
 * annotations, so meta-annotations count; target classes, so proxies count). A method whose
 * signature the starter cannot serve fails startup there and then. Classes without such
 * methods are remembered so each is inspected once, and library classes (see
 * {@link #isLibraryClass(Class)}) and the classes of the starter's own beans
 * ({@link #STARTER_BEAN_CLASSES}) are not inspected at all. Once every singleton exists, checks
 * that each method names a configured client.
 * <p>
 * Internal: not API (public only because the auto-configuration that registers it lives in
 * another package).
 */
public final class AmpsAnnotationProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, UnexpectedMessageMethods {

	private static final Log logger = LogFactory.getLog(AmpsAnnotationProcessor.class);

	private static final String[] LIBRARY_PACKAGES = { "java.", "javax.", "jdk.", "sun.", "com.sun.",
			"com.crankuptheamps.", "tools.jackson.", "com.fasterxml.jackson.", "io.micrometer." };

	/**
	 * The classes of the beans the starter itself defines, none of which has such methods: a
	 * cold start spent about 1.8 ms inspecting them (the properties class alone has some fifty
	 * methods). Names, so that none is loaded for this (the metrics and actuator ones need
	 * Micrometer or the actuator); exact classes, so that an application's subclass is inspected.
	 */
	static final Set<String> STARTER_BEAN_CLASSES = Set.of("org.ampsboot.AmpsTemplate",
			"org.ampsboot.autoconfigure.AmpsProperties", "org.ampsboot.autoconfigure.client.AmpsClientLifecycle",
			"org.ampsboot.autoconfigure.listener.ClientListenerContainers",
			"org.ampsboot.autoconfigure.listener.ListenerRegistry",
			"org.ampsboot.autoconfigure.client.AmpsSslContextRegistration",
			"org.ampsboot.autoconfigure.PropertiesAmpsConnectionDetails",
			"org.ampsboot.autoconfigure.AmpsAutoConfiguration",
			"org.ampsboot.autoconfigure.AmpsAutoConfiguration$ClientConfiguration",
			"org.ampsboot.autoconfigure.AmpsMessagingAutoConfiguration",
			"org.ampsboot.autoconfigure.AmpsMessagingAutoConfiguration$ForAutoConfiguredClient",
			"org.ampsboot.autoconfigure.AmpsMessagingAutoConfiguration$ForApplicationClient",
			"org.ampsboot.autoconfigure.AmpsMessagingConfiguration",
			"org.ampsboot.autoconfigure.AmpsMetricsAutoConfiguration",
			"org.ampsboot.autoconfigure.AmpsActuatorAutoConfiguration",
			"org.ampsboot.autoconfigure.health.AmpsHealthContributorAutoConfiguration",
			"org.ampsboot.autoconfigure.metrics.AmpsClientMetrics",
			"org.ampsboot.autoconfigure.metrics.MicrometerAmpsInstrumentation");

	private static final AnnotatedMethods ANNOTATED = new AnnotatedMethods();

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
		if (isLibraryClass(targetClass) || STARTER_BEAN_CLASSES.contains(targetClass.getName())) {
			this.classesWithoutMethods.add(targetClass);
			return bean;
		}
		Map<Method, Method> annotated = MethodIntrospector.selectMethods(targetClass, ANNOTATED);
		if (annotated.isEmpty()) {
			this.classesWithoutMethods.add(targetClass);
			return bean;
		}
		if (!isSingleton(beanName)) {
			logger.warn("Bean '" + beanName + "' has @AmpsUnexpectedMessage or @AmpsListener methods but is not a "
					+ "singleton; they are ignored");
			return bean;
		}
		// in a stable order, whatever the order reflection returns the methods in
		Map<String, Method> ordered = new TreeMap<>();
		for (Method method : annotated.keySet()) {
			ordered.put(method.toGenericString(), method);
		}
		int beanOrder = beanOrder(bean, targetClass);
		for (Method method : ordered.values()) {
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			AmpsUnexpectedMessage fallback = AnnotatedElementUtils.findMergedAnnotation(method,
					AmpsUnexpectedMessage.class);
			if (fallback != null) {
				Integer methodOrder = OrderUtils.getOrder(method);
				int order = (methodOrder != null) ? methodOrder : beanOrder;
				addInOrder(UnexpectedMessageMethod.bind(bean, method, invocable, order, resolve(fallback.client())));
			}
			AmpsListener listener = AnnotatedElementUtils.findMergedAnnotation(method, AmpsListener.class);
			if (listener != null) {
				this.listeners.add(ListenerMethod.bind(bean, method, invocable, spec(beanName, method, listener)));
			}
		}
		return bean;
	}

	private ListenerSpec spec(String beanName, Method method, AmpsListener listener) {
		String id = resolve(listener.id());
		if (!StringUtils.hasText(id)) {
			id = beanName + "." + method.getName();
		}
		String autoStartup = resolve(listener.autoStartup());
		Boolean start = null;
		if (StringUtils.hasText(autoStartup)) {
			String value = autoStartup.trim();
			if (!value.equals("true") && !value.equals("false")) {
				throw new AmpsStartupException("@AmpsListener method " + ListenerMethod.describe(method)
						+ " has autoStartup = \"" + autoStartup + "\", which is neither true nor false.",
						"Set autoStartup to \"true\", \"false\", a placeholder that resolves to one of them, or leave it empty for amps.listener.auto-startup.");
			}
			start = Boolean.valueOf(value);
		}
		return new ListenerSpec(id, listener.client(), resolve(listener.topic()), resolve(listener.filter()),
				listener.options(), listener.kind(), listener.batchSize(), listener.topN(), listener.bookmark(),
				listener.maxBacklog(), listener.ackMode(), start,
				ListenerDispatch.of(listener, this::resolve, ListenerMethod.describe(method)));
	}

	/**
	 * Once every singleton exists, checks that each method found names a client that is
	 * configured, so that a typo fails startup instead of silently never subscribing, and that
	 * no two listeners share an id.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		Map<String, ListenerMethod> ids = new HashMap<>();
		for (ListenerMethod listener : this.listeners) {
			ListenerMethod other = ids.putIfAbsent(listener.spec().id(), listener);
			if (other != null) {
				throw new AmpsStartupException("@AmpsListener methods " + other.description() + " and "
						+ listener.description() + " have the same id '" + listener.spec().id()
						+ "'; a listener's id names its container and its subscription, so it must be unique.",
						"Give one of them another id (@AmpsListener(id = ...)).");
			}
		}
		if (this.beanFactory == null) {
			return;
		}
		Set<String> names = this.beanFactory.getBean(AmpsProperties.class).getClients().keySet();
		for (ListenerMethod listener : this.listeners) {
			String name = listener.clientName();
			if (!name.isEmpty() && !names.contains(name)) {
				throw unknownClient("@AmpsListener method " + listener.description(), name, names);
			}
		}
		for (UnexpectedMessageMethod method : this.methods) {
			String name = method.clientName();
			if (!name.isEmpty() && !names.contains(name)) {
				throw unknownClient(method.toString(), name, names);
			}
		}
	}

	private static AmpsStartupException unknownClient(String what, String name, Set<String> names) {
		return new AmpsStartupException(what + " names client '" + name + "', but there is no amps.clients." + name
				+ " (configured: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ").",
				"Configure amps.clients." + name + ".uri, or change the client attribute.");
	}

	/** Keeps {@link #methods} ordered by {@code @Order}, in the order found for equal orders. */
	private synchronized void addInOrder(UnexpectedMessageMethod method) {
		int index = this.methods.size();
		while (index > 0 && this.methods.get(index - 1).getOrder() > method.getOrder()) {
			index--;
		}
		this.methods.add(index, method);
	}

	/**
	 * Selects the methods that carry either annotation, directly or as a meta-annotation, on
	 * themselves or on a method they override: one scan of a method's annotations for both.
	 */
	private static final class AnnotatedMethods implements MethodIntrospector.MetadataLookup<Method> {

		@Override
		public Method inspect(Method method) {
			MergedAnnotations annotations = MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY,
					RepeatableContainers.none());
			return (annotations.isPresent(AmpsUnexpectedMessage.class) || annotations.isPresent(AmpsListener.class))
					? method : null;
		}

	}

	/**
	 * Whether the bean's class belongs to a library that cannot carry the starter's annotations:
	 * the JDK, the AMPS client, Jackson, Micrometer, and Spring's own classes unless they are
	 * {@code @Component}s (the rule of Spring's {@code EventListenerMethodProcessor}). A context
	 * holds hundreds of such beans; inspecting every method of each was most of this processor's
	 * start-up cost. The application's own classes, and its subclasses of library classes, are
	 * always inspected.
	 */
	static boolean isLibraryClass(Class<?> type) {
		String name = type.getName();
		for (String prefix : LIBRARY_PACKAGES) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return name.startsWith("org.springframework.")
				&& !AnnotatedElementUtils.isAnnotated(ClassUtils.getUserClass(type), Component.class);
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
	@Override
	public List<UnexpectedMessageMethod> getMethods() {
		return List.copyOf(this.methods);
	}

	/**
	 * Returns the listener methods found so far.
	 */
	List<ListenerMethod> getListeners() {
		return List.copyOf(this.listeners);
	}

}
