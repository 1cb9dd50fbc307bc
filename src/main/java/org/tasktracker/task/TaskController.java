package org.tasktracker.task;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tasktracker.account.Account;
import org.tasktracker.idempotency.IdempotentCreations;
import org.tasktracker.web.EntityTags;
import org.tasktracker.web.RequestParts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP edge of tasks: {@code /tasks} and {@code /tasks/{id}}. Bodies arrive as parsed
 * JSON and are checked by {@link TaskRequests}; path ids and query parameters are parsed
 * here so that a bad one is a 422 naming it.
 */
@RestController
@RequestMapping("/tasks")
class TaskController implements TaskApi {

	static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private static final Logger log = LoggerFactory.getLogger(TaskController.class);

	private final TaskService tasks;

	private final ObjectWriter pageWriter;

	TaskController(TaskService tasks, JsonMapper json) {
		this.tasks = tasks;
		this.pageWriter = json.writerFor(Task.class).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
	}

	@Override
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<Task> create(@AuthenticationPrincipal Account caller, @RequestBody JsonNode body,
			@RequestHeader(name = IdempotentCreations.HEADER, required = false) @Nullable String idempotencyKey) {
		NewTask newTask = TaskRequests.newTask(RequestParts.requireObject(body), TaskRequests.RuleSubset.API);
		if (idempotencyKey == null) {
			Task task = this.tasks.create(caller.id(), newTask);
			return ResponseEntity.created(location(task)).body(task);
		}
		IdempotentCreations.Outcome<Task> creation = this.tasks.create(caller.id(), newTask, idempotencyKey);
		return ResponseEntity.created(location(creation.answer()))
			.header("Idempotent-Replayed", Boolean.toString(creation.replayed()))
			.body(creation.answer());
	}

	/**
	 * Reads the whole page (in memory, or in a temporary file when large) before sending
	 * any of it, so that its database connection is back in the pool before the client is
	 * waited on. A client that stops reading is cut off by Tomcat's connection timeout.
	 */
	@Override
	@GetMapping
	public void list(@AuthenticationPrincipal Account caller, @RequestParam MultiValueMap<String, String> parameters,
			HttpServletResponse response) throws IOException {
		TaskListQuery query = TaskListQuery.from(parameters);
		try (SpooledTaskPage page = new SpooledTaskPage(this.pageWriter)) {
			this.tasks.list(caller.id(), query, page);
			response.setStatus(HttpServletResponse.SC_OK);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			Long nextAfter = page.nextAfter();
			if (nextAfter != null) {
				String next = query.filters().byId() ? query.nextPageUrl(nextAfter) : query.nextPageUrl(this.tasks
					.cursor(caller.id(), query, new PageCursor(page.nextKey(), nextAfter, page.nextPosition())));
				response.setHeader(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
			}
			Long size = page.size();
			if (size != null) {
				response.setContentLengthLong(size);
			}
			try {
				page.sendTo(response.getOutputStream());
			}
			catch (IOException ex) {
				if (NestedExceptionUtils.getRootCause(ex) instanceof SocketTimeoutException) {
					log.info("Cut off a client that stopped reading its page of {} tasks", page.tasks());
				}
				else {
					log.debug("Client left while its page was being sent: {}", ex.getMessage());
				}
			}
		}
	}

	@Override
	@GetMapping("/{id}")
	public ResponseEntity<Task> get(@AuthenticationPrincipal Account caller, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		long taskId = RequestParts.positiveId(id);
		EntityTags held = EntityTags.parse(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
		Task task = this.tasks.findById(caller.id(), taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
		return EntityTags.answer(held, task.version(), task);
	}

	@Override
	@PostMapping("/{id}/complete")
	public ResponseEntity<Task> complete(@AuthenticationPrincipal Account caller, @PathVariable String id,
			@RequestHeader(name = IdempotentCreations.HEADER, required = false) @Nullable String idempotencyKey,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		long taskId = RequestParts.positiveId(id);
		EntityTags expected = EntityTags.parse(HttpHeaders.IF_MATCH, ifMatch);
		if (idempotencyKey == null) {
			return ResponseEntity.ok(this.tasks.complete(caller.id(), taskId, expected)
				.orElseThrow(() -> new TaskNotFoundException(taskId)));
		}
		IdempotentCreations.Outcome<Task> completion = this.tasks.complete(caller.id(), taskId, idempotencyKey,
				expected);
		return ResponseEntity.ok()
			.header("Idempotent-Replayed", Boolean.toString(completion.replayed()))
			.body(completion.answer());
	}

	@Override
	@PostMapping(path = "/{id}/move", consumes = MediaType.APPLICATION_JSON_VALUE)
	public Task move(@AuthenticationPrincipal Account caller, @PathVariable String id, @RequestBody JsonNode body,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		long taskId = RequestParts.positiveId(id);
		EntityTags expected = EntityTags.parse(HttpHeaders.IF_MATCH, ifMatch);
		TaskMove move = TaskRequests.move(RequestParts.requireObject(body));
		return this.tasks.move(caller.id(), taskId, move, expected)
			.orElseThrow(() -> new TaskNotFoundException(taskId));
	}

	@Override
	@GetMapping("/{id}/completions")
	public ResponseEntity<List<CompletionDocument>> completions(@AuthenticationPrincipal Account caller,
			@PathVariable String id, @RequestParam MultiValueMap<String, String> parameters) {
		long taskId = RequestParts.positiveId(id);
		CompletionPage page = CompletionPage.from(parameters);
		List<CompletionRepository.Completion> found = this.tasks
			.completions(caller.id(), taskId, page.after(), page.limit())
			.orElseThrow(() -> new TaskNotFoundException(taskId));
		List<CompletionDocument> completions = found.stream().limit(page.limit()).map(CompletionDocument::of).toList();
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (found.size() > page.limit()) {
			response.header(HttpHeaders.LINK, "</tasks/" + taskId + "/completions?limit=" + page.limit() + "&after="
					+ completions.get(completions.size() - 1).id() + ">; rel=\"next\"");
		}
		return response.body(completions);
	}

	@Override
	@PostMapping("/{id}/reopen")
	public Task reopen(@AuthenticationPrincipal Account caller, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		long taskId = RequestParts.positiveId(id);
		EntityTags expected = EntityTags.parse(HttpHeaders.IF_MATCH, ifMatch);
		return this.tasks.reopen(caller.id(), taskId, expected).orElseThrow(() -> new TaskNotFoundException(taskId));
	}

	@Override
	@PatchMapping(path = "/{id}", consumes = { MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE })
	public Task update(@AuthenticationPrincipal Account caller, @PathVariable String id, @RequestBody JsonNode body,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		long taskId = RequestParts.positiveId(id);
		EntityTags expected = EntityTags.parse(HttpHeaders.IF_MATCH, ifMatch);
		TaskPatch patch = TaskRequests.patch(RequestParts.requireObject(body), TaskRequests.RuleSubset.API);
		return this.tasks.update(caller.id(), taskId, patch, expected)
			.orElseThrow(() -> new TaskNotFoundException(taskId));
	}

	@Override
	@DeleteMapping("/{id}")
	public ResponseEntity<Void> delete(@AuthenticationPrincipal Account caller, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		long taskId = RequestParts.positiveId(id);
		if (!this.tasks.delete(caller.id(), taskId, EntityTags.parse(HttpHeaders.IF_MATCH, ifMatch))) {
			throw new TaskNotFoundException(taskId);
		}
		return ResponseEntity.noContent().build();
	}

	private static URI location(Task task) {
		return URI.create("/tasks/" + task.id());
	}

}
