package org.ampsboot.benchmarks;

/**
 * The payload type of the JSON-converted listener.
 */
public record Order(long id, String sym, String side, int qty, double px, String account) {

	/** The JSON payload used throughout the suite (85 bytes), one {@link Order}. */
	public static final String JSON = "{\"id\":12345,\"sym\":\"IBM\",\"side\":\"BUY\",\"qty\":100,\"px\":123.45,\"account\":\"ACC-000001\"}";

}
