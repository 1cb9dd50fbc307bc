package org.tasktracker.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;
import org.tasktracker.web.TextRules;
import tools.jackson.databind.JsonNode;

/**
 * The rules for request bodies, applied to the parsed JSON so that types stay strict (no
 * number becomes a string, no string a boolean) and every broken rule is reported at
 * once.
 */
final class TaskRequests {

	static final int TITLE_MAX = 200;

	static final int DESCRIPTION_MAX = 10_000;

	private static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at", "completed_at");

	private TaskRequests() {
	}

	/**
	 * Validates a create request: {@code title} required, {@code description} optional.
	 * @throws InvalidRequestException naming every field at fault
	 */
	static NewTask newTask(JsonNode body) {
		List<FieldError> errors = new ArrayList<>();
		for (Map.Entry<String, JsonNode> field : body.properties()) {
			String name = field.getKey();
			if ("completed".equals(name)) {
				errors.add(new FieldError(name, "cannot be set on creation; use POST /tasks/{id}/complete"));
			}
			else if (!"title".equals(name) && !"description".equals(name)) {
				errors.add(unexpected(name));
			}
		}
		JsonNode titleNode = body.get("title");
		String title = null;
		if (titleNode == null) {
			errors.add(new FieldError("title", "is required"));
		}
		else {
			title = title(titleNode, errors);
		}
		String description = description(body.get("description"), errors);
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new NewTask(title, description);
	}

	/**
	 * Validates a JSON merge patch of {@code title}, {@code description} and
	 * {@code completed}, with the same rules as creation.
	 * @throws InvalidRequestException naming every field at fault
	 */
	static TaskPatch patch(JsonNode body) {
		List<FieldError> errors = new ArrayList<>();
		for (String name : body.propertyNames()) {
			if (!"title".equals(name) && !"description".equals(name) && !"completed".equals(name)) {
				errors.add(unexpected(name));
			}
		}
		JsonNode titleNode = body.get("title");
		String title = (titleNode != null) ? title(titleNode, errors) : null;
		boolean setsDescription = body.has("description");
		String description = description(body.get("description"), errors);
		Boolean completed = null;
		JsonNode completedNode = body.get("completed");
		if (completedNode != null) {
			if (completedNode.isBoolean()) {
				completed = completedNode.booleanValue();
			}
			else {
				errors.add(
						new FieldError("completed", completedNode.isNull() ? "must not be null" : "must be a boolean"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new TaskPatch(title, setsDescription, description, completed);
	}

	private static FieldError unexpected(String name) {
		return new FieldError(name, READ_ONLY.contains(name) ? "is read-only" : "is not a known field");
	}

	private static @Nullable String title(JsonNode node, List<FieldError> errors) {
		if (node.isNull()) {
			errors.add(new FieldError("title", "must not be null"));
			return null;
		}
		if (!node.isString()) {
			errors.add(new FieldError("title", "must be a string"));
			return null;
		}
		String title = TextRules.trim(node.stringValue());
		String problem = TextRules.problem(title, TITLE_MAX, true);
		if (problem == null && title.isEmpty()) {
			problem = "must not be blank";
		}
		if (problem != null) {
			errors.add(new FieldError("title", problem));
			return null;
		}
		return title;
	}

	private static @Nullable String description(@Nullable JsonNode node, List<FieldError> errors) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			errors.add(new FieldError("description", "must be a string or null"));
			return null;
		}
		String description = node.stringValue();
		String problem = TextRules.problem(description, DESCRIPTION_MAX, false);
		if (problem != null) {
			errors.add(new FieldError("description", problem));
			return null;
		}
		return description;
	}

}
