package org.ampsboot.test.engine;

import org.ampsboot.test.wire.Bookmarks;

/**
 * The publisher of seeded messages ({@link Engine#seed}): no connection, takes no deliveries.
 *
 * <p>Internal: not API.
 */
final class Seeder implements Subscriber {

	static final Subscriber INSTANCE = new Seeder();

	private final Subscriptions none = new Subscriptions();

	private Seeder() {
	}

	@Override
	public boolean takesDeliveries() {
		return false;
	}

	@Override
	public boolean isOpen() {
		return false;
	}

	@Override
	public String nameHash() {
		return Bookmarks.nameHash("AmpsTestServer.seed");
	}

	@Override
	public Subscriptions subscriptions() {
		return this.none;
	}

	@Override
	public void deliver(Subscriber origin, byte[] payload, int payloadOffset, int payloadLength, Object... header) {
	}

	@Override
	public void deliverHeader(Subscriber origin, Object... header) {
	}

	@Override
	public String toString() {
		return "AmpsTestServer.seed(...)";
	}

}
