package org.tasktracker.task;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** {@code PATCH /labels/{name}}'s body, for the OpenAPI document only. */
@Schema(name = "LabelPatch", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record LabelPatchDocument(@Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = 50,
		description = "Trimmed; no control characters, no comma; not . or .., which no path can name") String name) {
}
