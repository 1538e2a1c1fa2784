package org.ampsboot.benchmarks;

/**
 * The work every handler in the suite does, raw or through the starter: count the call and keep a
 * reference to what it received (so that nothing can be optimised away). Identical on both sides of
 * every comparison, and deliberately tiny, so that a ratio shows the dispatch overhead, not the work.
 * <p>
 * Not thread-safe on purpose: the dispatch benchmarks call handlers from the benchmark thread only.
 */
public final class Work {

	private static long count;

	private static Object last;

	private Work() {
	}

	/** What a handler does with what it received. */
	public static void consume(Object received) {
		count++;
		last = received;
	}

	/** How many times {@link #consume(Object)} was called. */
	public static long count() {
		return count;
	}

	/** The last object received, or {@code null}. */
	public static Object last() {
		return last;
	}

}
