package org.tasktracker.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.util.unit.DataSize;

/**
 * A request body over {@code tasktracker.http.max-request-body}: answered 413.
 */
class RequestBodyTooLargeException extends ErrorResponseException {

	RequestBodyTooLargeException(DataSize limit) {
		super(HttpStatus.CONTENT_TOO_LARGE);
		getBody().setDetail("Request body is larger than the limit of " + limit.toBytes() + " bytes");
	}

}
