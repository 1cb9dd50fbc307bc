/**
 * What every feature shares: problem responses, database selection and the embedded
 * PostgreSQL, health checks, request ids and request limits.
 */
package org.tasktracker.system;
