package org.tasktracker.task;

import java.time.Instant;
import java.util.UUID;

/**
 * Test data for tasks.
 */
final class TaskFixtures {

	static final Instant CREATED = Instant.parse("2026-11-26T15:04:05.123456Z");

	private TaskFixtures() {
	}

	/**
	 * A stored, open task with id 1 titled "Test", as the original design's unit test.
	 */
	static Task aTask() {
		return new Task(1, "Test", null, false, CREATED, CREATED, null);
	}

	static NewTask aNewTask(String title) {
		return new NewTask(title, null);
	}

	/** A word no other test uses, to find this test's tasks in the shared database. */
	static String uniqueMarker() {
		return "m" + UUID.randomUUID().toString().replace("-", "");
	}

}
