package org.tasktracker.task;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;
import org.tasktracker.web.EntityTags;

/** A project as sent on the wire, with the count of its open tasks. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Project")
record Project(@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1") long id,
		@Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = 100) String name,
		@Schema(requiredMode = RequiredMode.REQUIRED) boolean archived,
		@Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, pattern = "^#[0-9a-f]{6}$",
				description = "The project's colour as #rrggbb, or null for the default") @Nullable String color,
		@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0",
				description = "Tasks in the project not completed") @JsonProperty("open_tasks") long openTasks,
		@Schema(requiredMode = RequiredMode.REQUIRED) @JsonProperty("created_at") Instant createdAt,
		@Schema(requiredMode = RequiredMode.REQUIRED) @JsonProperty("updated_at") Instant updatedAt,
		@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", accessMode = Schema.AccessMode.READ_ONLY,
				description = "Grows with every change to the project's own fields (not with open_tasks); "
						+ "its ETag is this number in quotes") long version) {

	/** The project's ETag: its version, as a strong entity tag. */
	String etag() {
		return EntityTags.of(this.version);
	}

}
