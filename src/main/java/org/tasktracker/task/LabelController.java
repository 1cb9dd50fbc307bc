package org.tasktracker.task;

import java.util.ArrayList;
import java.util.List;

import org.tasktracker.account.Account;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;
import org.tasktracker.web.RequestParts;
import org.tasktracker.web.TextRules;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP edge of labels: {@code /labels} and {@code /labels/{name}}, the name
 * percent-encoded as one path segment ({@link LabelPaths}) and matched
 * case-insensitively.
 */
@RestController
@RequestMapping("/labels")
class LabelController implements LabelApi {

	private final LabelRepository labels;

	private final DatabaseRetry retry;

	private final TransactionOperations transactions;

	LabelController(LabelRepository labels, DatabaseRetry retry, TransactionOperations transactions) {
		this.labels = labels;
		this.retry = retry;
		this.transactions = transactions;
	}

	@Override
	@GetMapping
	public List<Label> list(@AuthenticationPrincipal Account caller) {
		return this.retry.idempotent(() -> this.labels.findAll(caller.id()));
	}

	@Override
	@PatchMapping(path = "/{name}", consumes = { TaskController.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE })
	public Label rename(@AuthenticationPrincipal Account caller, @PathVariable String name,
			@RequestBody JsonNode body) {
		RequestParts.requireObject(body);
		List<FieldError> errors = new ArrayList<>();
		body.propertyNames()
			.stream()
			.filter((field) -> !"name".equals(field))
			.forEach((field) -> errors.add(new FieldError(field, "is not a known field")));
		JsonNode nameNode = body.get("name");
		String newName = null;
		if (nameNode == null) {
			errors.add(new FieldError("name", "is required"));
		}
		else if (!nameNode.isString()) {
			errors.add(new FieldError("name", "must be a string"));
		}
		else {
			newName = TextRules.trim(nameNode.stringValue());
			String problem = TaskRequests.labelProblem(newName);
			if (problem != null) {
				errors.add(new FieldError("name", problem));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		String key = TaskRequests.labelKey(name);
		String renamed = newName;
		Boolean found = this.retry
			.idempotent(() -> this.transactions.execute((status) -> this.labels.rename(caller.id(), key, renamed)));
		if (!Boolean.TRUE.equals(found)) {
			throw notFound(name);
		}
		return this.retry.idempotent(() -> this.labels.find(caller.id(), TaskRequests.labelKey(renamed)))
			.orElseThrow(() -> notFound(renamed));
	}

	@Override
	@DeleteMapping("/{name}")
	public ResponseEntity<Void> delete(@AuthenticationPrincipal Account caller, @PathVariable String name) {
		String key = TaskRequests.labelKey(name);
		Boolean found = this.retry
			.onceOnly(() -> this.transactions.execute((status) -> this.labels.delete(caller.id(), key)));
		if (!Boolean.TRUE.equals(found)) {
			throw notFound(name);
		}
		return ResponseEntity.noContent().build();
	}

	private static ErrorResponseException notFound(String name) {
		return RequestParts.refusal(HttpStatus.NOT_FOUND, "No task carries the label " + name);
	}

}
