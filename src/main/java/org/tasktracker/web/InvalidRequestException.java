package org.tasktracker.web;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A well-formed request that breaks the rules: answered 422 with every broken rule named
 * in {@code errors}.
 */
public class InvalidRequestException extends ErrorResponseException {

	private final List<FieldError> errors;

	public InvalidRequestException(List<FieldError> errors) {
		super(HttpStatus.UNPROCESSABLE_CONTENT);
		if (errors.isEmpty()) {
			throw new IllegalArgumentException("An invalid request names at least one error");
		}
		this.errors = List.copyOf(errors);
		getBody().setDetail(this.errors.stream()
			.map((error) -> error.field() + ": " + error.message())
			.collect(Collectors.joining("; ")));
		getBody().setProperty("errors", this.errors);
	}

	public InvalidRequestException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	public List<FieldError> getErrors() {
		return this.errors;
	}

}
