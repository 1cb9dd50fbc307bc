package org.tasktracker.task;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** How {@link DataTransferController} appears in the OpenAPI document. */
@Tag(name = "export")
interface DataTransferApi {

	@Operation(operationId = "exportData", summary = "All of the caller's projects, tasks and labels as one document",
			description = "format \"tasktracker-export\", version 1: labels (their spellings), projects and tasks as "
					+ "the API answers them, each task with its completions. POST /import takes it back.")
	@ApiResponse(responseCode = "200", description = "The document, as an attachment",
			headers = @Header(name = "Content-Disposition",
					description = "attachment; filename=\"tasktracker-export.json\"",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(type = "object", description = "See docs/api.md, part D")))
	void export(@Parameter(hidden = true) Account caller, @Parameter(hidden = true) HttpServletResponse response)
			throws java.io.IOException;

	@Operation(operationId = "importData", summary = "Add an exported document to the caller's account",
			description = "All or nothing, in one transaction: new ids, with the tree, the order and the completions "
					+ "kept; projects whose name the caller uses get \" (2)\" and so on. At most 20,000 tasks and 1,000 "
					+ "projects; a body past MAX_IMPORT_BODY is a 413. Each refusal names its place, such as "
					+ "tasks[12].due. With an Idempotency-Key, a repeat of the same document answers the first "
					+ "import and adds nothing.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(type = "object", description = "A document of GET /export")))
	@ApiResponse(responseCode = "201", description = "What the import created",
			headers = @Header(name = "Idempotent-Replayed",
					description = "Whether this repeats an earlier answer (with an Idempotency-Key)",
					schema = @Schema(type = "string", allowableValues = { "true", "false" })),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ImportResult.class)))
	@ApiResponse(responseCode = "413", description = "The body is larger than MAX_IMPORT_BODY",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(ref = "#/components/schemas/Problem")))
	@ApiResponse(responseCode = "422",
			description = "The document breaks a rule; errors names each place, such as tasks[12].due",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(ref = "#/components/schemas/Problem")))
	ResponseEntity<ImportResult> importJson(@Parameter(hidden = true) Account caller,
			@Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER,
					description = "Imports at most once per key within 24 hours; 1-255 printable ASCII characters",
					schema = @Schema(type = "string", minLength = 1, maxLength = 255,
							pattern = "^[\\x20-\\x7E]+$")) @Nullable String idempotencyKey,
			@Parameter(hidden = true) HttpServletRequest request) throws java.io.IOException, InterruptedException;

}
