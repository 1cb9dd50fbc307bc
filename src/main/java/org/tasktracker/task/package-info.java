/**
 * The task feature: its HTTP edge, request rules, data access and types.
 */
package org.tasktracker.task;
