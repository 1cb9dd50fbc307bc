package org.tasktracker.task.published;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A task as the task feature publishes it to other modules: its fields as the API answers
 * them, in Java's types.
 *
 * @param priority 1 normal, 2 medium, 3 high, 4 urgent
 * @param dueDate the all-day due date, in the owner's time zone; null when the due is
 * timed or absent
 * @param dueAt the timed due; null when the due is a date or absent
 * @param recurrenceRule the RFC 5545 RRULE value of the part C subset, in the service's
 * canonical form; null for a task that does not repeat
 * @param recurrenceFromCompletion whether the next due counts from the completion rather
 * than from the due
 * @param position the opaque key of manual order among its siblings
 * @param sortOrder a number that orders siblings as their positions do (ties are possible
 * where many moves crowd one gap; then the id orders them), depending on this task's
 * position only
 * @param version grows with every change to the task
 */
public record TaskView(long id, String title, @Nullable String description, boolean completed, Instant createdAt,
		Instant updatedAt, @Nullable Instant completedAt, @Nullable Long projectId, List<String> labels, int priority,
		@Nullable LocalDate dueDate, @Nullable Instant dueAt, @Nullable String recurrenceRule,
		boolean recurrenceFromCompletion, @Nullable Long parentId, String position, long sortOrder,
		List<Reminder> reminders, long version) {

	/**
	 * A reminder: exactly one of a duration before the due and an instant.
	 */
	public record Reminder(@Nullable Duration before, @Nullable Instant at) {
	}

}
