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

	private final String refusal;

	Query(List<SowTopic> topics, ContentFilter filter, Set<String> sowKeys, List<SowQuery.OrderBy> orderBy, Long topN) {
		this.topics = topics;
		this.filter = filter;
		this.sowKeys = sowKeys;
		this.orderBy = orderBy;
		this.topN = topN;
		this.refusal = null;
	}

	private Query(String refusal) {
		this.topics = List.of();
		this.filter = null;
		this.sowKeys = null;
		this.orderBy = List.of();
		this.topN = null;
		this.refusal = refusal;
	}

	static Query refused(String reason) {
		return new Query(reason);
	}

	/** The failure reason of a query that cannot be answered, or {@code null} for a valid one. */
	public String refusal() {
		return this.refusal;
	}

}
