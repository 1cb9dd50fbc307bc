package org.tasktracker.task;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.tasktracker.account.Account;

import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;

/** How {@link SyncController} appears in the OpenAPI document. */
@Tag(name = "sync")
interface SyncApi {

	@Operation(operationId = "sync", summary = "The caller's tasks and projects, then what changed",
			description = "Without since: the whole state, in pages (more: true while pages follow; ask again with "
					+ "next at once). With the next of the last page: every task and project created or changed "
					+ "since, in full, and the ids of those deleted, committed after that page was read, however "
					+ "the writing transactions interleaved. A change at a page boundary may come twice; it is "
					+ "then the object's latest state. See docs/sync-client.md.")
	@Parameter(name = "since", in = ParameterIn.QUERY,
			description = "The next of an earlier answer; left out for the whole state",
			schema = @Schema(type = "string"))
	@Parameter(name = "limit", in = ParameterIn.QUERY, description = "At most this many objects per page",
			schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "1000", defaultValue = "500"))
	@Parameter(name = "wait", in = ParameterIn.QUERY,
			description = "When nothing has changed, wait up to this many seconds for a change of the caller's "
					+ "(made through any instance) and answer as soon as one commits",
			schema = @Schema(type = "integer", format = "int32", minimum = "0", maximum = "60", defaultValue = "0"))
	@ApiResponse(responseCode = "200", description = "One page",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = SyncDocument.class)))
	@ApiResponse(responseCode = "410",
			description = "The token is older than deletions are kept (SYNC_TOMBSTONE_RETENTION): start again without "
					+ "since",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(ref = "#/components/schemas/Problem")))
	SyncDocument sync(@Parameter(hidden = true) Account caller,
			@Parameter(hidden = true) MultiValueMap<String, String> parameters) throws InterruptedException;

}
