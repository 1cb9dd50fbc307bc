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

	/**
	 * Both bodies of {@code POST /import}, as one operation: OpenAPI has one per path and
	 * method, so the text/csv handler's own is hidden and described here.
	 */
	@Operation(operationId = "importData",
			summary = "Add an exported document, or a Todoist CSV export, to the caller's account",
			description = "All or nothing, in one transaction. Each refusal names its place. With an "
					+ "Idempotency-Key, a repeat of the same body answers the first import and adds nothing. A body "
					+ "past MAX_IMPORT_BODY is a 413.\n\n"
					+ "application/json, a document of GET /export: new ids, with the tree, the order and the "
					+ "completions kept; projects whose name the caller uses get \" (2)\" and so on. At most 20,000 "
					+ "tasks and 1,000 projects; refusals name places such as tasks[12].due.\n\n"
					+ "text/csv, a Todoist project template (as Todoist's \"Format a CSV file to import into "
					+ "Todoist\" describes it): into a new project named by project (required), \" (2)\" and so on "
					+ "as above. Sections become labels of the tasks below them, @label words in CONTENT labels, "
					+ "notes paragraphs of the task's description, INDENT subtasks; PRIORITY 1 (p1) is 4 (urgent) "
					+ "and 4 (p4) is 1, an empty one p1 as Todoist documents it; DATE is read as quick add reads "
					+ "it (English only), from today in the row's TIMEZONE or the caller's time zone. Rows are "
					+ "numbered from 1 after the header: task_ids is keyed by that number, and refusals name places "
					+ "such as rows[12].DATE, header or project. At most 20,000 tasks. The same file into another "
					+ "project name is another import.",
			parameters = @Parameter(name = "project", in = ParameterIn.QUERY,
					description = "With text/csv, required: the new project's name, as POST /projects takes it; "
							+ "one the caller uses gets \" (2)\" and so on",
					schema = @Schema(type = "string", minLength = 1, maxLength = 100)))
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
			@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(type = "object", description = "A document of GET /export")),
			@Content(mediaType = DataTransferController.TEXT_CSV,
					schema = @Schema(type = "string",
							description = "A Todoist CSV export: the header TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,"
									+ "AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE (DURATION, DURATION_UNIT, DEADLINE "
									+ "and DEADLINE_LANG are taken and ignored), then one row per task, section or "
									+ "note")) })
	@ApiResponse(responseCode = "201", description = "What the import created",
			headers = @Header(name = "Idempotent-Replayed",
					description = "Whether this repeats an earlier answer (with an Idempotency-Key)",
					schema = @Schema(type = "string", allowableValues = { "true", "false" })),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ImportResult.class)))
	@ApiResponse(responseCode = "400",
			description = "An application/json body that is not JSON or not a JSON object (an empty one included), "
					+ "or a malformed request line or query string",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(ref = "#/components/schemas/Problem")))
	@ApiResponse(responseCode = "415",
			description = "The body is neither application/json nor text/csv, or its charset is unknown",
			headers = @Header(name = "Accept",
					description = "The media types this operation takes, when the media type is the reason",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(ref = "#/components/schemas/Problem")))
	@ApiResponse(responseCode = "413", description = "The body is larger than MAX_IMPORT_BODY",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(ref = "#/components/schemas/Problem")))
	@ApiResponse(responseCode = "422",
			description = "The body breaks a rule; errors names each place, such as tasks[12].due or rows[12].DATE",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(ref = "#/components/schemas/Problem")))
	ResponseEntity<ImportResult> importJson(@Parameter(hidden = true) Account caller,
			@Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER,
					description = "Imports at most once per key within 24 hours; 1-255 printable ASCII characters",
					schema = @Schema(type = "string", minLength = 1, maxLength = 255,
							pattern = "^[\\x20-\\x7E]+$")) @Nullable String idempotencyKey,
			@Parameter(hidden = true) HttpServletRequest request) throws java.io.IOException, InterruptedException;

	/** Described with {@link #importJson}. */
	@Operation(hidden = true)
	ResponseEntity<ImportResult> importTodoistCsv(@Parameter(hidden = true) Account caller,
			@Parameter(hidden = true) @Nullable String project,
			@Parameter(hidden = true) @Nullable String idempotencyKey,
			@Parameter(hidden = true) HttpServletRequest request) throws java.io.IOException, InterruptedException;

}
