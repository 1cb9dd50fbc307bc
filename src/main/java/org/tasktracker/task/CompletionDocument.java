package org.tasktracker.task;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * One completed occurrence of a recurring task, as {@code GET /tasks/{id}/completions}
 * sends it.
 *
 * @param id the completion's id
 * @param due the due the occurrence had
 * @param completedAt when it was completed
 */
@Schema(name = "Completion")
record CompletionDocument(@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1") long id,
		@Schema(requiredMode = RequiredMode.REQUIRED, nullable = true,
				description = "Always present: the Due schema is shared with tasks, whose due may be null") Due due,
		@Schema(requiredMode = RequiredMode.REQUIRED) @JsonProperty("completed_at") Instant completedAt) {

	static CompletionDocument of(CompletionRepository.Completion completion) {
		return new CompletionDocument(completion.id(), completion.due(), completion.completedAt());
	}

}
