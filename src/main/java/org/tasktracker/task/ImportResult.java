package org.tasktracker.task;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * What an import created: counts, and the new id of each project and task by its id in
 * the document (for a CSV, by its row number).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "ImportResult")
record ImportResult(@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0") int projects,
		@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0") int tasks,
		@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0") int completions,
		@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0",
				description = "Labels the document used, each once whatever its case") int labels,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "The new id of each project, by its id in the document") @JsonProperty("project_ids") Map<Long, Long> projectIds,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "The new id of each task, by its id in the document (for a CSV, its row number)") @JsonProperty("task_ids") Map<Long, Long> taskIds) {
}
