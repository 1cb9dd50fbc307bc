package org.tasktracker.caldav;

import org.springframework.http.HttpStatus;

/**
 * A DAV request refused where no precondition of WebDAV or CalDAV applies: answered as
 * problem+json, as the API's refusals are (DAV clients read only the status).
 */
final class DavProblem extends RuntimeException {

	private final HttpStatus status;

	DavProblem(HttpStatus status, String detail) {
		super(detail, null, false, false);
		this.status = status;
	}

	HttpStatus status() {
		return this.status;
	}

}
