package org.tasktracker.account;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/**
 * A personal API token as listed: never its secret, which only {@link IssuedToken}
 * carries, once.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "ApiToken")
record ApiToken(@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1") long id,
		@Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = 100) String name,
		@ArraySchema(schema = @Schema(allowableValues = {
				"tasks:read", "tasks:write", "admin", "metrics" }),
				arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED)) List<String> scopes,
		@Schema(requiredMode = RequiredMode.REQUIRED) @JsonProperty("created_at") Instant createdAt,
		@Schema(requiredMode = RequiredMode.REQUIRED) @JsonProperty("expires_at") Instant expiresAt,
		@Schema(requiredMode = RequiredMode.REQUIRED, nullable = true,
				description = "Updated at most once a minute") @JsonProperty("last_used_at") @Nullable Instant lastUsedAt){

}
