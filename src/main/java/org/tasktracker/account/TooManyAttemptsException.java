package org.tasktracker.account;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponseException;

/**
 * Too many failed password checks for a username or from an address: answered 429 with
 * {@code Retry-After}, without checking the password.
 */
class TooManyAttemptsException extends AuthenticationException {

	private final long retryAfterSeconds;

	TooManyAttemptsException(long retryAfterSeconds) {
		super("Too many failed password checks");
		this.retryAfterSeconds = retryAfterSeconds;
	}

	long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	String detail() {
		return "Too many failed password checks; retry after " + this.retryAfterSeconds + " s";
	}

	/** The same refusal, for a controller to throw. */
	ErrorResponseException toErrorResponse() {
		ErrorResponseException refusal = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, this);
		refusal.getBody().setDetail(detail());
		refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfterSeconds));
		return refusal;
	}

}
