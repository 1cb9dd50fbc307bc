package org.tasktracker.ops;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * A health answer's shape, for the OpenAPI document only: {@link HealthController} writes
 * it as a map, status first.
 */
@Schema(name = "Health")
record HealthDocument(@Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {
		"UP", "DOWN" }) String status,
		@Schema(description = "What was checked (database, shutdown) and how it stood",
				example = "{\"database\": \"UP\"}") Map<String, String> checks){
}
