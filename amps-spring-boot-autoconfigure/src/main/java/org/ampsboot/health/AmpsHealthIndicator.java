package org.ampsboot.health;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.ConnectionStateListener;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import org.ampsboot.AmpsUriSanitizer;

/**
 * Health of an AMPS client: UP while it is logged on, DOWN while it is disconnected, connecting
 * or reconnecting. Details: client name, server URI (password masked), server version and the
 * last connection state. It learns the state by adding a connection state listener to the
 * client when it is created, so create it before the client connects (the starter does).
 */
public class AmpsHealthIndicator extends AbstractHealthIndicator {

	private final Client client;

	private volatile int state = ConnectionStateListener.Disconnected;

	private volatile boolean loggedOn;

	/**
	 * Create an indicator for a client.
	 * @param client the client
	 */
	public AmpsHealthIndicator(Client client) {
		super("AMPS health check failed");
		this.client = client;
		client.addConnectionStateListener(this::connectionStateChanged);
	}

	private void connectionStateChanged(int newState) {
		this.state = newState;
		if (newState == ConnectionStateListener.LoggedOn) {
			this.loggedOn = true;
		}
		else if (newState == ConnectionStateListener.Disconnected || newState == ConnectionStateListener.Shutdown
				|| newState == ConnectionStateListener.Connected) {
			this.loggedOn = false;
		}
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		(this.loggedOn ? builder.up() : builder.down()).withDetail("clientName", this.client.getName())
			.withDetail("state", stateName(this.state));
		if (this.loggedOn) {
			builder.withDetail("server", maskedUri());
			if (this.client.getServerVersionInfo() != null) {
				builder.withDetail("serverVersion", this.client.getServerVersionInfo().getVersionString());
			}
		}
	}

	private String maskedUri() {
		java.net.URI uri = this.client.getURI();
		return (uri != null) ? AmpsUriSanitizer.sanitize(uri.toString()) : "unknown";
	}

	/**
	 * The name of a connection state of the client.
	 * @param state a {@link ConnectionStateListener} constant
	 * @return its name, such as {@code LoggedOn}
	 */
	public static String stateName(int state) {
		return switch (state) {
			case ConnectionStateListener.Disconnected -> "Disconnected";
			case ConnectionStateListener.Shutdown -> "Shutdown";
			case ConnectionStateListener.Connected -> "Connected";
			case ConnectionStateListener.LoggedOn -> "LoggedOn";
			case ConnectionStateListener.PublishReplayed -> "PublishReplayed";
			case ConnectionStateListener.HeartbeatInitiated -> "HeartbeatInitiated";
			case ConnectionStateListener.Resubscribed -> "Resubscribed";
			default -> "Unknown(" + state + ")";
		};
	}

}
