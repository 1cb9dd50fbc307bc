package org.tasktracker.database;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service copes with its database going away.
 *
 * @param startupTimeout how long start-up waits for the database to accept connections
 * before the service gives up and exits
 * @param retryBudget how long after a request's first database attempt a retry may still
 * start
 * @param statementTimeout how long one statement of a request may run before PostgreSQL
 * cancels it (the request then gets a 503); migrations are exempt
 */
@ConfigurationProperties("tasktracker.database")
public record DatabaseProperties(@DefaultValue("60s") Duration startupTimeout, @DefaultValue("2s") Duration retryBudget,
		@DefaultValue("3s") Duration statementTimeout) {
}
