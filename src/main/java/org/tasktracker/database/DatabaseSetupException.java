package org.tasktracker.database;

/**
 * The service cannot get a database to work with; start-up reports it as one line of
 * reason and one of advice (see {@link DatabaseSetupFailureAnalyzer}) and exits 1.
 */
class DatabaseSetupException extends RuntimeException {

	private final String action;

	DatabaseSetupException(String reason, String action) {
		super(reason);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
