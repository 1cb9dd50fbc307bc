/**
 * Which PostgreSQL the service uses (DATABASE_URL, Spring's datasource settings or the
 * embedded one), its connection pool, retries of transient failures, the start-up wait
 * and gathered writes.
 */
package org.tasktracker.database;
