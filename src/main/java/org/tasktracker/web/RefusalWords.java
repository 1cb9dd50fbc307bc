package org.tasktracker.web;

import java.util.List;

import org.springframework.web.ErrorResponseException;

/**
 * A refusal of the API, as sentences for a page of the web UI: one per field at fault
 * ("The time zone is not a known zone."), or the problem's detail.
 */
public final class RefusalWords {

	private RefusalWords() {
	}

	public static List<String> of(ErrorResponseException refusal) {
		if (refusal instanceof InvalidRequestException invalid) {
			return invalid.getErrors()
				.stream()
				.map((error) -> "The " + error.field().replace('_', ' ') + " " + error.message() + ".")
				.toList();
		}
		return List.of(refusal.getBody().getDetail() + ".");
	}

}
