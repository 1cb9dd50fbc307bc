package org.tasktracker.task;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * A task's direct children: how many are open, and how many there are.
 *
 * @param open the open ones
 * @param total all of them
 */
@Schema(name = "SubtaskCounts", description = "The task's direct subtasks")
record SubtaskCounts(@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0") int open,
		@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0") int total) {

	static final SubtaskCounts NONE = new SubtaskCounts(0, 0);

}
