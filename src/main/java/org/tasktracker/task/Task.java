package org.tasktracker.task;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A task as stored and as sent on the wire. Timestamps are written in UTC with
 * microseconds and a {@code Z} suffix, the precision PostgreSQL keeps.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Task(long id, String title, @Nullable String description, boolean completed,
		@JsonProperty("created_at") @JsonFormat(pattern = Task.TIMESTAMP, timezone = "UTC") Instant createdAt,
		@JsonProperty("updated_at") @JsonFormat(pattern = Task.TIMESTAMP, timezone = "UTC") Instant updatedAt,
		@JsonProperty("completed_at") @JsonFormat(pattern = Task.TIMESTAMP,
				timezone = "UTC") @Nullable Instant completedAt) {

	static final String TIMESTAMP = "uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'";

}
