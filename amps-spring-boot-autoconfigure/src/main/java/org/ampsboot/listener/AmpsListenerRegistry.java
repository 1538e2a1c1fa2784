package org.ampsboot.listener;

import java.util.Collection;
import java.util.Set;

/**
 * Every listener container of the application, by id: those of the
 * {@link org.ampsboot.AmpsListener @AmpsListener} methods and those registered at run time. A
 * bean of the auto-configuration.
 */
public interface AmpsListenerRegistry {

	/**
	 * The container with this id.
	 * @param id the id
	 * @return the container, or {@code null} if there is none
	 */
	AmpsListenerContainer getListenerContainer(String id);

	/**
	 * The ids of every container.
	 * @return the ids, in registration order
	 */
	Set<String> getListenerContainerIds();

	/**
	 * Every container.
	 * @return the containers, in registration order
	 */
	Collection<AmpsListenerContainer> getListenerContainers();

	/**
	 * Registers a listener at run time and starts it when its endpoint says so
	 * ({@link AmpsListenerEndpoint.Builder#autoStartup(boolean)}, default {@code true}).
	 * @param endpoint the endpoint
	 * @return its container
	 * @throws IllegalArgumentException if a container with its id exists, or it names a client
	 * that is not configured
	 */
	AmpsListenerContainer register(AmpsListenerEndpoint endpoint);

	/**
	 * Stops (unsubscribes) and removes a container.
	 * @param id its id
	 * @return whether there was one
	 */
	boolean unregister(String id);

}
