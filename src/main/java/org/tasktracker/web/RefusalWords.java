package org.tasktracker.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal of the API, as sentences for a page of the web UI: one per field at fault
 * ("The time zone is not a known zone."), or the problem's detail. The API names fields
 * and parameters as they are on the wire ({@code expires_in_days}); a page names them as
 * its form does, so each page passes its own words for them ({@link Words}).
 */
public final class RefusalWords {

	private RefusalWords() {
	}

	/** The refusal in the API's detail and field names, each {@code _} a space. */
	public static List<String> of(ErrorResponseException refusal) {
		return of(refusal, Words.NONE);
	}

	public static List<String> of(ErrorResponseException refusal, Words words) {
		if (refusal instanceof InvalidRequestException invalid) {
			return invalid.getErrors().stream().map((error) -> {
				String whole = words.sentences().get(error.field() + ": " + error.message());
				if (whole != null) {
					return whole;
				}
				String field = words.fields().getOrDefault(error.field(), "The " + error.field().replace('_', ' '));
				return field + " " + error.message() + ".";
			}).toList();
		}
		if (refusal.getStatusCode().value() == HttpStatus.NOT_FOUND.value() && words.missing() != null) {
			return List.of(words.missing());
		}
		return List
			.of(words.sentences().getOrDefault(refusal.getBody().getDetail(), refusal.getBody().getDetail() + "."));
	}

	/**
	 * A page's words for the API's.
	 *
	 * @param fields the page's name for each field, by the API's name
	 * ({@code "expires_in_days"} to {@code "The number of days"}), followed by the API's
	 * message
	 * @param sentences whole sentences in place of the API's, by {@code "field: message"}
	 * for a field's, or by the problem's detail
	 * @param missing the sentence for a 404: the thing the page acted on is gone (the
	 * API's detail names it by its id)
	 */
	public record Words(Map<String, String> fields, Map<String, String> sentences, @Nullable String missing) {

		static final Words NONE = new Words(Map.of(), Map.of(), null);

	}

}
