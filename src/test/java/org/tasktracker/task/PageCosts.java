package org.tasktracker.task;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a page's statement costs PostgreSQL, measured by running it under
 * {@code EXPLAIN ANALYZE} with its values: a count of work that does not depend on the
 * machine's speed, so a test can tell reading a few hundred tasks from walking every
 * task.
 */
final class PageCosts {

	private static final Pattern SCAN_OF_TASKS = Pattern
		.compile("(?:Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan)(?: Backward)?(?: using \\S+)? on tasks\\b"
				+ ".*\\(actual rows=(\\d+(?:\\.\\d+)?) loops=(\\d+)\\)");

	private static final Pattern REMOVED = Pattern.compile("Rows Removed by (?:Filter|Index Recheck): (\\d+)");

	private PageCosts() {
	}

	/**
	 * The rows of {@code tasks} the page's statement read: those its scans of the table
	 * returned, in every loop, and those they read and filtered out.
	 */
	static long tasksRead(JdbcClient jdbc, long owner, TaskListQuery query) {
		TaskRepository.PageStatement page = TaskRepository.pageStatement(owner, query);
		List<String> plan = jdbc.sql("EXPLAIN (ANALYZE, TIMING OFF) " + page.sql())
			.params(page.parameters())
			.query(String.class)
			.list();
		double read = 0;
		boolean inScanOfTasks = false;
		for (String line : plan) {
			Matcher scan = SCAN_OF_TASKS.matcher(line);
			if (scan.find()) {
				read += Double.parseDouble(scan.group(1)) * Long.parseLong(scan.group(2));
				inScanOfTasks = true;
			}
			else if (line.contains("->")) {
				inScanOfTasks = false;
			}
			Matcher removed = REMOVED.matcher(line);
			if (inScanOfTasks && removed.find()) {
				read += Long.parseLong(removed.group(1));
			}
		}
		return Math.round(read);
	}

}
