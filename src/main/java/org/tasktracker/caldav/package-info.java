/**
 * CalDAV (contract v3, part E), a way into the tasks of its own: tasks as iCalendar
 * VTODOs, so far {@code GET /export.ics}. It reads tasks only through the task feature's
 * published interface.
 */
package org.tasktracker.caldav;
