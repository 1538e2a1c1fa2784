package org.ampsboot.test;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.exception.AMPSException;

/** Real AMPS clients connected to a test server. */
final class Clients {

	private Clients() {
	}

	static Client connected(AmpsTestServer server, String name) throws AMPSException {
		Client client = new Client(name);
		try {
			client.connect(server.uri());
			client.logon(5000);
			return client;
		}
		catch (AMPSException | RuntimeException ex) {
			client.close();
			throw ex;
		}
	}

	/** An HAClient with memory publish and bookmark stores, reconnecting every 50 ms, not yet connected. */
	static HAClient memoryBacked(AmpsTestServer server, String name) throws AMPSException {
		HAClient client = HAClient.createMemoryBacked(name);
		DefaultServerChooser chooser = new DefaultServerChooser();
		chooser.add(server.uri());
		client.setServerChooser(chooser);
		client.setReconnectDelay(50);
		return client;
	}

}
