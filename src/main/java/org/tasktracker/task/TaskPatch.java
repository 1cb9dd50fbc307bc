package org.tasktracker.task;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A validated JSON merge patch of a task: a field is changed only when the patch names
 * it.
 *
 * @param title the new title, or null to keep it
 * @param setsDescription whether the patch names {@code description} at all
 * @param description the new description (null clears it) when {@code setsDescription}
 * @param completed the new state, or null to keep it
 * @param setsProject whether the patch names {@code project_id}
 * @param projectId the new project (null: the Inbox) when {@code setsProject}
 * @param labels the new labels, or null to keep them
 * @param priority the new priority, or null to keep it
 * @param setsDue whether the patch names {@code due}
 * @param due the new due date (null clears it) when {@code setsDue}
 */
record TaskPatch(@Nullable String title, boolean setsDescription, @Nullable String description,
		@Nullable Boolean completed, boolean setsProject, @Nullable Long projectId, @Nullable List<String> labels,
		@Nullable Integer priority, boolean setsDue, @Nullable Due due) {

	/** A patch of the v1 fields only. */
	TaskPatch(@Nullable String title, boolean setsDescription, @Nullable String description,
			@Nullable Boolean completed) {
		this(title, setsDescription, description, completed, false, null, null, null, false, null);
	}

	boolean isEmpty() {
		return this.title == null && !this.setsDescription && this.completed == null && !this.setsProject
				&& this.labels == null && this.priority == null && !this.setsDue;
	}

}
