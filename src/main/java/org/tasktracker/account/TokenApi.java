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
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** How {@link TokenController}'s operations appear in the OpenAPI document. */
@Tag(name = "tokens")
interface TokenApi {

	@Operation(operationId = "createToken", summary = "Create a personal API token",
			description = "Needs the user's password as HTTP Basic (or the local user): a bearer token cannot create "
					+ "tokens (403). The secret is in this response only.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = TokenCreateDocument.class)))
	@ApiResponse(responseCode = "201", description = "The token, with its secret",
			headers = @Header(name = "Location", required = true, description = "/tokens/{id} of the token",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = IssuedToken.class)))
	ResponseEntity<IssuedToken> create(@Parameter(hidden = true) Account caller,
			@Parameter(hidden = true) JsonNode body);

	@Operation(operationId = "listTokens", summary = "List one's own tokens, without their secrets")
	@ApiResponse(responseCode = "200", description = "The caller's tokens, by id",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = ApiToken.class))))
	List<ApiToken> list(@Parameter(hidden = true) Account caller);

	@Operation(operationId = "revokeToken", summary = "Revoke one of one's own tokens",
			description = "Refused from then on; another user's token is a 404.")
	@ApiResponse(responseCode = "204", description = "Revoked; no body")
	ResponseEntity<Void> revoke(@Parameter(hidden = true) Account caller,
			@Parameter(name = "id", in = ParameterIn.PATH, required = true, description = "The token's id",
					schema = @Schema(type = "integer", format = "int64", minimum = "1")) String id);

}
