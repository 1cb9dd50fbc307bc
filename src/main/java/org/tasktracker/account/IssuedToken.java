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
 * A token just created: {@link ApiToken}'s fields and the secret, which the service shows
 * this once and keeps only as a hash.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "IssuedToken")
record IssuedToken(@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1") long id,
		@Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = 100) String name,
		@ArraySchema(schema = @Schema(allowableValues = {
				"tasks:read", "tasks:write", "admin", "metrics" }),
				arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED)) List<String> scopes,
		@Schema(requiredMode = RequiredMode.REQUIRED) @JsonProperty("created_at") Instant createdAt,
		@Schema(requiredMode = RequiredMode.REQUIRED) @JsonProperty("expires_at") Instant expiresAt,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				nullable = true) @JsonProperty("last_used_at") @Nullable Instant lastUsedAt,
		@Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^tt_[0-9A-Za-z]{32,}$",
				description = "Send as Authorization: Bearer <token>; shown only here") String token){

	IssuedToken(ApiToken token, String secret) {
		this(token.id(), token.name(), token.scopes(), token.createdAt(), token.expiresAt(), token.lastUsedAt(),
				secret);
	}

	@Override
	public String toString() {
		return "IssuedToken[id=" + this.id + "]";
	}

}
