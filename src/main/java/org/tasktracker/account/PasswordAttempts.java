package org.tasktracker.account;

import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * Failed password checks, counted in windows of a minute per client address (contract v2,
 * part A): after {@value #LIMIT} failures in a window, every check from that address is
 * refused, a correct password too, before the password is hashed, until the window ends.
 * That bounds the failures of each username from that address too, at the same figure.
 * Failures from one address never lock the user out from another, so nobody can lock
 * anybody out by guessing. With {@link SharedLimits}, the failures of every instance
 * count.
 */
@Component
class PasswordAttempts {

	static final int LIMIT = 10;

	static final Duration WINDOW = Duration.ofMinutes(1);

	private final AttemptWindows failures;

	PasswordAttempts(SharedLimits shared) {
		this.failures = new AttemptWindows(LIMIT, WINDOW, shared.ifEnabled(), "password");
	}

	/**
	 * @throws TooManyAttemptsException if the address has used up its failures in this
	 * window
	 * @throws org.springframework.dao.DataAccessException if the failures counted
	 * elsewhere are needed and the database cannot be reached
	 */
	void checkAllowed(String address) {
		long wait = this.failures.waitSeconds(address);
		if (wait > 0) {
			throw TooManyAttemptsException.passwords(wait);
		}
	}

	void failed(String address) {
		this.failures.count(address);
	}

}
