package org.tasktracker.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /tasks/{id}/move} as the OpenAPI document shows it; requests
 * are read and checked by {@link TaskRequests#move}.
 */
@Schema(name = "TaskMove", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record TaskMoveDocument(@Schema(nullable = true, minimum = "1",
		description = "The project to move into (null: the Inbox); left out, the task's own") @JsonProperty("project_id") Long projectId,
		@Schema(nullable = true, minimum = "1",
				description = "The parent to move under (null: a root task); left out, the task's own") @JsonProperty("parent_id") Long parentId,
		@Schema(nullable = true, minimum = "1",
				description = "The sibling to follow (null: first); left out, the task goes last") Long after) {
}
