package org.ampsboot.autoconfigure.listener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ampsboot.listener.AmpsListenerContainer;
import org.ampsboot.listener.AmpsListenerEndpoint;
import org.ampsboot.listener.AmpsListenerRegistry;

/**
 * The application's {@link AmpsListenerRegistry}: every container of every client, by id.
 * <p>
 * Internal: not API (public only because the auto-configuration that registers it lives in
 * another package).
 */
public final class ListenerRegistry implements AmpsListenerRegistry {

	private final Map<String, ListenerContainer> containers = new LinkedHashMap<>();

	private final List<ClientListenerContainers> clients = new ArrayList<>();

	synchronized void add(ClientListenerContainers client) {
		this.clients.add(client);
	}

	synchronized void put(ListenerContainer container) {
		ListenerContainer other = this.containers.putIfAbsent(container.getId(), container);
		if (other != null && other != container) {
			throw new IllegalArgumentException("A listener container with id '" + container.getId()
					+ "' exists already (" + other.listener().description() + "); ids must be unique");
		}
	}

	@Override
	public synchronized AmpsListenerContainer getListenerContainer(String id) {
		return this.containers.get(id);
	}

	@Override
	public synchronized Set<String> getListenerContainerIds() {
		return new LinkedHashSet<>(this.containers.keySet());
	}

	@Override
	public synchronized Collection<AmpsListenerContainer> getListenerContainers() {
		return List.copyOf(this.containers.values());
	}

	@Override
	public AmpsListenerContainer register(AmpsListenerEndpoint endpoint) {
		ListenerContainer container;
		synchronized (this) {
			if (this.containers.containsKey(endpoint.getId())) {
				throw new IllegalArgumentException("Cannot register " + endpoint + ": a listener container with id '"
						+ endpoint.getId() + "' exists already (" + this.containers.get(endpoint.getId()).listener()
							.description() + ")");
			}
			ClientListenerContainers client = client(endpoint.getClient());
			container = client.create(endpoint);
			client.add(container);
		}
		if (endpoint.isAutoStartup()) {
			container.start();
		}
		return container;
	}

	@Override
	public boolean unregister(String id) {
		ListenerContainer container;
		synchronized (this) {
			container = this.containers.remove(id);
		}
		if (container == null) {
			return false;
		}
		for (ClientListenerContainers client : clients()) {
			if (client.containers().contains(container)) {
				client.remove(container);
			}
		}
		return true;
	}

	private synchronized List<ClientListenerContainers> clients() {
		return List.copyOf(this.clients);
	}

	private ClientListenerContainers client(String name) {
		List<String> names = new ArrayList<>();
		for (ClientListenerContainers client : this.clients) {
			if (client.clientName().equals(name)) {
				return client;
			}
			names.add(client.clientName().isEmpty() ? "(the single client)" : client.clientName());
		}
		throw new IllegalArgumentException("No AMPS client '" + name + "' has listeners here (clients: "
				+ (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
	}

}
