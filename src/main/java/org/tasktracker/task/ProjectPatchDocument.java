package org.tasktracker.task;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code PATCH /projects/{id}}'s body, for the OpenAPI document only. */
@Schema(name = "ProjectPatch", description = "JSON merge patch: only the fields named change.",
		additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record ProjectPatchDocument(
		@Schema(minLength = 1, maxLength = 100, description = "Trimmed; no control characters") String name,
		Boolean archived, @Schema(nullable = true, pattern = "^#[0-9a-fA-F]{6}$",
				description = "The project's colour as #rrggbb (stored in lower case); null for the default") String color) {
}
