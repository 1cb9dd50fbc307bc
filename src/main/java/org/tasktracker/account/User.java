package org.tasktracker.account;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/**
 * A user as sent on the wire. The password hash is no part of it: it is read only by the
 * password check ({@link UserRepository#findCredentials}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "User")
record User(@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1") long id,
		@Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[a-z0-9._-]{3,64}$") String username,
		@Schema(requiredMode = RequiredMode.REQUIRED, nullable = true,
				maxLength = 100) @JsonProperty("display_name") @Nullable String displayName,
		@Schema(requiredMode = RequiredMode.REQUIRED) boolean admin,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "IANA time zone name",
				example = "Europe/London") String timezone,
		@Schema(requiredMode = RequiredMode.REQUIRED) @JsonProperty("created_at") Instant createdAt) {

	Account account() {
		return new Account(this.id, this.username, this.admin);
	}

}
