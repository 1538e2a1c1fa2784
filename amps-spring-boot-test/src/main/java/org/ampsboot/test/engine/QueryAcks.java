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

	/** The closing acks of a query: the stats ack carries the number of matches and of records returned. */
	void after(int matches, int returned);

	/** The closing acks of a sow_delete: the stats ack carries the number of records deleted. */
	void afterDelete(int deleted);

}
