package org.tasktracker.task;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;
import org.tasktracker.web.RequestParts;

import org.springframework.util.MultiValueMap;

/**
 * The filters and page of a {@code GET /tasks}, validated.
 *
 * @param completed only tasks in that state, or null for all
 * @param terms case-insensitive substrings that a task must each hold, each in its title
 * or its description, or empty for all: the API's {@code q} is one term, and the web UI's
 * search gives one per word
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 * @param after keyset cursor: only ids beyond it in the listing order, or null
 * @param descending newest first instead of oldest first
 * @param filters the filters of contract v2 part B
 */
record TaskListQuery(@Nullable Boolean completed, List<String> terms, int limit, @Nullable Long after,
		boolean descending, Filters filters) {

	TaskListQuery {
		terms = List.copyOf(terms);
	}

	/** A query with the v1 parameters only. */
	TaskListQuery(@Nullable Boolean completed, @Nullable String q, int limit, @Nullable Long after,
			boolean descending) {
		this(completed, termsOf(q), limit, after, descending, Filters.NONE);
	}

	private static List<String> termsOf(@Nullable String q) {
		return (q != null) ? List.of(q) : List.of();
	}

	/**
	 * The API's {@code q}: the one term, or null.
	 * @throws IllegalStateException for a query of several terms, which no {@code q}
	 * expresses
	 */
	@Nullable String q() {
		if (this.terms.size() > 1) {
			throw new IllegalStateException("A query of several terms has no q");
		}
		return this.terms.isEmpty() ? null : this.terms.get(0);
	}

	/**
	 * This query, for tasks that hold every one of {@code words} as well: the web UI's
	 * search, which the API's {@code q} cannot express.
	 */
	TaskListQuery searching(List<String> words) {
		List<String> all = new ArrayList<>(this.terms);
		all.addAll(words);
		return new TaskListQuery(this.completed, all, this.limit, this.after, this.descending, this.filters);
	}

	/**
	 * The v2 filters, all combined by AND.
	 *
	 * @param project tasks in that project, or null for any
	 * @param inbox tasks in no project
	 * @param labelKeys tasks carrying every one of these labels (lower-cased)
	 * @param priorities tasks with one of these priorities, or empty for any
	 * @param due today, overdue, upcoming or none, or null
	 * @param dueFrom due on this date or later, in the caller's zone, or null
	 * @param dueTo due on this date or earlier, in the caller's zone, or null
	 * @param parent the direct children of this task, or null
	 * @param roots root tasks only ({@code parent_id=none})
	 */
	record Filters(@Nullable Long project, boolean inbox, List<String> labelKeys, List<Integer> priorities,
			@Nullable String due, java.time.@Nullable LocalDate dueFrom, java.time.@Nullable LocalDate dueTo,
			String sort, @Nullable String cursor, @Nullable PageCursor position, @Nullable Long parent, boolean roots) {

		static final Filters NONE = new Filters(null, false, List.of(), List.of(), null, null, null, "id", null, null,
				null, false);

		/** Whether the listing is in id order, paged by {@code after}. */
		boolean byId() {
			return "id".equals(this.sort);
		}

		/**
		 * Whether the fastest way to a page depends on the filters' values: on how many
		 * of the caller's tasks carry the labels, have the priorities or fall due in the
		 * range.
		 */
		boolean selectivityMatters() {
			return !this.labelKeys.isEmpty() || !this.priorities.isEmpty() || judgedInZone();
		}

		/** Whether the filters need the caller's time zone to be applied. */
		boolean judgedInZone() {
			return this.due != null || this.dueFrom != null || this.dueTo != null;
		}

	}

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	static final int Q_MAX = 200;

	/**
	 * Reads the known parameters; unknown ones are ignored.
	 * @throws InvalidRequestException naming every parameter with a bad value
	 */
	static TaskListQuery from(MultiValueMap<String, String> parameters) {
		List<FieldError> errors = new ArrayList<>();
		Boolean completed = null;
		String completedValue = single(parameters, "completed", errors);
		if (completedValue != null) {
			switch (completedValue) {
				case "true" -> completed = true;
				case "false" -> completed = false;
				default -> errors.add(new FieldError("completed", "must be true or false"));
			}
		}
		String q = single(parameters, "q", errors);
		if (q != null) {
			if (q.indexOf('\0') >= 0) {
				errors.add(new FieldError("q", "must not contain U+0000"));
			}
			else if (q.codePointCount(0, q.length()) > Q_MAX) {
				errors.add(new FieldError("q", "must be at most " + Q_MAX + " characters"));
			}
			else if (q.isEmpty()) {
				q = null;
			}
		}
		int limit = limit(parameters, errors);
		Long after = null;
		String afterValue = single(parameters, "after", errors);
		if (afterValue != null) {
			after = RequestParts.nonNegative(afterValue);
			if (after == null) {
				errors.add(new FieldError("after", "must be a task id (a non-negative 64-bit integer)"));
			}
		}
		boolean descending = false;
		String order = single(parameters, "order", errors);
		if (order != null) {
			switch (order) {
				case "asc" -> descending = false;
				case "desc" -> descending = true;
				default -> errors.add(new FieldError("order", "must be asc or desc"));
			}
		}
		Filters filters = filters(parameters, errors);
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new TaskListQuery(completed, termsOf(q), limit, after, descending, filters);
	}

	private static Filters filters(MultiValueMap<String, String> parameters, List<FieldError> errors) {
		Long project = null;
		boolean inbox = false;
		String projectValue = single(parameters, "project_id", errors);
		if (projectValue != null) {
			if ("inbox".equals(projectValue)) {
				inbox = true;
			}
			else {
				project = RequestParts.nonNegative(projectValue);
				if (project == null || project == 0) {
					errors.add(new FieldError("project_id", "must be a project id or inbox"));
				}
			}
		}
		List<String> labelKeys = new ArrayList<>();
		String labelValue = single(parameters, "label", errors);
		if (labelValue != null) {
			for (String label : labelValue.split(",", -1)) {
				String trimmed = org.tasktracker.web.TextRules.trim(label);
				String problem = TaskRequests.labelProblem(trimmed);
				if (problem != null) {
					errors.add(new FieldError("label", "each label " + problem));
					break;
				}
				labelKeys.add(TaskRequests.labelKey(trimmed));
			}
		}
		List<Integer> priorities = new ArrayList<>();
		String priorityValue = single(parameters, "priority", errors);
		if (priorityValue != null) {
			for (String priority : priorityValue.split(",", -1)) {
				if (!priority.matches("[1-4]")) {
					errors.add(new FieldError("priority", "must be priorities from 1 to 4, separated by commas"));
					break;
				}
				priorities.add(Integer.valueOf(priority));
			}
		}
		String due = single(parameters, "due", errors);
		if (due != null && !List.of("today", "overdue", "upcoming", "none").contains(due)) {
			errors.add(new FieldError("due", "must be today, overdue, upcoming or none"));
		}
		java.time.LocalDate dueFrom = date(parameters, "due_from", errors);
		java.time.LocalDate dueTo = date(parameters, "due_to", errors);
		if (dueFrom != null && dueTo != null && dueFrom.isAfter(dueTo)) {
			errors.add(new FieldError("due_from", "must not be after due_to"));
		}
		String sort = single(parameters, "sort", errors);
		if (sort == null) {
			sort = "id";
		}
		else if (!List.of("id", "due", "priority", "updated", "position").contains(sort)) {
			errors.add(new FieldError("sort", "must be id, due, priority, updated or position"));
		}
		String cursor = single(parameters, "cursor", errors);
		if (cursor != null && "id".equals(sort)) {
			errors.add(new FieldError("cursor",
					"is for sort=due, priority, updated or position; sort=id pages with after"));
		}
		Long parent = null;
		boolean roots = false;
		String parentValue = single(parameters, "parent_id", errors);
		if (parentValue != null) {
			if ("none".equals(parentValue)) {
				roots = true;
			}
			else {
				parent = RequestParts.nonNegative(parentValue);
				if (parent == null || parent == 0) {
					errors.add(new FieldError("parent_id", "must be a task id or none"));
				}
			}
		}
		if (parameters.containsKey("after") && !"id".equals(sort)) {
			errors.add(new FieldError("after", "is for sort=id; other sorts page with the cursor of their Link"));
		}
		return new Filters(project, inbox, List.copyOf(labelKeys), List.copyOf(priorities), due, dueFrom, dueTo, sort,
				cursor, null, parent, roots);
	}

	private static java.time.@Nullable LocalDate date(MultiValueMap<String, String> parameters, String name,
			List<FieldError> errors) {
		String value = single(parameters, name, errors);
		if (value == null) {
			return null;
		}
		try {
			if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
				java.time.LocalDate day = java.time.LocalDate.parse(value);
				if (day.getYear() >= 1) {
					// Year 0 parses here but not in PostgreSQL.
					return day;
				}
			}
		}
		catch (java.time.format.DateTimeParseException ex) {
			// Not a day of the calendar: the same refusal.
		}
		errors.add(new FieldError(name, "must be a calendar date as YYYY-MM-DD, from 0001-01-01"));
		return null;
	}

	/** This query, continuing after {@code position} (a decoded cursor). */
	TaskListQuery at(PageCursor position) {
		Filters f = this.filters;
		return new TaskListQuery(this.completed, this.terms, this.limit, this.after, this.descending,
				new Filters(f.project(), f.inbox(), f.labelKeys(), f.priorities(), f.due(), f.dueFrom(), f.dueTo(),
						f.sort(), f.cursor(), position, f.parent(), f.roots()));
	}

	/**
	 * The root-relative URL of the page after the one ending at {@code lastId}, repeating
	 * the filters.
	 */
	String nextPageUrl(long lastId) {
		StringBuilder url = new StringBuilder("/tasks?");
		if (this.completed != null) {
			url.append("completed=").append(this.completed).append('&');
		}
		String q = q();
		if (q != null) {
			url.append("q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20")).append('&');
		}
		Filters filters = this.filters;
		if (filters.inbox()) {
			url.append("project_id=inbox&");
		}
		if (filters.project() != null) {
			url.append("project_id=").append(filters.project()).append('&');
		}
		if (!filters.labelKeys().isEmpty()) {
			url.append("label=")
				.append(URLEncoder.encode(String.join(",", filters.labelKeys()), StandardCharsets.UTF_8)
					.replace("+", "%20"))
				.append('&');
		}
		if (!filters.priorities().isEmpty()) {
			url.append("priority=")
				.append(String.join(",", filters.priorities().stream().map(String::valueOf).toList()))
				.append('&');
		}
		if (filters.due() != null) {
			url.append("due=").append(filters.due()).append('&');
		}
		if (filters.dueFrom() != null) {
			url.append("due_from=").append(filters.dueFrom()).append('&');
		}
		if (filters.dueTo() != null) {
			url.append("due_to=").append(filters.dueTo()).append('&');
		}
		if (filters.roots()) {
			url.append("parent_id=none&");
		}
		if (filters.parent() != null) {
			url.append("parent_id=").append(filters.parent()).append('&');
		}
		url.append("limit=").append(this.limit).append('&');
		if (this.descending) {
			url.append("order=desc&");
		}
		return url.append("after=").append(lastId).toString();
	}

	/**
	 * The root-relative URL of the next page of a listing in another order than by id:
	 * the filters, and the opaque cursor that says where the page ended.
	 */
	String nextPageUrl(String cursor) {
		String byId = nextPageUrl(0);
		return byId.substring(0, byId.lastIndexOf("after=")) + "sort=" + this.filters.sort() + "&cursor=" + cursor;
	}

	/**
	 * The page size asked for ({@code limit}, 1 to {@value #MAX_LIMIT}), or the default;
	 * a bad one is added to {@code errors}. Every paged listing takes it so.
	 */
	static int limit(MultiValueMap<String, String> parameters, List<FieldError> errors) {
		return bounded(parameters, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT, errors);
	}

	/**
	 * An integer parameter from {@code min} to {@code max}, given at most once, or its
	 * default; a bad one is added to {@code errors}.
	 */
	static int bounded(MultiValueMap<String, String> parameters, String name, int min, int max, int byDefault,
			List<FieldError> errors) {
		String value = single(parameters, name, errors);
		if (value == null) {
			return byDefault;
		}
		Long parsed = RequestParts.nonNegative(value);
		if (parsed == null || parsed < min || parsed > max) {
			errors.add(new FieldError(name, "must be an integer from " + min + " to " + max));
			return byDefault;
		}
		return parsed.intValue();
	}

	static @Nullable String single(MultiValueMap<String, String> parameters, String name, List<FieldError> errors) {
		List<String> values = parameters.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			errors.add(new FieldError(name, "must be given at most once"));
			return null;
		}
		return values.get(0);
	}

}
