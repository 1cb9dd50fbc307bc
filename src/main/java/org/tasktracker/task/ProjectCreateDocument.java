package org.tasktracker.task;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** {@code POST /projects}'s body, for the OpenAPI document only. */
@Schema(name = "ProjectCreate", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record ProjectCreateDocument(
		@Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = 100,
				description = "Trimmed; no control characters") String name,
		@Schema(nullable = true, pattern = "^#[0-9a-fA-F]{6}$",
				description = "The project's colour as #rrggbb (stored in lower case); null for the default") String color) {
}
