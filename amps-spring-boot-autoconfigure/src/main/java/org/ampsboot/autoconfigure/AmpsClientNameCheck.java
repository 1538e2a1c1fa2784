package org.ampsboot.autoconfigure;

import java.util.Set;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Once every singleton exists, checks that each {@code @AmpsListener} and
 * {@code @AmpsUnexpectedMessage} names a client that is configured, so that a typo fails
 * startup instead of silently never subscribing.
 */
final class AmpsClientNameCheck implements SmartInitializingSingleton, BeanFactoryAware {

	private ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		AmpsAnnotationProcessor processor = this.beanFactory.getBean(AmpsAnnotationProcessor.class);
		Set<String> names = this.beanFactory.getBean(AmpsProperties.class).getClients().keySet();
		for (ListenerMethod listener : processor.getListeners()) {
			String name = listener.clientName();
			if (!name.isEmpty() && !names.contains(name)) {
				throw unknown("@AmpsListener method " + listener.description(), name, names);
			}
		}
		for (UnexpectedMessageMethod method : processor.getMethods()) {
			String name = method.clientName();
			if (!name.isEmpty() && !names.contains(name)) {
				throw unknown(method.toString(), name, names);
			}
		}
	}

	private static AmpsStartupException unknown(String what, String name, Set<String> names) {
		return new AmpsStartupException(what + " names client '" + name + "', but there is no amps.clients." + name
				+ " (configured: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ").",
				"Configure amps.clients." + name + ".uri, or change the client attribute.");
	}

}
