package org.tasktracker.database;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no database is configured.
 *
 * @param dataDir where it keeps its data across restarts
 * @param port the port it listens on; 0 picks a free one at each start
 * @param startupTimeout how long to wait for it to accept connections
 */
@ConfigurationProperties("tasktracker.embedded")
public record EmbeddedDatabaseProperties(@DefaultValue("./data") Path dataDir, @DefaultValue("0") int port,
		@DefaultValue("30s") Duration startupTimeout) {
}
