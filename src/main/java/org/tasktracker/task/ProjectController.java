package org.tasktracker.task;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.web.EntityTags;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;
import org.tasktracker.web.PreconditionFailedException;
import org.tasktracker.web.RequestParts;
import org.tasktracker.web.TextRules;
import tools.jackson.databind.JsonNode;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
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
 * The HTTP edge of projects: {@code /projects} and {@code /projects/{id}}. Another user's
 * project is a 404, as one that never existed.
 */
@RestController
@RequestMapping("/projects")
class ProjectController implements ProjectApi {

	static final int NAME_MAX = 100;

	/** Six hex digits, either case; stored in lower case, as CalDAV clients send both. */
	private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

	private final ProjectRepository projects;

	private final DatabaseRetry retry;

	private final TransactionOperations transactions;

	ProjectController(ProjectRepository projects, DatabaseRetry retry, TransactionOperations transactions) {
		this.projects = projects;
		this.retry = retry;
		this.transactions = transactions;
	}

	@Override
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<Project> create(@AuthenticationPrincipal Account caller, @RequestBody JsonNode body) {
		Fields fields = fields(RequestParts.requireObject(body), true);
		Project project = nameTaken(
				() -> this.retry.onceOnly(() -> this.projects.create(caller.id(), fields.name, fields.color)));
		return ResponseEntity.created(URI.create("/projects/" + project.id())).body(project);
	}

	@Override
	@GetMapping
	public List<Project> list(@AuthenticationPrincipal Account caller,
			@RequestParam MultiValueMap<String, String> parameters) {
		Boolean archived = booleanParameter(parameters, "archived");
		return this.retry.idempotent(() -> this.projects.findAll(caller.id(), archived));
	}

	@Override
	@GetMapping("/{id}")
	public ResponseEntity<Project> get(@AuthenticationPrincipal Account caller, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		long projectId = RequestParts.positiveId(id);
		EntityTags held = EntityTags.parse(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
		Project project = find(caller, projectId);
		return EntityTags.answer(held, project.version(), project);
	}

	private Project find(Account caller, long projectId) {
		return this.retry.idempotent(() -> this.projects.find(caller.id(), projectId))
			.orElseThrow(() -> notFound(projectId));
	}

	@Override
	@PatchMapping(path = "/{id}", consumes = { TaskController.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE })
	public Project update(@AuthenticationPrincipal Account caller, @PathVariable String id, @RequestBody JsonNode body,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		long projectId = RequestParts.positiveId(id);
		EntityTags expected = EntityTags.parse(HttpHeaders.IF_MATCH, ifMatch);
		Fields fields = fields(RequestParts.requireObject(body), false);
		boolean found = nameTaken(() -> (expected == null)
				? this.retry.idempotent(() -> this.projects.update(caller.id(), projectId, fields.name, fields.archived,
						fields.setColor, fields.color))
				: Boolean.TRUE.equals(this.retry.onceOnly(() -> this.transactions
					.execute((status) -> matchesVersion(caller.id(), projectId, expected) && this.projects.update(
							caller.id(), projectId, fields.name, fields.archived, fields.setColor, fields.color)))));
		if (!found) {
			throw notFound(projectId);
		}
		return find(caller, projectId);
	}

	/**
	 * In a transaction: locks the project and compares its version with the client's
	 * {@code If-Match}, so that no other change comes between the check and the change.
	 * @return false when the owner has no such project
	 * @throws PreconditionFailedException with the current version if it does not match
	 */
	private boolean matchesVersion(long ownerId, long id, EntityTags ifMatch) {
		return ifMatch.admit(this.projects.lockVersion(ownerId, id).orElse(null), "Project " + id);
	}

	@Override
	@DeleteMapping("/{id}")
	public ResponseEntity<Void> delete(@AuthenticationPrincipal Account caller, @PathVariable String id,
			@RequestParam MultiValueMap<String, String> parameters,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		long projectId = RequestParts.positiveId(id);
		boolean withTasks = Boolean.TRUE.equals(booleanParameter(parameters, "with_tasks"));
		EntityTags expected = EntityTags.parse(HttpHeaders.IF_MATCH, ifMatch);
		Boolean deleted;
		try {
			deleted = this.retry.onceOnly(() -> this.transactions
				.execute((status) -> (expected == null || matchesVersion(caller.id(), projectId, expected))
						&& this.projects.delete(caller.id(), projectId, withTasks)));
		}
		catch (DataIntegrityViolationException ex) {
			throw RequestParts.refusal(HttpStatus.CONFLICT,
					"Project " + projectId + " holds tasks; move them, or delete it with_tasks=true");
		}
		if (!Boolean.TRUE.equals(deleted)) {
			throw notFound(projectId);
		}
		return ResponseEntity.noContent().build();
	}

	private static <T> T nameTaken(java.util.function.Supplier<T> write) {
		try {
			return write.get();
		}
		catch (DuplicateKeyException ex) {
			throw RequestParts.refusal(HttpStatus.CONFLICT, "You have a project of that name");
		}
	}

	/**
	 * {@code name} (required on create), {@code color}, and {@code archived} on a patch;
	 * nothing else.
	 */
	static Fields fields(JsonNode body, boolean creating) {
		List<FieldError> errors = new ArrayList<>();
		for (String field : body.propertyNames()) {
			if (!"name".equals(field) && !"color".equals(field) && !(("archived".equals(field)) && !creating)) {
				errors.add(new FieldError(field, "is not a known field"));
			}
		}
		String name = null;
		JsonNode nameNode = body.get("name");
		if (nameNode == null) {
			if (creating) {
				errors.add(new FieldError("name", "is required"));
			}
		}
		else if (!nameNode.isString()) {
			errors.add(new FieldError("name", "must be a string"));
		}
		else {
			name = TextRules.trim(nameNode.stringValue());
			String problem = TextRules.problem(name, NAME_MAX, true);
			if (problem == null && name.isEmpty()) {
				problem = "must not be blank";
			}
			if (problem != null) {
				errors.add(new FieldError("name", problem));
			}
		}
		Boolean archived = null;
		JsonNode archivedNode = body.get("archived");
		if (archivedNode != null && !creating) {
			if (archivedNode.isBoolean()) {
				archived = archivedNode.booleanValue();
			}
			else {
				errors.add(new FieldError("archived", "must be a boolean"));
			}
		}
		JsonNode colorNode = body.get("color");
		String color = null;
		if (colorNode != null && !colorNode.isNull()) {
			if (colorNode.isString() && COLOR.matcher(colorNode.stringValue()).matches()) {
				color = colorNode.stringValue().toLowerCase(Locale.ROOT);
			}
			else {
				errors.add(new FieldError("color", "must be a colour as #rrggbb, or null"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new Fields(name, archived, colorNode != null, color);
	}

	private static @Nullable Boolean booleanParameter(MultiValueMap<String, String> parameters, String name) {
		List<String> values = parameters.get(name);
		if (values == null) {
			return null;
		}
		if (values.size() != 1 || !("true".equals(values.get(0)) || "false".equals(values.get(0)))) {
			throw new InvalidRequestException(name, "must be true or false, given once");
		}
		return Boolean.valueOf(values.get(0));
	}

	private static ErrorResponseException notFound(long id) {
		return RequestParts.refusal(HttpStatus.NOT_FOUND, "Project " + id + " does not exist");
	}

	record Fields(@Nullable String name, @Nullable Boolean archived, boolean setColor, @Nullable String color) {
	}

}
