package org.tasktracker.database;

import java.time.Duration;

/**
 * The database did not accept connections within the start-up wait.
 */
class DatabaseUnavailableAtStartupException extends DatabaseSetupException {

	DatabaseUnavailableAtStartupException(Duration waited, int attempts, String lastFailure) {
		super("Database not reachable after " + waited.toSeconds() + "s (" + attempts + " attempts); last error: "
				+ lastFailure,
				"Check that PostgreSQL is running and that DATABASE_URL (or SPRING_DATASOURCE_URL) points at it, "
						+ "or wait longer with DATABASE_STARTUP_TIMEOUT.");
	}

}
