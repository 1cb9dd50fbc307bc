package org.tasktracker.account;

import org.springframework.dao.DataAccessException;
import org.springframework.security.core.AuthenticationException;

/**
 * A credential that could not be checked because the database did not answer: not a
 * refusal, so the entry point answers it with the 503 of an unreachable database
 * ({@link AccessProblems}). Deliberately not Spring's
 * {@code AuthenticationServiceException}: the bearer token filter rethrows that one past
 * every entry point, and the container would answer it with a 500.
 */
final class CredentialStoreUnavailableException extends AuthenticationException {

	CredentialStoreUnavailableException(String message, DataAccessException cause) {
		super(message, cause);
	}

}
