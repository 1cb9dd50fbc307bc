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

	static final int LABELS_MAX = 20;

	static final int LABEL_MAX = 50;

	private static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at", "completed_at");

	/** The fields of part B of the contract, taken on create and in a patch alike. */
	private static final Set<String> ORGANISING = Set.of("project_id", "labels", "priority", "due");

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
			else if (!"title".equals(name) && !"description".equals(name) && !ORGANISING.contains(name)) {
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
		Long projectId = body.has("project_id") ? projectId(body.get("project_id"), errors) : null;
		List<String> labels = body.has("labels") ? labels(body.get("labels"), errors) : List.of();
		Integer priority = body.has("priority") ? priority(body.get("priority"), errors) : Integer.valueOf(1);
		Due due = body.has("due") ? due(body.get("due"), errors) : null;
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new NewTask(title, description, projectId, labels, priority, due);
	}

	/**
	 * Validates a JSON merge patch of {@code title}, {@code description} and
	 * {@code completed}, with the same rules as creation.
	 * @throws InvalidRequestException naming every field at fault
	 */
	static TaskPatch patch(JsonNode body) {
		List<FieldError> errors = new ArrayList<>();
		for (String name : body.propertyNames()) {
			if (!"title".equals(name) && !"description".equals(name) && !"completed".equals(name)
					&& !ORGANISING.contains(name)) {
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
		boolean setsProject = body.has("project_id");
		Long projectId = setsProject ? projectId(body.get("project_id"), errors) : null;
		List<String> labels = null;
		if (body.has("labels")) {
			labels = labels(body.get("labels"), errors);
		}
		Integer priority = body.has("priority") ? priority(body.get("priority"), errors) : null;
		boolean setsDue = body.has("due");
		Due due = setsDue ? due(body.get("due"), errors) : null;
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new TaskPatch(title, setsDescription, description, completed, setsProject, projectId, labels, priority,
				setsDue, due);
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

	private static @Nullable Long projectId(JsonNode node, List<FieldError> errors) {
		if (node.isNull()) {
			return null;
		}
		if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1) {
			errors.add(new FieldError("project_id", "must be the id of one of your projects, or null"));
			return null;
		}
		return node.longValue();
	}

	/**
	 * 0-20 labels, each trimmed to 1-50 code points without control characters or commas,
	 * and not {@code .} or {@code ..}; a label given twice in any case is kept once, as
	 * first spelled.
	 */
	private static List<String> labels(JsonNode node, List<FieldError> errors) {
		if (!node.isArray()) {
			errors.add(new FieldError("labels", "must be an array of strings"));
			return List.of();
		}
		Map<String, String> byKey = new java.util.LinkedHashMap<>();
		for (JsonNode element : node) {
			if (!element.isString()) {
				errors.add(new FieldError("labels", "must be an array of strings"));
				return List.of();
			}
			String label = TextRules.trim(element.stringValue());
			String problem = labelProblem(label);
			if (problem != null) {
				errors.add(new FieldError("labels", "each label " + problem));
				return List.of();
			}
			byKey.putIfAbsent(labelKey(label), label);
		}
		if (byKey.size() > LABELS_MAX) {
			errors.add(new FieldError("labels", "must hold at most " + LABELS_MAX + " labels"));
			return List.of();
		}
		return List.copyOf(byKey.values());
	}

	/**
	 * What is wrong with a label, trimmed, or null: 1-50 code points, no control
	 * characters, no comma, and not {@code .} or {@code ..}, which no path segment can
	 * carry ({@code /labels/{name}} would be resolved to another path before any route
	 * saw it, however it is encoded).
	 */
	static @Nullable String labelProblem(String label) {
		String problem = TextRules.problem(label, LABEL_MAX, true);
		if (problem == null && label.isEmpty()) {
			problem = "must not be blank";
		}
		if (problem == null && label.indexOf(',') >= 0) {
			problem = "must not contain a comma";
		}
		if (problem == null && (".".equals(label) || "..".equals(label))) {
			problem = "must not be \".\" or \"..\", which no path can name";
		}
		return problem;
	}

	/** How labels compare: case-insensitively, the same in every statement. */
	static String labelKey(String label) {
		return label.toLowerCase(java.util.Locale.ROOT);
	}

	private static @Nullable Integer priority(JsonNode node, List<FieldError> errors) {
		if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > 4) {
			errors.add(new FieldError("priority", "must be an integer from 1 to 4"));
			return null;
		}
		return node.intValue();
	}

	/**
	 * {@code {"date": "2026-12-01"}} or {@code {"datetime": "2026-12-01T09:00:00Z"}} (an
	 * offset is required), or null.
	 */
	private static @Nullable Due due(JsonNode node, List<FieldError> errors) {
		if (node.isNull()) {
			return null;
		}
		if (!node.isObject() || node.size() != 1 || !(node.has("date") || node.has("datetime"))) {
			errors.add(new FieldError("due",
					"must be {\"date\": \"YYYY-MM-DD\"} or {\"datetime\": \"<ISO 8601 with offset>\"}, or null"));
			return null;
		}
		JsonNode date = node.get("date");
		if (date != null) {
			try {
				if (date.isString() && date.stringValue().matches("\\d{4}-\\d{2}-\\d{2}")) {
					return Due.onDate(java.time.LocalDate.parse(date.stringValue()));
				}
			}
			catch (java.time.format.DateTimeParseException ex) {
				// Not a day of the calendar (2026-02-30): the same refusal.
			}
			errors.add(new FieldError("due", "date must be a calendar date as YYYY-MM-DD"));
			return null;
		}
		JsonNode datetime = node.get("datetime");
		try {
			if (datetime.isString()) {
				return Due.at(java.time.OffsetDateTime
					.parse(datetime.stringValue(), java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)
					.toInstant());
			}
		}
		catch (java.time.format.DateTimeParseException ex) {
			// No offset, or no date-time at all: the same refusal.
		}
		errors.add(new FieldError("due",
				"datetime must be an ISO 8601 date-time with an offset, such as 2026-12-01T09:00:00Z"));
		return null;
	}

}
