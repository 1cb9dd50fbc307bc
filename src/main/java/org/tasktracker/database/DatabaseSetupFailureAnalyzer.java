package org.tasktracker.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a start-up without a usable database as one line of reason and one of advice,
 * instead of a stack trace.
 */
class DatabaseSetupFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseSetupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseSetupException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
