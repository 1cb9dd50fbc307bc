/**
 * Recurring tasks' rules: RFC 5545 recurrence rules in the subset the service accepts,
 * their next occurrences in the owner's wall-clock time, their English words and the
 * phrases quick add reads.
 */
package org.tasktracker.recurrence;
