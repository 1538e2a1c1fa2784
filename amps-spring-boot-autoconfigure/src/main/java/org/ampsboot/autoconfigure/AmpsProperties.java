package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for AMPS, under {@code amps}: the single client's settings
 * ({@code amps.uri}, ...) and, for applications that talk to several AMPS instances, named
 * clients under {@code amps.clients.<name>}, each with every setting a single client has.
 */
@ConfigurationProperties("amps")
public class AmpsProperties extends AmpsClientProperties {

	/**
	 * Whether to auto-configure AMPS clients.
	 */
	private boolean enabled = true;

	/**
	 * Named clients, each with every setting of the single client (amps.clients.<name>.uri,
	 * ...). Each gets its own client bean (qualified by its name), lifecycle, template and
	 * listeners.
	 */
	private Map<String, AmpsClientProperties> clients = new LinkedHashMap<>();

	/**
	 * The listener containers of every client.
	 */
	private final Listener listener = new Listener();

	public Listener getListener() {
		return this.listener;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, AmpsClientProperties> getClients() {
		return this.clients;
	}

	public void setClients(Map<String, AmpsClientProperties> clients) {
		this.clients = clients;
	}

	/**
	 * Listener containers ({@code amps.listener}).
	 */
	public static class Listener {

		/**
		 * Whether listener containers start with the application (each subscribes once its
		 * client has logged on). An @AmpsListener's autoStartup attribute overrides it.
		 */
		private boolean autoStartup = true;

		/**
		 * How long a running container may receive nothing before an AmpsListenerEvent.Idle is
		 * published (and again after each further interval). Unset: no idle events.
		 */
		private Duration idleEventInterval;

		/**
		 * Whether each listener call is observed (amps.listener, with Micrometer's
		 * ObservationRegistry), as a child of the publisher's trace when the message carries one.
		 * The amps.listener.messages timer is recorded either way.
		 */
		private boolean observationEnabled;

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		public Duration getIdleEventInterval() {
			return this.idleEventInterval;
		}

		public void setIdleEventInterval(Duration idleEventInterval) {
			this.idleEventInterval = idleEventInterval;
		}

	}

}
