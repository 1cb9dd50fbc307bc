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
 * @param setsRecurrence whether the patch names {@code recurrence}
 * @param recurrence the change of recurrence (null ends the series) when
 * {@code setsRecurrence}
 * @param setsParent whether the patch names {@code parent_id}
 * @param parentId the new parent (null: a root task) when {@code setsParent}
 * @param reminders the new reminders, or null to keep them
 */
record TaskPatch(@Nullable String title, boolean setsDescription, @Nullable String description,
		@Nullable Boolean completed, boolean setsProject, @Nullable Long projectId, @Nullable List<String> labels,
		@Nullable Integer priority, boolean setsDue, @Nullable Due due, boolean setsRecurrence,
		@Nullable RecurrenceChange recurrence, boolean setsParent, @Nullable Long parentId,
		@Nullable List<Reminder> reminders) {

	/** A patch of the v1 fields only. */
	TaskPatch(@Nullable String title, boolean setsDescription, @Nullable String description,
			@Nullable Boolean completed) {
		this(title, setsDescription, description, completed, false, null, null, null, false, null);
	}

	/** A patch of the v1 and v2 fields. */
	TaskPatch(@Nullable String title, boolean setsDescription, @Nullable String description,
			@Nullable Boolean completed, boolean setsProject, @Nullable Long projectId, @Nullable List<String> labels,
			@Nullable Integer priority, boolean setsDue, @Nullable Due due) {
		this(title, setsDescription, description, completed, setsProject, projectId, labels, priority, setsDue, due,
				false, null, false, null, null);
	}

	boolean isEmpty() {
		return this.title == null && !this.setsDescription && this.completed == null && !this.setsProject
				&& this.labels == null && this.priority == null && !this.setsDue && !this.setsRecurrence
				&& !this.setsParent && this.reminders == null;
	}

	/** The same patch with the labels spelled as the owner's. */
	TaskPatch withLabels(@Nullable List<String> spelled) {
		return new TaskPatch(this.title, this.setsDescription, this.description, this.completed, this.setsProject,
				this.projectId, spelled, this.priority, this.setsDue, this.due, this.setsRecurrence, this.recurrence,
				this.setsParent, this.parentId, this.reminders);
	}

	/** The same patch without its change of state, which is applied on its own. */
	TaskPatch withoutCompleted() {
		return new TaskPatch(this.title, this.setsDescription, this.description, null, this.setsProject, this.projectId,
				this.labels, this.priority, this.setsDue, this.due, this.setsRecurrence, this.recurrence,
				this.setsParent, this.parentId, this.reminders);
	}

	/** The same patch without the tree fields, which are applied on their own. */
	TaskPatch withoutTree() {
		return new TaskPatch(this.title, this.setsDescription, this.description, this.completed, false, null,
				this.labels, this.priority, this.setsDue, this.due, this.setsRecurrence, this.recurrence, false, null,
				this.reminders);
	}

	/**
	 * Whether the patch must run as several statements in a transaction: labels to spell,
	 * a tree to move, a change of state that may recur or reach subtasks.
	 */
	boolean needsTransaction() {
		return this.labels != null || this.setsParent || this.setsProject || this.completed != null;
	}

	/**
	 * {@code recurrence} as a merge patch names it: a member left out keeps the task's
	 * (RFC 7396), so a patch of the rule alone keeps what it counts from.
	 *
	 * @param rule the new rule, canonical, or null to keep the task's
	 * @param from {@code due} or {@code completion}, or null to keep the task's
	 * ({@code due} when it has no recurrence yet)
	 */
	record RecurrenceChange(@Nullable String rule, @Nullable String from) {
	}

}
