package org.tasktracker.task;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A validated request to create a task. Its JSON form identifies the request for
 * {@code Idempotency-Key}s, so every field the client sent is in it.
 *
 * @param title trimmed, 1 to 200 code points, no control characters
 * @param description up to 10,000 code points, or null
 * @param projectId one of the caller's projects (checked when written), or null
 * @param labels trimmed, each once whatever its case, in the order given
 * @param priority 1 to 4
 * @param due when it falls due, or null
 * @param recurrence how it repeats (checked: needs a due), or null
 * @param parentId the task it is a subtask of (checked when written), or null
 * @param reminders up to 5, checked
 * @param projectGiven whether the request named its project, if only as null (the Inbox):
 * a subtask's must then be its parent's
 */
record NewTask(String title, @Nullable String description, @JsonProperty("project_id") @Nullable Long projectId,
		List<String> labels, int priority, @Nullable Due due, @Nullable Recurrence recurrence,
		@JsonProperty("parent_id") @Nullable Long parentId, List<Reminder> reminders,
		@JsonProperty("project_given") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean projectGiven) {

	/** A task whose project is given when it has one. */
	NewTask(String title, @Nullable String description, @Nullable Long projectId, List<String> labels, int priority,
			@Nullable Due due, @Nullable Recurrence recurrence, @Nullable Long parentId, List<Reminder> reminders) {
		this(title, description, projectId, labels, priority, due, recurrence, parentId, reminders, projectId != null);
	}

	/** A task with the v1 fields only. */
	NewTask(String title, @Nullable String description) {
		this(title, description, null, List.of(), 1, null);
	}

	/** A task with the v1 and v2 fields. */
	NewTask(String title, @Nullable String description, @Nullable Long projectId, List<String> labels, int priority,
			@Nullable Due due) {
		this(title, description, projectId, labels, priority, due, null, null, List.of());
	}

	/**
	 * Whether creating it needs more than one statement: labels to look up, a project or
	 * a parent to check; and the fields the gathered statement does not write.
	 */
	boolean organised() {
		return this.projectId != null || !this.labels.isEmpty() || this.parentId != null || this.recurrence != null
				|| !this.reminders.isEmpty();
	}

	/** The same request with the labels spelled as the owner's. */
	NewTask withLabels(List<String> spelled) {
		return new NewTask(this.title, this.description, this.projectId, spelled, this.priority, this.due,
				this.recurrence, this.parentId, this.reminders, this.projectGiven);
	}

	/** The same request in the given project (its parent's). */
	NewTask inProject(@Nullable Long project) {
		return new NewTask(this.title, this.description, project, this.labels, this.priority, this.due, this.recurrence,
				this.parentId, this.reminders, this.projectGiven);
	}

}
