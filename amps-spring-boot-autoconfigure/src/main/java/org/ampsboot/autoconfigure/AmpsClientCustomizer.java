package org.ampsboot.autoconfigure;

import com.crankuptheamps.client.HAClient;

/**
 * Callback to change the auto-configured {@link HAClient} before it connects. Every bean of this
 * type is applied, in {@link org.springframework.core.annotation.Order @Order} order, after the
 * starter has applied the {@code amps.*} properties and the handler beans, so a customizer has
 * the last word.
 */
@FunctionalInterface
public interface AmpsClientCustomizer {

	/**
	 * Customize the client; it is not connected yet.
	 * @param client the client to customize
	 */
	void customize(HAClient client);

}
