package org.tasktracker.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs the class on the suite's second lane. The browser classes run there, one at a
 * time, beside the other classes, which run one at a time in the first: one class at a
 * time left a quarter of two cores idle (docs/testing.md, "Two lanes"). So does the
 * module check, which needs no database, to even out the two lanes' lengths.
 * <p>
 * A class that must not share the machine with the side lane is {@code @Isolated}
 * instead, and runs after both lanes: one that times the service against the contract's
 * limits, those that count rows or statements across every user (a change refused leaves
 * every table as it was), and the one that reads every statement of the run. Classes that
 * count their own statements' index scans read their transaction's counters, which the
 * other lane does not move.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(SideLane.RESOURCE)
public @interface SideLane {

	/** The lock that keeps the side lane to one class at a time. */
	String RESOURCE = "tasktracker.side-lane";

}
