package org.tasktracker.task;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.tasktracker.account.Account;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** How {@link LabelController}'s operations appear in the OpenAPI document. */
@Tag(name = "labels")
interface LabelApi {

	@Operation(operationId = "listLabels", summary = "List labels with their task counts, by name",
			description = "A label exists while some task of the user carries it.")
	@ApiResponse(responseCode = "200", description = "The caller's labels",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = Label.class))))
	List<Label> list(@Parameter(hidden = true) Account caller);

	@Operation(operationId = "renameLabel", summary = "Rename a label on every task",
			description = "Onto a label the user already has, the two merge.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = {
					@Content(mediaType = TaskController.MERGE_PATCH_JSON,
							schema = @Schema(implementation = LabelPatchDocument.class)),
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = LabelPatchDocument.class)) })
	@ApiResponse(responseCode = "200", description = "The label as renamed",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Label.class)))
	Label rename(@Parameter(hidden = true) Account caller, @LabelName String name,
			@Parameter(hidden = true) JsonNode body);

	@Operation(operationId = "deleteLabel", summary = "Take a label off every task")
	@ApiResponse(responseCode = "204", description = "Deleted; no body")
	ResponseEntity<Void> delete(@Parameter(hidden = true) Account caller, @LabelName String name);

	/** The {@code {name}} of a label's path. */
	@Parameter(name = "name", in = ParameterIn.PATH, required = true,
			description = "The label, in any case, percent-encoded in UTF-8 as one path segment: a/b;c is "
					+ "a%2Fb%3Bc. Encoding every character but A-Z a-z 0-9 - . _ ~ is always right; a raw ; is "
					+ "refused (400), and so is . sent as %2E. 404 if no task carries it",
			schema = @Schema(type = "string", minLength = 1, maxLength = 50))
	@java.lang.annotation.Target(java.lang.annotation.ElementType.PARAMETER)
	@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
	@interface LabelName {

	}

}
