package org.ampsboot.test;

import java.util.ArrayList;
import java.util.List;

import org.ampsboot.test.engine.PublishHistory;

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

}
