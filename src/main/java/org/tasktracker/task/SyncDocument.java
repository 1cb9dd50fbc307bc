package org.tasktracker.task;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * One page of {@code GET /sync}: tasks and projects in full, the ids of deleted ones, and
 * the token to send next.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "SyncPage")
record SyncDocument(
		@ArraySchema(arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED,
				description = "Tasks created or changed (all of them without since), by id")) List<Task> tasks,
		@ArraySchema(arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED,
				description = "Projects created or changed (all of them without since), by id")) List<Project> projects,
		@Schema(requiredMode = RequiredMode.REQUIRED) Deleted deleted,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "Opaque: send it as since to get the next page, or what changed after this one") String next,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "Whether more pages of this round follow: ask again at once with next") boolean more) {

	/**
	 * @param tasks the ids of deleted tasks
	 * @param projects the ids of deleted projects
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	@Schema(name = "SyncDeleted", description = "Deleted since the token (empty without since)")
	record Deleted(@ArraySchema(arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED)) List<Long> tasks,
			@ArraySchema(arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED)) List<Long> projects) {
	}

}
