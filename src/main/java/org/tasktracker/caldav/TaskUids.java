package org.tasktracker.caldav;

/**
 * The iCalendar {@code UID} of a task: derived from its id, {@code task-42@tasktracker},
 * stable for as long as the task lives and never given to another task of the service
 * (ids are never reused). A task imported by {@code POST /import} is a new task with a
 * new id, so it gets a new UID, as a copy should.
 * <p>
 * CalDAV clients choose the UIDs of the tasks they create and expect them back unchanged:
 * those are stored by this module ({@link DavResources}), beside the resource names
 * clients choose and the properties the service does not model; a task without a stored
 * UID keeps this derived one.
 */
final class TaskUids {

	private TaskUids() {
	}

	static String of(long taskId) {
		return "task-" + taskId + "@tasktracker";
	}

}
