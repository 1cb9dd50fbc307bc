package org.tasktracker.task;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;
import org.tasktracker.web.RequestParts;

import org.springframework.util.MultiValueMap;

/**
 * The page of {@code GET /tasks/{id}/completions} asked for: its size, as tasks' pages
 * are sized, and the last completion of the page before.
 *
 * @param limit 1 to {@value TaskListQuery#MAX_LIMIT}
 * @param after the id of the previous page's last completion, or null
 */
record CompletionPage(int limit, @Nullable Long after) {

	/**
	 * @throws InvalidRequestException naming each parameter at fault
	 */
	static CompletionPage from(MultiValueMap<String, String> parameters) {
		List<FieldError> errors = new ArrayList<>();
		int limit = TaskListQuery.limit(parameters, errors);
		Long after = null;
		String afterValue = TaskListQuery.single(parameters, "after", errors);
		if (afterValue != null) {
			after = RequestParts.nonNegative(afterValue);
			if (after == null || after < 1) {
				errors.add(new FieldError("after", "must be a completion id (a positive 64-bit integer)"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new CompletionPage(limit, after);
	}

}
