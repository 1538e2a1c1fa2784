package org.ampsboot.autoconfigure;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Reflection hints for what the AMPS client loads by name: its transports (chosen by the URI
 * scheme, registered by class name in {@code TransportFactory}) and its protocols and message
 * types (registered by name in {@code ProtocolFactory}).
 */
class AmpsRuntimeHints implements RuntimeHintsRegistrar {

	static final String[] CLIENT_CLASSES_LOADED_BY_NAME = { "com.crankuptheamps.client.TCPTransport",
			"com.crankuptheamps.client.TCPSTransport", "com.crankuptheamps.client.TCPTransportImpl",
			"com.crankuptheamps.client.TCPSTransportImpl", "com.crankuptheamps.client.JSONProtocol",
			"com.crankuptheamps.client.JSONProtocolParser", "com.crankuptheamps.client.FIXProtocol",
			"com.crankuptheamps.client.FIXProtocolParser", "com.crankuptheamps.client.NVFIXProtocol",
			"com.crankuptheamps.client.NVFIXProtocolParser", "com.crankuptheamps.client.XMLProtocol",
			"com.crankuptheamps.client.XMLProtocolParser" };

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		for (String className : CLIENT_CLASSES_LOADED_BY_NAME) {
			hints.reflection()
				.registerType(TypeReference.of(className), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
						MemberCategory.INVOKE_PUBLIC_METHODS);
		}
	}

}
