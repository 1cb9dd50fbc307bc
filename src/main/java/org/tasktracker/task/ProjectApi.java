package org.tasktracker.task;

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
import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;

/** How {@link ProjectController}'s operations appear in the OpenAPI document. */
@Tag(name = "projects")
interface ProjectApi {

	@Operation(operationId = "createProject", summary = "Create a project",
			description = "name: 1-100 code points, trimmed, unique per user whatever its case (409).")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ProjectCreateDocument.class)))
	@ApiResponse(responseCode = "201", description = "The project",
			headers = @Header(name = "Location", required = true, description = "/projects/{id} of the project",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Project.class)))
	@ApiResponse(responseCode = "409", description = "You have a project of that name",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(ref = "#/components/schemas/Problem")))
	ResponseEntity<Project> create(@Parameter(hidden = true) Account caller, @Parameter(hidden = true) JsonNode body);

	@Operation(operationId = "listProjects", summary = "List projects, by name")
	@Parameter(name = "archived", in = ParameterIn.QUERY, description = "Only projects in that state",
			schema = @Schema(type = "boolean"))
	@ApiResponse(responseCode = "200", description = "The caller's projects",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = Project.class))))
	List<Project> list(@Parameter(hidden = true) Account caller,
			@Parameter(hidden = true) MultiValueMap<String, String> parameters);

	@Operation(operationId = "getProject", summary = "Get a project")
	@ApiResponse(responseCode = "200", description = "The project",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Project.class)))
	@ApiResponse(responseCode = "304", description = "If-None-Match holds the project's current ETag: no body",
			content = @Content)
	ResponseEntity<Project> get(@Parameter(hidden = true) Account caller, @ProjectId String id,
			@TaskApi.IfNoneMatch @Nullable String ifNoneMatch);

	@Operation(operationId = "updateProject", summary = "Rename or archive a project (JSON merge patch)")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = {
					@Content(mediaType = TaskController.MERGE_PATCH_JSON,
							schema = @Schema(implementation = ProjectPatchDocument.class)),
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = ProjectPatchDocument.class)) })
	@ApiResponse(responseCode = "200", description = "The project as changed",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Project.class)))
	@ApiResponse(responseCode = "409", description = "You have a project of that name",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(ref = "#/components/schemas/Problem")))
	Project update(@Parameter(hidden = true) Account caller, @ProjectId String id,
			@Parameter(hidden = true) JsonNode body, @TaskApi.IfMatch @Nullable String ifMatch);

	@Operation(operationId = "deleteProject", summary = "Delete a project",
			description = "409 while it holds tasks, unless with_tasks=true, which deletes them too.")
	@Parameter(name = "with_tasks", in = ParameterIn.QUERY, description = "Delete the project's tasks too",
			schema = @Schema(type = "boolean", defaultValue = "false"))
	@ApiResponse(responseCode = "204", description = "Deleted; no body")
	@ApiResponse(responseCode = "409", description = "The project holds tasks",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(ref = "#/components/schemas/Problem")))
	ResponseEntity<Void> delete(@Parameter(hidden = true) Account caller, @ProjectId String id,
			@Parameter(hidden = true) MultiValueMap<String, String> parameters,
			@TaskApi.IfMatch @Nullable String ifMatch);

	/** The {@code {id}} of a project's path. */
	@Parameter(name = "id", in = ParameterIn.PATH, required = true, description = "The project's id",
			schema = @Schema(type = "integer", format = "int64", minimum = "1"))
	@java.lang.annotation.Target(java.lang.annotation.ElementType.PARAMETER)
	@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
	@interface ProjectId {

	}

}
