package org.tasktracker.task;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;

import org.springframework.util.MultiValueMap;

/**
 * The filters and page of a {@code GET /tasks}, validated.
 *
 * @param completed only tasks in that state, or null for all
 * @param q case-insensitive substring of title or description, or null for all
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 * @param after keyset cursor: only ids beyond it in the listing order, or null
 * @param descending newest first instead of oldest first
 */
record TaskListQuery(@Nullable Boolean completed, @Nullable String q, int limit, @Nullable Long after,
		boolean descending) {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	static final int Q_MAX = 200;

	private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

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
		int limit = DEFAULT_LIMIT;
		String limitValue = single(parameters, "limit", errors);
		if (limitValue != null) {
			Long parsed = parseNonNegative(limitValue);
			if (parsed == null || parsed < 1 || parsed > MAX_LIMIT) {
				errors.add(new FieldError("limit", "must be an integer from 1 to " + MAX_LIMIT));
			}
			else {
				limit = parsed.intValue();
			}
		}
		Long after = null;
		String afterValue = single(parameters, "after", errors);
		if (afterValue != null) {
			after = parseNonNegative(afterValue);
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
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new TaskListQuery(completed, q, limit, after, descending);
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
		if (this.q != null) {
			url.append("q=").append(URLEncoder.encode(this.q, StandardCharsets.UTF_8).replace("+", "%20")).append('&');
		}
		url.append("limit=").append(this.limit).append('&');
		if (this.descending) {
			url.append("order=desc&");
		}
		return url.append("after=").append(lastId).toString();
	}

	private static @Nullable String single(MultiValueMap<String, String> parameters, String name,
			List<FieldError> errors) {
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

	/** A plain decimal integer that fits in int64, or null: no sign, no fraction. */
	static @Nullable Long parseNonNegative(String value) {
		if (!DIGITS.matcher(value).matches()) {
			return null;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
