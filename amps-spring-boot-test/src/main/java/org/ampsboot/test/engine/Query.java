package org.ampsboot.test.engine;

import java.util.List;
import java.util.Set;

import org.ampsboot.test.engine.filter.ContentFilter;

/**
 * What a {@code sow} or {@code sow_and_subscribe} asks for, validated by {@link Engine#prepareQuery}, or the
 * reason it was refused.
 *
 * <p>Internal: not API.
 */
public final class Query {

	final List<SowTopic> topics;

	final ContentFilter filter;

	final Set<String> sowKeys;

	final List<SowQuery.OrderBy> orderBy;

	final Long topN;

	final long skipN;

	final SelectList select;

	final boolean noSowKey;

	/** Which of {@code top_n}, {@code skip_n}, {@code orderby} it has. */
	final Set<String> shape;

	/** A historical query: the records as of this time ({@code Long.MIN_VALUE}: as of {@link #asOfSequence}). */
	long asOfMillis = Long.MIN_VALUE;

	/** A historical query by bookmark: the records as of this bookmark sequence. */
	long asOfSequence = Long.MIN_VALUE;

	/** Whether it is a historical query. */
	boolean isHistorical() {
		return this.asOfMillis != Long.MIN_VALUE || this.asOfSequence != Long.MIN_VALUE;
	}

	private final String refusal;

	private final boolean notSupported;

	Query(List<SowTopic> topics, ContentFilter filter, Set<String> sowKeys, List<SowQuery.OrderBy> orderBy, Long topN,
			long skipN, SelectList select, boolean noSowKey, Set<String> shape) {
		this.topics = topics;
		this.filter = filter;
		this.sowKeys = sowKeys;
		this.orderBy = orderBy;
		this.topN = topN;
		this.skipN = skipN;
		this.select = select;
		this.noSowKey = noSowKey;
		this.shape = shape;
		this.refusal = null;
		this.notSupported = false;
	}

	private Query(String refusal, boolean notSupported) {
		this.topics = List.of();
		this.filter = null;
		this.sowKeys = null;
		this.orderBy = List.of();
		this.topN = null;
		this.skipN = 0;
		this.select = null;
		this.noSowKey = false;
		this.shape = Set.of();
		this.refusal = refusal;
		this.notSupported = notSupported;
	}

	/** A query AMPS answers with a failure ack with this reason. */
	static Query refused(String reason) {
		return new Query(reason, false);
	}

	/** A query the test server does not implement: {@code what} is for the loud refusal. */
	static Query notSupported(String what) {
		return new Query(what, true);
	}

	/**
	 * The failure reason of a query that cannot be answered, or {@code null} for a valid one; when
	 * {@link #notSupported()}, what the test server does not implement.
	 */
	public String refusal() {
		return this.refusal;
	}

	/** Whether {@link #refusal()} names something the test server does not implement (a loud refusal). */
	public boolean notSupported() {
		return this.notSupported;
	}

}
