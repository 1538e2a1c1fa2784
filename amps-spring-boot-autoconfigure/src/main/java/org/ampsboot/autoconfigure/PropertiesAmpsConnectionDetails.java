package org.ampsboot.autoconfigure;

import java.util.List;

import org.ampsboot.autoconfigure.client.AmpsUris;

/**
 * {@link AmpsConnectionDetails} backed by {@code amps.uri}.
 */
final class PropertiesAmpsConnectionDetails implements AmpsConnectionDetails {

	private final AmpsProperties properties;

	PropertiesAmpsConnectionDetails(AmpsProperties properties) {
		this.properties = properties;
	}

	@Override
	public List<String> getUris() {
		return List.copyOf(this.properties.getUri());
	}

	@Override
	public String toString() {
		return "PropertiesAmpsConnectionDetails" + AmpsUris.maskAll(this.properties.getUri());
	}

}
