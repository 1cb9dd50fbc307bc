package org.tasktracker.task;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A task as stored and as sent on the wire. Timestamps are written by
 * {@link TimestampSerializer}: UTC with microseconds and a {@code Z} suffix.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Task(long id, String title, @Nullable String description, boolean completed,
		@JsonProperty("created_at") @JsonSerialize(using = TimestampSerializer.class) Instant createdAt,
		@JsonProperty("updated_at") @JsonSerialize(using = TimestampSerializer.class) Instant updatedAt,
		@JsonProperty("completed_at") @JsonSerialize(using = TimestampSerializer.class) @Nullable Instant completedAt) {

}
