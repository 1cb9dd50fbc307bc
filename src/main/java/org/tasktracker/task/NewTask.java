package org.tasktracker.task;

import java.util.List;

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
 */
record NewTask(String title, @Nullable String description, @JsonProperty("project_id") @Nullable Long projectId,
		List<String> labels, int priority, @Nullable Due due) {

	/** A task with the v1 fields only. */
	NewTask(String title, @Nullable String description) {
		this(title, description, null, List.of(), 1, null);
	}

	/**
	 * Whether creating it needs more than one statement: labels to look up, a project.
	 */
	boolean organised() {
		return this.projectId != null || !this.labels.isEmpty();
	}

}
