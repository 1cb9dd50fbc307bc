package org.tasktracker.web;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The parts of a request every feature reads the same way (ids in paths, plain integers
 * in query strings, bodies that must be JSON objects), and its refusals.
 */
public final class RequestParts {

	private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

	private RequestParts() {
	}

	/** A plain decimal integer that fits in int64, or null: no sign, no fraction. */
	public static @Nullable Long nonNegative(String value) {
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

	/** An id in a path: a positive integer that fits in int64; anything else is a 422. */
	public static long positiveId(String value) {
		Long id = nonNegative(value);
		if (id == null || id == 0) {
			throw new InvalidRequestException("id", "must be a positive 64-bit integer");
		}
		return id;
	}

	/**
	 * A refusal answered as a problem with {@code status} and {@code detail}, for a
	 * controller or service to throw.
	 */
	public static ErrorResponseException refusal(HttpStatus status, String detail) {
		ErrorResponseException refusal = new ErrorResponseException(status);
		refusal.getBody().setDetail(detail);
		return refusal;
	}

	/** A body that is JSON but not an object is answered 400, like malformed JSON. */
	public static JsonNode requireObject(JsonNode body) {
		if (!body.isObject()) {
			throw new NotAnObjectException();
		}
		return body;
	}

}
