package org.tasktracker.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A request body that is JSON but not a JSON object: answered 400 like malformed JSON.
 */
public class NotAnObjectException extends ErrorResponseException {

	public NotAnObjectException() {
		super(HttpStatus.BAD_REQUEST);
		getBody().setDetail("Request body must be a JSON object");
	}

}
