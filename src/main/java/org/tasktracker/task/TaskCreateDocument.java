package org.tasktracker.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
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
				description = "At most 10,000 code points; no U+0000") String description,
		@Schema(nullable = true, minimum = "1",
				description = "One of your projects; null is the Inbox") @JsonProperty("project_id") Long projectId,
		@ArraySchema(maxItems = 20, schema = @Schema(minLength = 1, maxLength = 50,
				description = "Trimmed; no control characters, no comma; not . or ..; compared case-insensitively"),
				arraySchema = @Schema(description = "Duplicates collapsed, order kept")) java.util.List<String> labels,
		@Schema(minimum = "1", maximum = "4", defaultValue = "1",
				description = "1 normal, 2 medium, 3 high, 4 urgent") Integer priority,
		@Schema(nullable = true, implementation = Due.class) Due due,
		@Schema(nullable = true, implementation = Recurrence.class,
				description = "Needs a due; the series starts at it. Clearing the due clears the recurrence") Recurrence recurrence,
		@Schema(nullable = true, minimum = "1",
				description = "One of your tasks, at most 4 levels below a root task: this task becomes its subtask, "
						+ "in its project") @com.fasterxml.jackson.annotation.JsonProperty("parent_id") Long parentId,
		@io.swagger.v3.oas.annotations.media.ArraySchema(maxItems = 5,
				schema = @Schema(implementation = Reminder.class), arraySchema = @Schema(
						description = "A reminder before the due needs a due")) java.util.List<Reminder> reminders) {
}
