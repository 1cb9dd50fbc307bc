package org.tasktracker.task;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A task as stored and as sent on the wire. Its timestamps are written as every
 * {@link Instant} of the API is: UTC with microseconds and a {@code Z} suffix.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Task(long id, String title, @Nullable String description, boolean completed,
		@JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt,
		@JsonProperty("completed_at") @Nullable Instant completedAt) {

}
