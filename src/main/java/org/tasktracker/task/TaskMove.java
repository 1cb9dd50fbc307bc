package org.tasktracker.task;

import org.jspecify.annotations.Nullable;

/**
 * A validated {@code POST /tasks/{id}/move}: where the task goes. A field the request
 * leaves out keeps the task's current value; {@code after} left out puts it last.
 *
 * @param setsProject whether the request names {@code project_id}
 * @param projectId the project (null: the Inbox) when {@code setsProject}
 * @param setsParent whether the request names {@code parent_id}
 * @param parentId the parent (null: a root task) when {@code setsParent}
 * @param setsAfter whether the request names {@code after}
 * @param after the sibling to follow (null: first) when {@code setsAfter}
 */
record TaskMove(boolean setsProject, @Nullable Long projectId, boolean setsParent, @Nullable Long parentId,
		boolean setsAfter, @Nullable Long after) {
}
