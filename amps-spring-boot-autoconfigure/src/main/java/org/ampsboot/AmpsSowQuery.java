package org.ampsboot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.crankuptheamps.client.Command;

/**
 * A State of the World query for {@link AmpsTemplate#sow(AmpsSowQuery, Class)} and
 * {@link AmpsTemplate#sowStream(AmpsSowQuery, Class)}: the topic and, optionally, a content
 * filter, an order, a page ({@code top_n}, {@code skip_n}), the batch size AMPS sends records in,
 * and a point in time for a historical query. Immutable: each method returns a new query.
 * <pre class="code">
 * AmpsSowQuery page = AmpsSowQuery.of("orders")
 *     .filter("/status = 'OPEN'")
 *     .orderBy("/price DESC")
 *     .topN(20)
 *     .skipN(40);
 * List&lt;Order&gt; orders = template.sow(page, Order.class);
 * </pre>
 * The values are checked here (a count below its minimum, {@code skip_n} without {@code top_n});
 * what AMPS checks itself (the filter, the order's fields, whether the topic keeps history) it
 * refuses with a reason, which the template throws as {@link AmpsOperationException}.
 */
public final class AmpsSowQuery {

	private final String topic;

	private final String filter;

	private final String orderBy;

	private final int topN;

	private final int skipN;

	private final int batchSize;

	private final String bookmark;

	private AmpsSowQuery(String topic, String filter, String orderBy, int topN, int skipN, int batchSize,
			String bookmark) {
		this.topic = topic;
		this.filter = filter;
		this.orderBy = orderBy;
		this.topN = topN;
		this.skipN = skipN;
		this.batchSize = batchSize;
		this.bookmark = bookmark;
	}

	/**
	 * A query of every record of a topic.
	 * @param topic the topic (a SOW topic, or a regular expression over SOW topics)
	 * @return the query
	 * @throws IllegalArgumentException if the topic is empty
	 */
	public static AmpsSowQuery of(String topic) {
		if (topic == null || topic.isBlank()) {
			throw new IllegalArgumentException("AmpsSowQuery needs a topic");
		}
		return new AmpsSowQuery(topic, null, null, 0, 0, 0, null);
	}

	/** A query of a topic as given, for the template's older methods, which leave its check to AMPS. */
	static AmpsSowQuery unchecked(String topic) {
		return new AmpsSowQuery(topic, null, null, 0, 0, 0, null);
	}

	/**
	 * Only the records that match a content filter.
	 * @param filter the filter, such as {@code /qty > 10}; {@code null} or empty for every record
	 * @return the new query
	 */
	public AmpsSowQuery filter(String filter) {
		return new AmpsSowQuery(this.topic, emptyToNull(filter), this.orderBy, this.topN, this.skipN, this.batchSize,
				this.bookmark);
	}

	/**
	 * The order AMPS returns the records in ({@code orderby}); without one AMPS documents no order.
	 * @param orderBy fields with an optional direction, such as {@code /price DESC, /id}
	 * @return the new query
	 */
	public AmpsSowQuery orderBy(String orderBy) {
		return new AmpsSowQuery(this.topic, this.filter, emptyToNull(orderBy), this.topN, this.skipN, this.batchSize,
				this.bookmark);
	}

	/**
	 * At most this many records ({@code top_n}), after the order and the skip.
	 * @param topN the number of records, at least 1
	 * @return the new query
	 * @throws IllegalArgumentException if {@code topN} is below 1
	 */
	public AmpsSowQuery topN(int topN) {
		if (topN < 1) {
			throw new IllegalArgumentException("AmpsSowQuery topN must be at least 1, was " + topN);
		}
		return new AmpsSowQuery(this.topic, this.filter, this.orderBy, topN, this.skipN, this.batchSize,
				this.bookmark);
	}

	/**
	 * Skip this many records first ({@code skip_n}), for pages of a result: AMPS requires
	 * {@link #topN(int)} with it (checked when the query is sent).
	 * @param skipN the number of records to skip, at least 0
	 * @return the new query
	 * @throws IllegalArgumentException if {@code skipN} is negative
	 */
	public AmpsSowQuery skipN(int skipN) {
		if (skipN < 0) {
			throw new IllegalArgumentException("AmpsSowQuery skipN must not be negative, was " + skipN);
		}
		return new AmpsSowQuery(this.topic, this.filter, this.orderBy, this.topN, skipN, this.batchSize,
				this.bookmark);
	}

	/**
	 * How many records AMPS puts in one message to the client ({@code BatchSize}); larger batches
	 * mean fewer messages for large results. The records are read one by one either way.
	 * @param batchSize the batch size, at least 1
	 * @return the new query
	 * @throws IllegalArgumentException if {@code batchSize} is below 1
	 */
	public AmpsSowQuery batchSize(int batchSize) {
		if (batchSize < 1) {
			throw new IllegalArgumentException("AmpsSowQuery batchSize must be at least 1, was " + batchSize);
		}
		return new AmpsSowQuery(this.topic, this.filter, this.orderBy, this.topN, this.skipN, batchSize,
				this.bookmark);
	}

	/**
	 * A historical query: the records as they were at a point in time. AMPS answers it only for a
	 * topic configured with {@code History} in its SOW definition (User Guide, "Historical SOW
	 * Topic Queries"); otherwise it refuses the query. The test server answers it for topics declared
	 * with {@code sowHistory}.
	 * @param bookmark a bookmark, or a timestamp such as {@code 20261201T120000}
	 * @return the new query
	 */
	public AmpsSowQuery asOf(String bookmark) {
		return new AmpsSowQuery(this.topic, this.filter, this.orderBy, this.topN, this.skipN, this.batchSize,
				emptyToNull(bookmark));
	}

	/**
	 * The topic.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

	/**
	 * The content filter.
	 * @return the filter, or {@code null} for every record
	 */
	public String getFilter() {
		return this.filter;
	}

	/**
	 * The order.
	 * @return the {@code orderby} value, or {@code null}
	 */
	public String getOrderBy() {
		return this.orderBy;
	}

	/**
	 * The page size.
	 * @return {@code top_n}, or 0 for no limit
	 */
	public int getTopN() {
		return this.topN;
	}

	/**
	 * The records skipped.
	 * @return {@code skip_n}, 0 for none
	 */
	public int getSkipN() {
		return this.skipN;
	}

	/**
	 * The batch size.
	 * @return the batch size, or 0 for the client's default
	 */
	public int getBatchSize() {
		return this.batchSize;
	}

	/**
	 * The point in time of a historical query.
	 * @return the bookmark or timestamp, or {@code null} for the current state
	 */
	public String getAsOf() {
		return this.bookmark;
	}

	/** The {@code sow} command; {@code skip_n} without {@code top_n} is refused here. */
	Command command() {
		if (this.skipN > 0 && this.topN == 0) {
			throw new IllegalArgumentException("AmpsSowQuery on '" + this.topic + "': skipN(" + this.skipN
					+ ") needs topN(...) as well (AMPS pages a result with top_n and skip_n together)");
		}
		Command command = new Command("sow").setTopic(this.topic);
		if (this.filter != null) {
			command.setFilter(this.filter);
		}
		if (this.orderBy != null) {
			command.setOrderBy(this.orderBy);
		}
		if (this.topN > 0) {
			command.setTopN(this.topN);
		}
		if (this.skipN > 0) {
			command.setOptions("skip_n=" + this.skipN);
		}
		if (this.batchSize > 0) {
			command.setBatchSize(this.batchSize);
		}
		if (this.bookmark != null) {
			command.setBookmark(this.bookmark);
		}
		return command;
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof AmpsSowQuery query) && this.topic.equals(query.topic)
				&& Objects.equals(this.filter, query.filter) && Objects.equals(this.orderBy, query.orderBy)
				&& this.topN == query.topN && this.skipN == query.skipN && this.batchSize == query.batchSize
				&& Objects.equals(this.bookmark, query.bookmark);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.topic, this.filter, this.orderBy, this.topN, this.skipN, this.batchSize,
				this.bookmark);
	}

	@Override
	public String toString() {
		List<String> parts = new ArrayList<>();
		parts.add("topic=" + this.topic);
		if (this.filter != null) {
			parts.add("filter=" + this.filter);
		}
		if (this.orderBy != null) {
			parts.add("orderBy=" + this.orderBy);
		}
		if (this.topN > 0) {
			parts.add("topN=" + this.topN);
		}
		if (this.skipN > 0) {
			parts.add("skipN=" + this.skipN);
		}
		if (this.batchSize > 0) {
			parts.add("batchSize=" + this.batchSize);
		}
		if (this.bookmark != null) {
			parts.add("asOf=" + this.bookmark);
		}
		return "AmpsSowQuery[" + String.join(", ", parts) + "]";
	}

}
