package org.ampsboot.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.ampsboot.test.engine.PublishHistory;
import org.ampsboot.test.wire.ServerLog;

/**
 * The servers that share one {@link PublishHistory}: one server alone, or a replicated group joined with
 * {@link AmpsTestServer#replicatePublishesWith(AmpsTestServer)}.
 */
final class ReplicaGroup {

	/** Guards joining groups: {@link #members} and every server's group field change only under it. */
	static final Object REPLICATION = new Object();

	final PublishHistory history = new PublishHistory();

	/** The servers of this group; guarded by {@link #REPLICATION}. */
	final List<AmpsTestServer> members = new ArrayList<>(2);

	/**
	 * Joins the groups of two servers into one whose history is the union of both (the higher number per name).
	 * @throws IllegalArgumentException if {@code other} is {@code server}
	 */
	static void join(AmpsTestServer server, AmpsTestServer other) {
		Objects.requireNonNull(other, "other");
		if (other == server) {
			throw new IllegalArgumentException("A server cannot replicate with itself");
		}
		synchronized (REPLICATION) {
			ReplicaGroup mine = server.replicas;
			ReplicaGroup theirs = other.replicas;
			if (mine != theirs) {
				mine.history.absorb(theirs.history);
				for (AmpsTestServer member : theirs.members) {
					member.replicas = mine;
					mine.members.add(member);
				}
				theirs.members.clear();
				ServerLog.LOG.debug("AMPS test server: {} now shares its publish history with {}", server,
						mine.members);
			}
		}
	}

}
