package org.ampsboot.health;

import java.util.function.Supplier;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.ConnectionStateListener;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import org.ampsboot.AmpsUriSanitizer;

/**
 * Health of an AMPS client: UP while it is logged on, DOWN while it is disconnected, connecting
 * or reconnecting, or while its receive thread is dead or wedged. Details: client name, server
 * URI (password masked), server version, the last connection state and, for a dead or wedged
 * receive thread, its cause. It learns the state by adding a connection state listener to the
 * client when it is created, so create it before the client connects (the starter does).
 */
public class AmpsHealthIndicator extends AbstractHealthIndicator {

	private final Client client;

	private volatile int state = ConnectionStateListener.Disconnected;

	private volatile boolean loggedOn;

	private final Supplier<String> readerProblem;

	/**
	 * Create an indicator for a client.
	 * @param client the client
	 */
	public AmpsHealthIndicator(Client client) {
		this(client, () -> null);
	}

	/**
	 * Create an indicator for a client whose receive thread is watched: while the supplier
	 * gives a cause (a dead or wedged reader, a refused frame), health is DOWN with it as the
	 * {@code reader} detail, even when the client still reports itself logged on.
	 * @param client the client
	 * @param readerProblem what is wrong with the client's receive thread, {@code null} while
	 * nothing is
	 */
	public AmpsHealthIndicator(Client client, Supplier<String> readerProblem) {
		super("AMPS health check failed");
		this.client = client;
		this.readerProblem = readerProblem;
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
		String problem = this.readerProblem.get();
		boolean up = this.loggedOn && problem == null;
		(up ? builder.up() : builder.down()).withDetail("clientName", this.client.getName())
			.withDetail("state", stateName(this.state));
		if (problem != null) {
			builder.withDetail("reader", problem);
		}
		if (up) {
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
