package org.tasktracker.task;

import org.jspecify.annotations.Nullable;

/**
 * A validated JSON merge patch of a task: a field is changed only when the patch names
 * it.
 *
 * @param title the new title, or null to keep it
 * @param setsDescription whether the patch names {@code description} at all
 * @param description the new description (null clears it) when {@code setsDescription}
 * @param completed the new state, or null to keep it
 */
record TaskPatch(@Nullable String title, boolean setsDescription, @Nullable String description,
		@Nullable Boolean completed) {

	boolean isEmpty() {
		return this.title == null && !this.setsDescription && this.completed == null;
	}

}
