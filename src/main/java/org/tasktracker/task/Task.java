package org.tasktracker.task;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/**
 * A task as stored and as sent on the wire. Its timestamps are written as every
 * {@link Instant} of the API is: UTC with microseconds and a {@code Z} suffix. Every
 * field is always present; the schema says which may be null.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Task")
record Task(@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", description = "Never reused") long id,
		@Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = 200) String title,
		@Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, maxLength = 10000) @Nullable String description,
		@Schema(requiredMode = RequiredMode.REQUIRED) boolean completed,
		@Schema(requiredMode = RequiredMode.REQUIRED) @JsonProperty("created_at") Instant createdAt,
		@Schema(requiredMode = RequiredMode.REQUIRED) @JsonProperty("updated_at") Instant updatedAt,
		@Schema(requiredMode = RequiredMode.REQUIRED, nullable = true,
				description = "Set when the task is first completed; null while it is open") @JsonProperty("completed_at") @Nullable Instant completedAt) {

}
