package org.tasktracker.task.published;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Everything a task holds that another way into the tasks writes, as a whole: what is
 * null or empty here is absent from the task. The rules are the API's ({@code POST
 * /tasks}).
 *
 * @param projectId null for the Inbox
 * @param priority 1 normal, 2 medium, 3 high, 4 urgent
 * @param dueDate an all-day due; at most one of it and {@code dueAt}
 * @param recurrenceRule an RRULE value of the part C subset, or null; when it is the
 * task's current rule, the task keeps what its next due counts from
 * @param parentId the task it is a subtask of, or null for a root task
 */
public record TaskFields(String title, @Nullable String description, boolean completed, @Nullable Long projectId,
		List<String> labels, int priority, @Nullable LocalDate dueDate, @Nullable Instant dueAt,
		@Nullable String recurrenceRule, @Nullable Long parentId, List<TaskView.Reminder> reminders) {
}
