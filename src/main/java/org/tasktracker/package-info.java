/**
 * TaskTracker: a task-tracking HTTP service on PostgreSQL; the application's entry point.
 */
package org.tasktracker;
