package org.tasktracker.task;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A request body that is JSON but not a JSON object: answered 400 like malformed JSON.
 */
class NotAnObjectException extends ErrorResponseException {

	NotAnObjectException() {
		super(HttpStatus.BAD_REQUEST);
		getBody().setDetail("Request body must be a JSON object");
	}

}
