/**
 * CalDAV (contract v3, part E), a way into the tasks of its own: tasks as iCalendar
 * VTODOs, in {@code GET /export.ics} and a CalDAV server that reads and writes them. It
 * reaches tasks only through the task feature's published interface, and keeps what
 * clients chose (resource names, UIDs, properties the service does not model) in tables
 * of its own.
 */
package org.tasktracker.caldav;
