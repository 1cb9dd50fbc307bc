package org.tasktracker.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.tasktracker.recurrence.RecurrenceRule;
import org.tasktracker.recurrence.RuleRefusedException;
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

	static final int REMINDERS_MAX = 5;

	/**
	 * Weeks alone, or days and a time of hours, minutes and seconds, in whole numbers.
	 */
	private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern
		.compile("P(?:(\\d{1,2})W|(?=\\d|T\\d)(?:\\d{1,3}D)?(?:T(?=\\d)(?:\\d{1,4}H)?(?:\\d{1,6}M)?(?:\\d{1,8}S)?)?)");

	private static final java.time.Instant FIRST_DUE = java.time.Instant.parse("0001-01-01T00:00:00Z");

	private static final java.time.Instant AFTER_LAST_DUE = java.time.Instant.parse("+10000-01-01T00:00:00Z");

	private static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at", "completed_at", "position",
			"subtasks", "version");

	/**
	 * The fields of part B and part C of the contract, taken on create and in a patch
	 * alike.
	 */
	private static final Set<String> ORGANISING = Set.of("project_id", "labels", "priority", "due", "recurrence",
			"parent_id", "reminders");

	private TaskRequests() {
	}

	/** Which recurrence rules a request may set. */
	enum RuleSubset {

		/** Contract v3's subset, which the JSON API takes. */
		API,

		/**
		 * The subset and {@code WKST}, which calendar apps send: what CalDAV writes,
		 * imports of the service's own exports and the web UI's forms (which show a
		 * task's rule as it is) take.
		 */
		CALENDAR

	}

	/**
	 * Validates a create request: {@code title} required, {@code description} optional.
	 * @throws InvalidRequestException naming every field at fault
	 */
	static NewTask newTask(JsonNode body, RuleSubset rules) {
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
		Recurrence recurrence = body.has("recurrence") ? recurrence(body.get("recurrence"), rules, errors) : null;
		Long parentId = body.has("parent_id") ? parentId(body.get("parent_id"), errors) : null;
		List<Reminder> reminders = body.has("reminders") ? reminders(body.get("reminders"), errors) : List.of();
		if (!body.has("due") || body.get("due").isNull()) {
			if (recurrence != null) {
				errors.add(new FieldError("recurrence", "needs a due"));
			}
			if (reminders.stream().anyMatch((reminder) -> reminder.before() != null)) {
				errors.add(new FieldError("reminders", "a reminder before the due needs a due"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new NewTask(title, description, projectId, labels, priority, due, recurrence, parentId, reminders,
				body.has("project_id"));
	}

	/**
	 * Validates a JSON merge patch of {@code title}, {@code description} and
	 * {@code completed}, with the same rules as creation.
	 * @throws InvalidRequestException naming every field at fault
	 */
	static TaskPatch patch(JsonNode body, RuleSubset rules) {
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
		boolean setsRecurrence = body.has("recurrence");
		TaskPatch.RecurrenceChange recurrence = setsRecurrence ? recurrenceChange(body.get("recurrence"), rules, errors)
				: null;
		boolean setsParent = body.has("parent_id");
		Long parentId = setsParent ? parentId(body.get("parent_id"), errors) : null;
		List<Reminder> reminders = body.has("reminders") ? reminders(body.get("reminders"), errors) : null;
		if (setsDue && body.get("due").isNull() && recurrence != null) {
			errors.add(new FieldError("recurrence", "needs a due"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new TaskPatch(title, setsDescription, description, completed, setsProject, projectId, labels, priority,
				setsDue, due, setsRecurrence, recurrence, setsParent, parentId, reminders);
	}

	/**
	 * Validates a move: {@code project_id}, {@code parent_id} and {@code after}, each
	 * optional, each an id or null.
	 * @throws InvalidRequestException naming every field at fault
	 */
	static TaskMove move(JsonNode body) {
		List<FieldError> errors = new ArrayList<>();
		for (String name : body.propertyNames()) {
			if (!"project_id".equals(name) && !"parent_id".equals(name) && !"after".equals(name)) {
				errors.add(new FieldError(name, "is not a known field"));
			}
		}
		boolean setsProject = body.has("project_id");
		Long projectId = setsProject ? projectId(body.get("project_id"), errors) : null;
		boolean setsParent = body.has("parent_id");
		Long parentId = setsParent ? parentId(body.get("parent_id"), errors) : null;
		boolean setsAfter = body.has("after");
		Long after = null;
		if (setsAfter && !body.get("after").isNull()) {
			JsonNode node = body.get("after");
			if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1) {
				errors.add(new FieldError("after", "must be the id of a task in the same list, or null"));
			}
			else {
				after = node.longValue();
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new TaskMove(setsProject, projectId, setsParent, parentId, setsAfter, after);
	}

	/**
	 * {@code {"rule": "...", "from": "due"}}, or null; the rule must be of the accepted
	 * subset, and a refusal names the part at fault.
	 */
	private static @Nullable Recurrence recurrence(JsonNode node, RuleSubset rules, List<FieldError> errors) {
		if (node.isNull()) {
			return null;
		}
		if (!node.isObject()) {
			errors.add(new FieldError("recurrence", "must be {\"rule\": \"<RRULE>\", \"from\": \"due\"}, or null"));
			return null;
		}
		for (String name : node.propertyNames()) {
			if (!"rule".equals(name) && !"from".equals(name)) {
				errors.add(new FieldError("recurrence." + name, "is not a known field"));
				return null;
			}
		}
		JsonNode rule = node.get("rule");
		String text = null;
		if (rule == null || !rule.isString()) {
			errors.add(new FieldError("recurrence.rule", (rule == null) ? "is required" : "must be a string"));
		}
		else {
			try {
				text = ((rules == RuleSubset.API) ? RecurrenceRule.parseWithoutWeekStart(rule.stringValue())
						: RecurrenceRule.parse(rule.stringValue()))
					.text();
			}
			catch (RuleRefusedException ex) {
				errors.add(new FieldError("recurrence.rule", ex.getMessage()));
			}
		}
		String anchor = node.has("from") ? anchor(node.get("from"), errors) : Recurrence.FROM_DUE;
		return (text != null && anchor != null) ? new Recurrence(text, anchor) : null;
	}

	/**
	 * {@code recurrence} in a merge patch: null, or an object whose members left out keep
	 * the task's (RFC 7396), so that a patch of the rule keeps what it counts from.
	 */
	private static TaskPatch.@Nullable RecurrenceChange recurrenceChange(JsonNode node, RuleSubset rules,
			List<FieldError> errors) {
		if (!node.isObject() || node.has("rule")) {
			Recurrence whole = recurrence(node, rules, errors);
			return (whole == null) ? null
					: new TaskPatch.RecurrenceChange(whole.rule(), node.has("from") ? whole.from() : null);
		}
		for (String name : node.propertyNames()) {
			if (!"from".equals(name)) {
				errors.add(new FieldError("recurrence." + name, "is not a known field"));
				return null;
			}
		}
		return new TaskPatch.RecurrenceChange(null, node.has("from") ? anchor(node.get("from"), errors) : null);
	}

	/** {@code recurrence.from}: {@code due} (also when null) or {@code completion}. */
	private static @Nullable String anchor(JsonNode from, List<FieldError> errors) {
		if (from.isNull()) {
			return Recurrence.FROM_DUE;
		}
		if (from.isString() && (Recurrence.FROM_DUE.equals(from.stringValue())
				|| Recurrence.FROM_COMPLETION.equals(from.stringValue()))) {
			return from.stringValue();
		}
		errors.add(new FieldError("recurrence.from", "must be due or completion"));
		return null;
	}

	private static @Nullable Long parentId(JsonNode node, List<FieldError> errors) {
		if (node.isNull()) {
			return null;
		}
		if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1) {
			errors.add(new FieldError("parent_id", "must be the id of one of your tasks, or null"));
			return null;
		}
		return node.longValue();
	}

	/**
	 * At most five, each exactly one of {@code {"before": "PT15M"}} (an ISO 8601
	 * duration, not negative, at most a year) and {@code {"at": "<date-time>"}} (with an
	 * offset, kept in UTC).
	 */
	private static List<Reminder> reminders(JsonNode node, List<FieldError> errors) {
		if (!node.isArray()) {
			errors.add(new FieldError("reminders", "must be an array of reminders"));
			return List.of();
		}
		if (node.size() > 10 * REMINDERS_MAX) {
			errors.add(new FieldError("reminders", "must hold at most " + REMINDERS_MAX + " reminders"));
			return List.of();
		}
		List<Reminder> reminders = new ArrayList<>();
		Set<Object> times = new java.util.HashSet<>();
		for (JsonNode element : node) {
			Reminder reminder = reminder(element);
			if (reminder == null) {
				errors.add(new FieldError("reminders",
						"each must be {\"before\": \"<ISO 8601 duration such as PT15M>\"} or "
								+ "{\"at\": \"<ISO 8601 date-time with an offset>\"}; a duration is 0 to 366 days"));
				return List.of();
			}
			// One reminder given twice (PT15M and PT900S, or one instant at two offsets)
			// is
			// kept once, as first spelled, before the reminders are counted.
			if (times.add((reminder.before() != null) ? duration(reminder.before()) : reminder.at())) {
				reminders.add(reminder);
			}
		}
		if (reminders.size() > REMINDERS_MAX) {
			errors.add(new FieldError("reminders", "must hold at most " + REMINDERS_MAX + " reminders"));
			return List.of();
		}
		return List.copyOf(reminders);
	}

	private static @Nullable Reminder reminder(JsonNode element) {
		if (!element.isObject() || element.size() != 1) {
			return null;
		}
		JsonNode before = element.get("before");
		if (before != null && before.isString()) {
			java.time.Duration duration = duration(before.stringValue());
			return (duration != null) ? new Reminder(before.stringValue().toUpperCase(java.util.Locale.ROOT), null)
					: null;
		}
		JsonNode at = element.get("at");
		if (at != null && at.isString()) {
			try {
				java.time.Instant instant = java.time.OffsetDateTime
					.parse(at.stringValue(), java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)
					.toInstant();
				return storable(instant) ? Reminder.at(instant) : null;
			}
			catch (java.time.format.DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}

	/**
	 * An ISO 8601 duration of days, hours, minutes and seconds (or weeks), from zero to
	 * 366 days; null for anything else. Each part is a whole number without a sign, as
	 * RFC 5545 writes a duration, so that every reminder can be exported as a
	 * {@code TRIGGER}: Java's own parser also takes fractions of a second and negative
	 * parts.
	 */
	static java.time.@Nullable Duration duration(String text) {
		if (text.length() > 40 || !text.chars().allMatch((c) -> c < 0x80)) {
			// ISO 8601's letters are ASCII; upper-casing would read a long s as S.
			return null;
		}
		String upper = text.toUpperCase(java.util.Locale.ROOT);
		java.util.regex.Matcher parts = DURATION.matcher(upper);
		if (!parts.matches()) {
			return null;
		}
		java.time.Duration duration;
		try {
			duration = (parts.group(1) != null) ? java.time.Duration.ofDays(7L * Integer.parseInt(parts.group(1)))
					: java.time.Duration.parse(upper);
		}
		catch (java.time.format.DateTimeParseException | ArithmeticException ex) {
			return null;
		}
		if (duration.isNegative() || duration.compareTo(java.time.Duration.ofDays(366)) > 0) {
			return null;
		}
		return duration;
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
	static List<String> labels(JsonNode node, List<FieldError> errors) {
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
	static @Nullable Due due(JsonNode node, List<FieldError> errors) {
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
					java.time.LocalDate day = java.time.LocalDate.parse(date.stringValue());
					if (day.getYear() >= 1) {
						return Due.onDate(day);
					}
				}
			}
			catch (java.time.format.DateTimeParseException ex) {
				// Not a day of the calendar (2026-02-30): the same refusal.
			}
			errors.add(new FieldError("due", "date must be a calendar date as YYYY-MM-DD, from 0001-01-01"));
			return null;
		}
		JsonNode datetime = node.get("datetime");
		try {
			if (datetime.isString()) {
				java.time.Instant instant = java.time.OffsetDateTime
					.parse(datetime.stringValue(), java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)
					.toInstant();
				if (storable(instant)) {
					return Due.at(instant);
				}
			}
		}
		catch (java.time.format.DateTimeParseException ex) {
			// No offset, or no date-time at all: the same refusal.
		}
		errors.add(new FieldError("due", "datetime must be an ISO 8601 date-time with an offset, such as "
				+ "2026-12-01T09:00:00Z, from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z"));
		return null;
	}

	/**
	 * In UTC, where it is stored: within the years 1 to 9999, as PostgreSQL reads them.
	 */
	private static boolean storable(java.time.Instant instant) {
		return !instant.isBefore(FIRST_DUE) && instant.isBefore(AFTER_LAST_DUE);
	}

}
