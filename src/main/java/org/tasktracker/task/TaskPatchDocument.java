package org.tasktracker.task;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The merge patch body's shape, for the OpenAPI document only: the body itself is checked
 * by {@link TaskRequests}.
 */
@Schema(name = "TaskPatch", description = "JSON merge patch: only the fields named change.",
		additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record TaskPatchDocument(
		@Schema(minLength = 1, maxLength = 200, description = "Trimmed; no control characters") String title,
		@Schema(nullable = true, maxLength = 10000, description = "null clears it") String description,
		Boolean completed) {
}
