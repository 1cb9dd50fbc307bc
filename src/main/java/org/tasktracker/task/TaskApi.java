package org.tasktracker.task;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;

/**
 * How {@link TaskController}'s operations appear in the OpenAPI document: what each
 * takes, answers and is called. The problem responses every operation shares are added by
 * the web module. Kept apart so that the controller reads as the HTTP edge it is.
 */
@Tag(name = "tasks")
interface TaskApi {

	@Operation(operationId = "createTask", summary = "Create a task",
			description = "With an Idempotency-Key, a repeat of the same request within 24 hours returns the first "
					+ "201 (with Idempotent-Replayed: true) and creates nothing; the same key with another body "
					+ "is a 422.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = TaskCreateDocument.class)))
	@ApiResponse(responseCode = "201", description = "The task as created (or, replayed, as first created)",
			headers = {
					@Header(name = "Location", required = true, description = "/tasks/{id} of the task",
							schema = @Schema(type = "string")),
					@Header(name = "Idempotent-Replayed",
							description = "With an Idempotency-Key: whether this repeats an earlier answer",
							schema = @Schema(type = "string", allowableValues = { "true", "false" })) },
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Task.class)))
	ResponseEntity<Task> create(@Parameter(hidden = true) Account caller, @Parameter(hidden = true) JsonNode body,
			@Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER,
					description = "Creates at most one task per key within 24 hours; 1-255 printable ASCII characters",
					schema = @Schema(type = "string", minLength = 1, maxLength = 255,
							pattern = "^[\\x20-\\x7E]+$")) @Nullable String idempotencyKey);

	@Operation(operationId = "listTasks", summary = "List tasks, oldest first",
			description = "Keyset pagination: when more tasks follow, a Link header with rel=\"next\" gives the "
					+ "next page's URL. Unknown parameters are ignored; a known one given twice is a 422.")
	@Parameter(name = "completed", in = ParameterIn.QUERY, description = "Only tasks in that state",
			schema = @Schema(type = "boolean"))
	@Parameter(name = "q", in = ParameterIn.QUERY,
			description = "Case-insensitive substring of title or description, matched literally",
			schema = @Schema(type = "string", maxLength = 200))
	@Parameter(name = "limit", in = ParameterIn.QUERY, description = "Page size",
			schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "1000", defaultValue = "100"))
	@Parameter(name = "after", in = ParameterIn.QUERY,
			description = "Only tasks whose id comes after this one in the listing order",
			schema = @Schema(type = "integer", format = "int64", minimum = "0"))
	@Parameter(name = "project_id", in = ParameterIn.QUERY,
			description = "Tasks in that project, or with inbox in none",
			schema = @Schema(type = "string", pattern = "^([1-9][0-9]{0,18}|inbox)$"))
	@Parameter(name = "label", in = ParameterIn.QUERY,
			description = "Comma-separated labels a task must all carry, in any case",
			schema = @Schema(type = "string"))
	@Parameter(name = "priority", in = ParameterIn.QUERY,
			description = "Comma-separated priorities a task must have one of",
			schema = @Schema(type = "string", pattern = "^[1-4](,[1-4])*$"))
	@Parameter(name = "due", in = ParameterIn.QUERY,
			description = "today and overdue (not completed) are judged in the caller's time zone; upcoming is due "
					+ "from today to 7 days ahead; none has no due date",
			schema = @Schema(type = "string", allowableValues = { "today", "overdue", "upcoming", "none" }))
	@Parameter(name = "due_from", in = ParameterIn.QUERY,
			description = "Due on this date or later, in the caller's time zone",
			schema = @Schema(type = "string", format = "date"))
	@Parameter(name = "due_to", in = ParameterIn.QUERY,
			description = "Due on this date or earlier, in the caller's time zone",
			schema = @Schema(type = "string", format = "date"))
	@Parameter(name = "parent_id", in = ParameterIn.QUERY,
			description = "A task id: only its direct subtasks; none: only root tasks",
			schema = @Schema(type = "string", pattern = "^([1-9][0-9]*|none)$"))
	@Parameter(name = "sort", in = ParameterIn.QUERY,
			description = "The order; tasks without a due date come after those with one in either order; "
					+ "position is the manual order (siblings by position, then id)",
			schema = @Schema(type = "string", allowableValues = { "id", "due", "priority", "updated", "position" },
					defaultValue = "id"))
	@Parameter(name = "cursor", in = ParameterIn.QUERY,
			description = "For sort other than id: where the page begins, as the Link of the page before gave it; "
					+ "a cursor of another listing, or altered, is a 422",
			schema = @Schema(type = "string"))
	@Parameter(name = "order", in = ParameterIn.QUERY, description = "Of the sort, then of id",
			schema = @Schema(type = "string", allowableValues = { "asc", "desc" }, defaultValue = "asc"))
	@ApiResponse(responseCode = "200", description = "The page, oldest (or with order=desc newest) first",
			headers = @Header(name = "Link",
					description = "<URL of the next page>; rel=\"next\", when more tasks follow",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = Task.class))))
	void list(@Parameter(hidden = true) Account caller,
			@Parameter(hidden = true) MultiValueMap<String, String> parameters,
			@Parameter(hidden = true) HttpServletResponse response) throws java.io.IOException;

	@Operation(operationId = "getTask", summary = "Get a task")
	@ApiResponse(responseCode = "200", description = "The task",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Task.class)))
	@ApiResponse(responseCode = "304", description = "If-None-Match holds the task's current ETag: no body",
			content = @Content)
	ResponseEntity<Task> get(@Parameter(hidden = true) Account caller, @TaskId String id,
			@IfNoneMatch @Nullable String ifNoneMatch);

	@Operation(operationId = "completeTask", summary = "Complete a task",
			description = "Idempotent: completing a completed task returns it unchanged, completed_at keeps its "
					+ "first value. Its open subtasks are completed with it. A recurring task completes its current "
					+ "occurrence: the completion is recorded and the due moves to the next occurrence (the task "
					+ "stays open), or the task completes for good when the series is over; its completed subtasks "
					+ "reopen. Two completions of one occurrence at once advance it once; with an Idempotency-Key a "
					+ "repeat returns the first answer. Any body is ignored.")
	@ApiResponse(responseCode = "200", description = "The task, completed or moved to its next occurrence",
			headers = @Header(name = "Idempotent-Replayed",
					description = "With an Idempotency-Key: whether this repeats an earlier answer",
					schema = @Schema(type = "string", allowableValues = { "true", "false" })),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Task.class)))
	ResponseEntity<Task> complete(@Parameter(hidden = true) Account caller, @TaskId String id,
			@Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER,
					description = "Completes at most once per key within 24 hours; 1-255 printable ASCII characters",
					schema = @Schema(type = "string", minLength = 1, maxLength = 255,
							pattern = "^[\\x20-\\x7E]+$")) @Nullable String idempotencyKey,
			@IfMatch @Nullable String ifMatch);

	@Operation(operationId = "moveTask", summary = "Move a task in manual order",
			description = "Places the task (with its subtasks) right after sibling `after` (null: first; left out: "
					+ "last) in the project and under the parent given, or its own when left out. Writes that task "
					+ "only, unless its list must be renumbered.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = TaskMoveDocument.class)))
	@ApiResponse(responseCode = "200", description = "The task where it now stands",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Task.class)))
	Task move(@Parameter(hidden = true) Account caller, @TaskId String id, @Parameter(hidden = true) JsonNode body,
			@IfMatch @Nullable String ifMatch);

	@Operation(operationId = "listTaskCompletions", summary = "A recurring task's completions, newest first",
			description = "Each completed occurrence: the due it had and when it was completed. Pages like tasks: "
					+ "a Link header with rel=\"next\" when more follow.")
	@Parameter(name = "limit", in = ParameterIn.QUERY, description = "Page size",
			schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "1000", defaultValue = "100"))
	@Parameter(name = "after", in = ParameterIn.QUERY,
			description = "The id of the last completion of the previous page: the page holds older ones",
			schema = @Schema(type = "integer", format = "int64", minimum = "1"))
	@ApiResponse(responseCode = "200", description = "The page",
			headers = @Header(name = "Link", description = "<url>; rel=\"next\" when more completions follow",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = CompletionDocument.class))))
	ResponseEntity<java.util.List<CompletionDocument>> completions(@Parameter(hidden = true) Account caller,
			@TaskId String id, @Parameter(hidden = true) MultiValueMap<String, String> parameters);

	@Operation(operationId = "reopenTask", summary = "Reopen a task",
			description = "Idempotent: completed_at is cleared. On a recurring task whose last change was a "
					+ "completion, undoes it: the due moves back and the completion record goes. Any body is "
					+ "ignored.")
	@ApiResponse(responseCode = "200", description = "The task, open",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Task.class)))
	Task reopen(@Parameter(hidden = true) Account caller, @TaskId String id, @IfMatch @Nullable String ifMatch);

	@Operation(operationId = "updateTask", summary = "Change a task (JSON merge patch)",
			description = "Only the fields named change; \"description\": null clears it; {} changes nothing.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = {
					@Content(mediaType = TaskController.MERGE_PATCH_JSON,
							schema = @Schema(implementation = TaskPatchDocument.class)),
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = TaskPatchDocument.class)) })
	@ApiResponse(responseCode = "200", description = "The task as changed",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Task.class)))
	Task update(@Parameter(hidden = true) Account caller, @TaskId String id, @Parameter(hidden = true) JsonNode body,
			@IfMatch @Nullable String ifMatch);

	@Operation(operationId = "deleteTask", summary = "Delete a task")
	@ApiResponse(responseCode = "204", description = "Deleted; no body")
	ResponseEntity<Void> delete(@Parameter(hidden = true) Account caller, @TaskId String id,
			@IfMatch @Nullable String ifMatch);

	/** The {@code {id}} of a task's path. */
	@Parameter(name = "id", in = ParameterIn.PATH, required = true, description = "The task's id",
			schema = @Schema(type = "integer", format = "int64", minimum = "1"))
	@java.lang.annotation.Target(java.lang.annotation.ElementType.PARAMETER)
	@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
	@interface TaskId {

	}

	/** The {@code If-Match} of a change to one task or project. */
	@Parameter(name = "If-Match", in = ParameterIn.HEADER,
			description = "Change only if the object is still at one of these ETags (or exists, for *); "
					+ "otherwise 412 with the current ETag, and nothing changes. Weak tags never match.",
			schema = @Schema(type = "string", example = "\"3\""))
	@java.lang.annotation.Target(java.lang.annotation.ElementType.PARAMETER)
	@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
	@interface IfMatch {

	}

	/** The {@code If-None-Match} of a read of one task or project. */
	@Parameter(name = "If-None-Match", in = ParameterIn.HEADER,
			description = "The ETags the client holds: 304 with no body when one is current (weak comparison)",
			schema = @Schema(type = "string", example = "\"3\""))
	@java.lang.annotation.Target(java.lang.annotation.ElementType.PARAMETER)
	@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
	@interface IfNoneMatch {

	}

}
