package org.tasktracker.system;

import java.time.Duration;

/**
 * The database did not accept connections within the start-up wait.
 */
class DatabaseUnavailableAtStartupException extends RuntimeException {

	DatabaseUnavailableAtStartupException(Duration waited, int attempts, String lastFailure) {
		super("Database not reachable after " + waited.toSeconds() + "s (" + attempts + " attempts); last error: "
				+ lastFailure);
	}

}
