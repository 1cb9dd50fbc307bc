package org.tasktracker.task;

/**
 * The assignments that record a change of a task or project row, which every
 * {@code UPDATE} of {@code tasks} or {@code projects} that may change a row includes:
 * {@code updated_at}, {@code version} (the ETag) and {@code changed_xid} (what the change
 * feed reads) move together. The statements move them rather than a trigger, because a
 * {@code BEFORE UPDATE} row trigger locks each row first (V17); the tests' guard trigger
 * fails any update that forgets.
 */
final class RowChange {

	/** The version and the feed's transaction id, for a change that keeps updated_at. */
	static final String VERSION = "version = version + 1, changed_xid = pg_current_xact_id()";

	/** For a statement whose {@code WHERE} admits only rows it changes. */
	static final String ALWAYS = "updated_at = now(), " + VERSION;

	private RowChange() {
	}

	/**
	 * For a statement that may leave a row as it was: the three move only where
	 * {@code changed}, a condition on the row's old values, holds.
	 */
	static String when(String changed) {
		return """
				updated_at = CASE WHEN %1$s THEN now() ELSE updated_at END, \
				version = CASE WHEN %1$s THEN version + 1 ELSE version END, \
				changed_xid = CASE WHEN %1$s THEN pg_current_xact_id() ELSE changed_xid END"""
			.formatted("(" + changed + ")");
	}

}
