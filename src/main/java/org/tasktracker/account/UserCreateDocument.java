package org.tasktracker.account;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The shape of {@code POST /users}'s body, for the OpenAPI document only: the body itself
 * is checked by {@link AccountRequests}.
 */
@Schema(name = "UserCreate", description = "Unknown and read-only fields are refused by name.",
		additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record UserCreateDocument(
		@Schema(requiredMode = RequiredMode.REQUIRED, minLength = 3, maxLength = 64, pattern = "^[A-Za-z0-9._-]{3,64}$",
				description = "Sent in any case, stored lower-case; 'local' is reserved") String username,
		@Schema(requiredMode = RequiredMode.REQUIRED, minLength = 12, maxLength = 256, format = "password",
				description = "12-256 code points; write-only") String password,
		@Schema(nullable = true, maxLength = 100,
				description = "No control characters") @JsonProperty("display_name") String displayName,
		@Schema(description = "IANA time zone name", defaultValue = "UTC") String timezone,
		@Schema(description = "Only an admin may set it", defaultValue = "false") Boolean admin) {
}
