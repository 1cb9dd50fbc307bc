package org.tasktracker.system;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The service's own settings. Each one is also settable through the environment variable
 * that {@code application.yml} maps to it; the README lists them all.
 *
 * @param embedded the embedded PostgreSQL used when no database is configured
 * @param http limits on what clients send, and the threads that serve them
 * @param database how the service copes with its database going away
 * @param idempotency how long {@code Idempotency-Key}s are remembered
 */
@ConfigurationProperties("tasktracker")
public record TaskTrackerProperties(@DefaultValue Embedded embedded, @DefaultValue Http http,
		@DefaultValue Database database, @DefaultValue Idempotency idempotency) {

	/**
	 * @param dataDir where the embedded PostgreSQL keeps its data across restarts
	 * @param port the port it listens on; 0 picks a free one at each start
	 * @param startupTimeout how long to wait for it to accept connections
	 */
	public record Embedded(@DefaultValue("./data") Path dataDir, @DefaultValue("0") int port,
			@DefaultValue("30s") Duration startupTimeout) {
	}

	/**
	 * @param maxRequestBody larger request bodies are refused with 413
	 * @param retryAfter the {@code Retry-After} a 503 suggests while the database is away
	 * @param virtualThreads whether requests are served on virtual threads rather than
	 * Tomcat's pool of platform threads
	 */
	public record Http(@DefaultValue("1MB") DataSize maxRequestBody, @DefaultValue("2s") Duration retryAfter,
			@DefaultValue("true") boolean virtualThreads) {
	}

	/**
	 * @param startupTimeout how long start-up waits for the database to accept
	 * connections before the service gives up and exits
	 * @param retryBudget how long after a request's first database attempt a retry may
	 * still start
	 */
	public record Database(@DefaultValue("60s") Duration startupTimeout, @DefaultValue("2500ms") Duration retryBudget) {
	}

	/**
	 * @param retention how long a key and its response are kept
	 * @param cleanupInterval how often expired keys are deleted
	 */
	public record Idempotency(@DefaultValue("24h") Duration retention, @DefaultValue("10m") Duration cleanupInterval) {
	}

}
