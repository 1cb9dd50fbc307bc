package org.tasktracker.account;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The shape of {@code POST /tokens}'s body, for the OpenAPI document only.
 */
@Schema(name = "TokenCreate", description = "Unknown fields are refused by name.",
		additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record TokenCreateDocument(
		@Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = 100,
				description = "Trimmed; no control characters") String name,
		@ArraySchema(minItems = 1, schema = @Schema(allowableValues = {
				"tasks:read", "tasks:write", "admin", "metrics" }),
				arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED,
						description = "admin and metrics only for admins; metrics reads /metrics and nothing else")) List<String> scopes,
		@Schema(minimum = "1", maximum = "365",
				defaultValue = "90") @JsonProperty("expires_in_days") Integer expiresInDays){
}
