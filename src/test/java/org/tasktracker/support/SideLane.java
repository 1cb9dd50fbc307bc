package org.tasktracker.support;

/**
 * The suite's second lane. The browser classes run on it, one at a time, beside the other
 * classes, which run one at a time in the first: one class at a time left a quarter of
 * two cores idle (docs/testing.md, "Two lanes").
 * <p>
 * A browser class carries {@code @Execution(CONCURRENT)} and
 * {@code @ResourceLock(SideLane.RESOURCE)}. A class that must not share the machine with
 * the side lane is {@code @Isolated} instead, and runs after both lanes: one that times
 * the service against the contract's limits, those that count rows or statements across
 * every user (a change refused leaves every table as it was), and the one that reads
 * every statement of the run. Classes that count their own statements' index scans read
 * their transaction's counters, which the other lane does not move.
 */
public final class SideLane {

	/** The lock that keeps the side lane to one class at a time. */
	public static final String RESOURCE = "tasktracker.side-lane";

	private SideLane() {
	}

}
