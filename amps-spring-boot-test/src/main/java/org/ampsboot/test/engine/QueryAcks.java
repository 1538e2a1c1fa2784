package org.ampsboot.test.engine;

/**
 * The acks of one query, delete or queue acknowledgement, around its results, sent by the command layer:
 * {@code received}, {@code processed} (and any other type) before, {@code completed} and {@code stats} after.
 *
 * <p>Internal: not API.
 */
public interface QueryAcks {

	/** The opening acks. */
	void before();

	/**
	 * The closing acks of a query: the stats ack carries the number of records compared ({@code topic_matches}),
	 * of matches and of records returned.
	 */
	void after(int compared, int matches, int returned);

	/**
	 * The closing acks of a sow_delete: the stats ack carries the number of records compared
	 * ({@code topic_matches}) and of records deleted.
	 */
	void afterDelete(int compared, int deleted);

	/** The closing acks of a delete where every record compared was deleted. */
	default void afterDelete(int deleted) {
		afterDelete(deleted, deleted);
	}

}
