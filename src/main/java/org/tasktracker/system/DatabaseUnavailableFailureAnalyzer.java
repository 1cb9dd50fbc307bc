package org.tasktracker.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a start-up that gave up waiting for the database as one line of reason and one
 * of advice, instead of a stack trace.
 */
class DatabaseUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnavailableAtStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnavailableAtStartupException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Check that PostgreSQL is running and that DATABASE_URL (or SPRING_DATASOURCE_URL) points at it, "
						+ "or wait longer with DATABASE_STARTUP_TIMEOUT.",
				cause);
	}

}
