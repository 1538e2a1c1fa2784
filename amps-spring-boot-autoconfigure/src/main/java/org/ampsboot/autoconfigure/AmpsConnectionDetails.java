package org.ampsboot.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the auto-configured AMPS client connects. The default implementation reads
 * {@code amps.uri}; define a bean of this type (a test, a container, a service registry) to
 * supply the servers another way: the property-backed one then backs off.
 */
public interface AmpsConnectionDetails extends ConnectionDetails {

	/**
	 * The AMPS server URIs, for example {@code tcp://user:password@host:9007/amps/json}. Several
	 * URIs mean failover, tried in this order.
	 * @return the URIs, never {@code null}
	 */
	List<String> getUris();

}
