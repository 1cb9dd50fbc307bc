package org.tasktracker.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** A label with the count of the tasks that carry it. */
@Schema(name = "Label")
record Label(
		@Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = 50,
				description = "Spelled as the user first used it, or last renamed it") String name,
		@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0") @JsonProperty("open_tasks") long openTasks,
		@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1") long tasks) {
}
