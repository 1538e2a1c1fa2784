package org.ampsboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the AMPS client, under {@code amps}.
 */
@ConfigurationProperties("amps")
public class AmpsProperties {

	/**
	 * Whether to auto-configure an AMPS client.
	 */
	private boolean enabled = true;

	/**
	 * Whether to connect and log on when the application context starts. When false, the
	 * client bean exists but connects only when the lifecycle bean is started explicitly.
	 */
	private boolean autoStartup = true;

	/**
	 * AMPS server URIs such as tcp://user:password@host:9007/amps/json: one, or several as a
	 * comma-separated string or a list. Several mean failover, tried in the order given.
	 */
	private List<String> uri = new ArrayList<>();

	/**
	 * Name the client logs on with. AMPS refuses two connections with one name. By default it
	 * is derived from spring.application.name and made unique per process; set it explicitly
	 * when a publish store must survive a restart.
	 */
	private String clientName;

	/**
	 * Maximum time for the first connection and logon at startup, across every server and
	 * retry. Also bounds each logon. Startup fails when it is exceeded.
	 */
	private Duration firstConnectTimeout = Duration.ofSeconds(30);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	public List<String> getUri() {
		return this.uri;
	}

	public void setUri(List<String> uri) {
		this.uri = uri;
	}

	public String getClientName() {
		return this.clientName;
	}

	public void setClientName(String clientName) {
		this.clientName = clientName;
	}

	public Duration getFirstConnectTimeout() {
		return this.firstConnectTimeout;
	}

	public void setFirstConnectTimeout(Duration firstConnectTimeout) {
		this.firstConnectTimeout = firstConnectTimeout;
	}

	@Override
	public String toString() {
		return "AmpsProperties{enabled=" + this.enabled + ", autoStartup=" + this.autoStartup + ", uri=" + AmpsUris.maskAll(this.uri) + ", clientName="
				+ this.clientName + ", firstConnectTimeout=" + this.firstConnectTimeout + "}";
	}

}
