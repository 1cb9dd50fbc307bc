package org.tasktracker.task.published;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Changes to the tasks and projects of one owner, for the modules that are other ways
 * into them (CalDAV). Each runs under the API's rules: the same validation, the same
 * transactions, versions and tombstones, so that the change feed and the API see a change
 * made here as one made there. Every statement is scoped to the owner.
 */
public interface TaskWrites {

	/**
	 * Creates a task in {@code fields.projectId()} (the Inbox when null); completed at
	 * once when {@code fields.completed()}.
	 * @throws WriteRefusedException when a field breaks the API's rules
	 */
	TaskView create(long ownerId, TaskFields fields);

	/**
	 * Makes the task hold {@code fields}, changing only what differs: a recurring task
	 * marked completed completes its current occurrence (its due moves on, contract part
	 * C); a task whose fields are all as they were gets a new version anyway, since what
	 * the caller keeps beside it changed.
	 * @param ifVersion the version the caller saw, or null to change it whatever it is
	 * @return empty when the owner has no such task
	 * @throws WriteRefusedException when a field breaks the API's rules, or the task is
	 * not at {@code ifVersion}
	 */
	Optional<TaskView> replace(long ownerId, long taskId, TaskFields fields, @Nullable Long ifVersion);

	/**
	 * Makes the task a subtask of {@code parentId}, in the parent's project.
	 * @return false when either is not the owner's, or the tree would break a rule (too
	 * deep, a cycle); nothing changes then
	 */
	boolean link(long ownerId, long taskId, long parentId);

	/**
	 * Places the task (with its subtasks) right after a sibling in manual order, or first
	 * when {@code after} is null, in its own project and parent.
	 * @return the task as it then is; empty when the owner has no such task
	 * @throws WriteRefusedException when {@code after} is not a sibling
	 */
	Optional<TaskView> placeAfter(long ownerId, long taskId, @Nullable Long after);

	/**
	 * Deletes the task with its subtasks, leaving tombstones for the change feed.
	 * @param ifVersion the version the caller saw, or null
	 * @return false when the owner has no such task
	 * @throws WriteRefusedException when the task is not at {@code ifVersion}
	 */
	boolean delete(long ownerId, long taskId, @Nullable Long ifVersion);

	/**
	 * Creates a project.
	 * @param color {@code #rrggbb}, or null
	 * @throws WriteRefusedException when the name is blank, too long or taken, or the
	 * colour is not one
	 */
	CalendarView createProject(long ownerId, String name, @Nullable String color);

	/**
	 * Renames or recolours a project; a null {@code name} keeps it, and the colour
	 * changes only when {@code setColor}.
	 * @return empty when the owner has no such project
	 * @throws WriteRefusedException as {@link #createProject} does
	 */
	Optional<CalendarView> changeProject(long ownerId, long projectId, @Nullable String name, boolean setColor,
			@Nullable String color);

	/**
	 * Deletes a project with its tasks, leaving tombstones for the change feed.
	 * @return false when the owner has no such project
	 */
	boolean deleteProject(long ownerId, long projectId);

	/** A write the API's rules refuse; nothing was changed. */
	final class WriteRefusedException extends RuntimeException {

		private final Reason reason;

		public WriteRefusedException(Reason reason, String message) {
			super(message, null, false, false);
			this.reason = reason;
		}

		public Reason reason() {
			return this.reason;
		}

		/** Why a write was refused. */
		public enum Reason {

			/** A field breaks a rule; the message names it. */
			INVALID,

			/** The task is not at the version the caller saw. */
			STALE,

			/** The owner has a project of that name. */
			NAME_TAKEN

		}

	}

}
