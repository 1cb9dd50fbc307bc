package org.tasktracker.task;

import org.jspecify.annotations.Nullable;

/**
 * Takes one page of a listing task by task, as the rows arrive from the database, so that
 * a page is never held whole in memory: {@link #begin}, {@link #add} per task, then
 * {@link #end}. A read that failed and is tried again begins again.
 */
interface TaskPageSink {

	/**
	 * Called before the first task, or alone for an empty page; called again when the
	 * read is tried again, which starts the page anew.
	 */
	void begin();

	/**
	 * For an order other than by id, called before {@link #begin}: the sort key of the
	 * page's last task when another page follows (null for a task without a due date).
	 */
	default void nextKey(@Nullable Long key) {
	}

	/**
	 * For {@code sort=position}, called before {@link #begin}: the position of the page's
	 * last task when another page follows.
	 */
	default void nextPosition(@Nullable String position) {
	}

	void add(Task task);

	/**
	 * Called after the last task of a page read in full.
	 * @param nextAfter the {@code after} cursor of the next page, or null when this page
	 * is the last
	 */
	void end(@Nullable Long nextAfter);

}
