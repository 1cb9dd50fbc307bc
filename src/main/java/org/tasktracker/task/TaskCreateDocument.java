package org.tasktracker.task;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The create body's shape, for the OpenAPI document only: the body itself is checked by
 * {@link TaskRequests}, which keeps JSON types strict.
 */
@Schema(name = "TaskCreate", description = "Unknown and read-only fields are refused by name.",
		additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record TaskCreateDocument(
		@Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = 200,
				description = "Trimmed; 1-200 code points; no control characters") String title,
		@Schema(nullable = true, maxLength = 10000,
				description = "At most 10,000 code points; no U+0000") String description) {
}
