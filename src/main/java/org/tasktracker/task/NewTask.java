package org.tasktracker.task;

import org.jspecify.annotations.Nullable;

/**
 * A validated request to create a task.
 *
 * @param title trimmed, 1 to 200 code points, no control characters
 * @param description up to 10,000 code points, or null
 */
record NewTask(String title, @Nullable String description) {
}
