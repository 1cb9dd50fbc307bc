package org.tasktracker.account;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;

/**
 * How {@link UserController}'s operations appear in the OpenAPI document. The refusals
 * every protected operation shares (401, 403, 429) are added by {@link OpenApiSecurity}.
 */
@Tag(name = "users")
interface UserApi {

	@Operation(operationId = "createUser", summary = "Create a user",
			description = "Admins only, unless REGISTRATION=open: then anyone may create a user who is not an admin, "
					+ "up to REGISTRATION_LIMIT an hour from one address (then 429). Only an admin acting with the admin "
					+ "scope may create an admin. A taken username is a 409.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = UserCreateDocument.class)))
	@ApiResponse(responseCode = "201", description = "The user",
			headers = @Header(name = "Location", required = true, description = "/users/{id} of the user",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = User.class)))
	@ApiResponse(responseCode = "409", description = "The username is taken",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(ref = "#/components/schemas/Problem")))
	ResponseEntity<User> create(@Parameter(hidden = true) SecurityContext caller,
			@Parameter(hidden = true) JsonNode body, @Parameter(hidden = true) HttpServletRequest request);

	@Operation(operationId = "listUsers", summary = "List users, by id (admins only)")
	@ApiResponse(responseCode = "200", description = "Every user",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = User.class))))
	List<User> list();

	@Operation(operationId = "getMe", summary = "The user the request acts as")
	@ApiResponse(responseCode = "200", description = "The user",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = User.class)))
	User me(@Parameter(hidden = true) Account caller);

	@Operation(operationId = "updateMe", summary = "Change one's own user (JSON merge patch)",
			description = "display_name, timezone and password; a new password needs current_password in the same "
					+ "body. The local user has no password.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = {
					@Content(mediaType = "application/merge-patch+json",
							schema = @Schema(implementation = UserPatchDocument.class)),
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = UserPatchDocument.class)) })
	@ApiResponse(responseCode = "200", description = "The user as changed",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = User.class)))
	User updateMe(@Parameter(hidden = true) Account caller, @Parameter(hidden = true) JsonNode body,
			@Parameter(hidden = true) HttpServletRequest request);

	@Operation(operationId = "deleteUser", summary = "Delete a user and all it owns (admins only)",
			description = "The local user and oneself cannot be deleted (409).")
	@ApiResponse(responseCode = "204", description = "Deleted; no body")
	@ApiResponse(responseCode = "409", description = "The local user, or oneself",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(ref = "#/components/schemas/Problem")))
	ResponseEntity<Void> delete(@Parameter(hidden = true) Account caller,
			@Parameter(name = "id", in = ParameterIn.PATH, required = true, description = "The user's id",
					schema = @Schema(type = "integer", format = "int64", minimum = "1")) String id);

}
