package org.tasktracker.account;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of {@code PATCH /users/me}'s body, for the OpenAPI document only.
 */
@Schema(name = "UserPatch", description = "JSON merge patch; unknown fields are refused by name.",
		additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record UserPatchDocument(
		@Schema(nullable = true, maxLength = 100,
				description = "null clears it") @JsonProperty("display_name") String displayName,
		@Schema(description = "IANA time zone name") String timezone,
		@Schema(minLength = 12, maxLength = 256, format = "password",
				description = "Needs current_password") String password,
		@Schema(format = "password",
				description = "Required with password") @JsonProperty("current_password") String currentPassword) {
}
