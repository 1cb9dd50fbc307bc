/**
 * What the task feature publishes to the ways into the tasks that live in modules of
 * their own (CalDAV, its {@code GET /export.ics}): the caller's tasks as plain values,
 * read through {@link org.tasktracker.task.published.OwnedTasks} and changed through
 * {@link org.tasktracker.task.published.TaskWrites}, never through the task feature's
 * repositories or SQL.
 */
@NamedInterface("published")
package org.tasktracker.task.published;

import org.springframework.modulith.NamedInterface;
