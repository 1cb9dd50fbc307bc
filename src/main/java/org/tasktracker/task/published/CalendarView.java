package org.tasktracker.task.published;

import org.jspecify.annotations.Nullable;

/**
 * A project that is not archived, as the task feature publishes it to other modules: what
 * a calendar of a CalDAV client shows of it.
 *
 * @param id the project's id
 * @param name its name
 * @param color its colour as {@code #rrggbb}, or null for the default
 * @param version grows with every change to the project
 */
public record CalendarView(long id, String name, @Nullable String color, long version) {
}
