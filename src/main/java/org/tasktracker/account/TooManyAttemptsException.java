package org.tasktracker.account;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponseException;

/**
 * Too many failed credential checks from an address (passwords, tokens), or too many
 * accounts opened from it: answered 429 with {@code Retry-After}, without looking at the
 * credentials.
 */
class TooManyAttemptsException extends AuthenticationException {

	private final long retryAfterSeconds;

	private final String what;

	private TooManyAttemptsException(String what, long retryAfterSeconds) {
		super("Too many " + what);
		this.what = what;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	static TooManyAttemptsException passwords(long retryAfterSeconds) {
		return new TooManyAttemptsException("failed password checks", retryAfterSeconds);
	}

	static TooManyAttemptsException tokens(long retryAfterSeconds) {
		return new TooManyAttemptsException("invalid tokens from this address", retryAfterSeconds);
	}

	static TooManyAttemptsException registrations(long retryAfterSeconds) {
		return new TooManyAttemptsException("accounts opened from this address", retryAfterSeconds);
	}

	long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	String detail() {
		return "Too many " + this.what + "; retry after " + this.retryAfterSeconds + " s";
	}

	/** The same refusal, for a controller to throw. */
	ErrorResponseException toErrorResponse() {
		ErrorResponseException refusal = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, this);
		refusal.getBody().setDetail(detail());
		refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfterSeconds));
		return refusal;
	}

}
