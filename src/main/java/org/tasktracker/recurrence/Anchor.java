package org.tasktracker.recurrence;

/**
 * What a recurring task's next due is counted from.
 */
public enum Anchor {

	/** The series runs from its start whenever the task is completed. */
	DUE,

	/** The series starts over on the day the task is completed ({@code every!}). */
	COMPLETION

}
