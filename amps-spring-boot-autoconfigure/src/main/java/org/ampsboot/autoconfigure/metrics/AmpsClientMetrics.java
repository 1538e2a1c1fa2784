package org.ampsboot.autoconfigure.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.ConnectionStateListener;
import com.crankuptheamps.client.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the client's connection: {@code amps.connection.state} (the last
 * ConnectionStateListener state as a number; 4 and above means logged on),
 * {@code amps.connection.reconnects} (logons after the first) and
 * {@code amps.publish.store.backlog} (publishes not yet acknowledged as persisted; only with a
 * publish store). Tagged with the client name.
 * <p>
 * Internal: not API (public only because the metrics auto-configuration that registers it lives
 * in another package).
 */
public final class AmpsClientMetrics implements MeterBinder {

	private final List<ClientMeters> clients;

	public AmpsClientMetrics(List<Client> clients) {
		this.clients = clients.stream().map(ClientMeters::new).toList();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.clients.forEach((client) -> client.bindTo(registry));
	}

	private static final class ClientMeters {

		private final Client client;

		private final AtomicInteger state = new AtomicInteger(ConnectionStateListener.Disconnected);

		private volatile boolean loggedOnBefore;

		private volatile Counter reconnects;

		ClientMeters(Client client) {
			this.client = client;
			client.addConnectionStateListener(this::connectionStateChanged);
		}

		void bindTo(MeterRegistry registry) {
			String name = this.client.getName();
			Gauge.builder("amps.connection.state", this.state, AtomicInteger::get)
				.description("Last connection state of the AMPS client (0 disconnected, 2 connected, 4+ logged on)")
				.tag("client", name)
				.register(registry);
			this.reconnects = Counter.builder("amps.connection.reconnects")
				.description("Logons of the AMPS client after its first one")
				.tag("client", name)
				.register(registry);
			Gauge.builder("amps.publish.store.backlog", this, ClientMeters::backlog)
				.description("Publishes in the publish store not yet acknowledged as persisted")
				.tag("client", name)
				.register(registry);
		}

		private double backlog() {
			Store store = this.client.getPublishStore();
			if (store == null) {
				return 0;
			}
			try {
				return store.unpersistedCount();
			}
			catch (Exception ex) {
				return Double.NaN;
			}
		}

		private void connectionStateChanged(int newState) {
			this.state.set(newState);
			if (newState == ConnectionStateListener.LoggedOn) {
				if (this.loggedOnBefore && this.reconnects != null) {
					this.reconnects.increment();
				}
				this.loggedOnBefore = true;
			}
		}

	}

}
