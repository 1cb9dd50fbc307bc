package org.tasktracker.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * One embedded PostgreSQL for the whole test run, started on first use and shared by
 * every Spring context, so the suite pays for one server start. It is the service's own
 * embedded server (same binaries, same locale rules) in a throw-away directory.
 * <p>
 * A test that needs a database of its own (to stop it, or to restart the service on the
 * same data) sets {@value #OWN_DATABASE}.
 */
public class SharedTestDatabase implements EnvironmentPostProcessor {

	public static final String OWN_DATABASE = "tasktracker.test.own-database";

	private static EmbeddedPostgres postgres;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getProperty(OWN_DATABASE, Boolean.class, false)
				|| StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
			return;
		}
		// Spring keeps each test context, and its pool, for reuse: here a pool keeps
		// one idle connection, not ten, so that many contexts fit the shared server.
		environment.getPropertySources()
			.addFirst(new MapPropertySource("sharedTestDatabase",
					Map.of("spring.datasource.url", jdbcUrl(), "spring.datasource.username", "postgres",
							"spring.datasource.hikari.minimum-idle", "1", "spring.datasource.hikari.idle-timeout",
							"10000")));
	}

	/** The JDBC URL of the shared database, starting the server on first call. */
	public static synchronized String jdbcUrl() {
		if (postgres == null) {
			try {
				Path dataDir = Files.createTempDirectory("tasktracker-test-pg");
				postgres = EmbeddedDatabase.builder(dataDir, 0, Duration.ofSeconds(60))
					// Every cached test context holds a pool of its own.
					.setServerConfig("max_connections", "300")
					// Every statement of the run, those that functions and triggers run
					// included, is counted for OwnerRoutingIntegrationTests; enough
					// entries that none is evicted (the suite makes a few thousand).
					.setServerConfig("shared_preload_libraries", "pg_stat_statements")
					.setServerConfig("pg_stat_statements.max", "50000")
					.setServerConfig("pg_stat_statements.track", "all")
					.setServerConfig("pg_stat_statements.save", "off")
					// A scratch server thrown away after the run: no commit waits for
					// the disk. The service's own embedded server keeps its durable
					// settings, and the tests of durability run that one.
					.setServerConfig("fsync", "off")
					.setServerConfig("synchronous_commit", "off")
					.setServerConfig("full_page_writes", "off")
					.setCleanDataDirectory(true)
					.setRegisterShutdownHook(true)
					.start();
				EmbeddedDatabase.createDatabaseIfMissing(postgres);
				// In the maintenance database, so that the service's own schema stays as
				// its migrations leave it; the view there counts every database's
				// statements.
				try (Connection connection = postgres.getPostgresDatabase().getConnection();
						Statement statement = connection.createStatement()) {
					statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not load pg_stat_statements", ex);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return postgres.getJdbcUrl("postgres", EmbeddedDatabase.DATABASE_NAME);
	}

	/**
	 * The JDBC URL of the shared server's maintenance database, where
	 * {@code pg_stat_statements} can be read; starts the server on first call.
	 */
	public static synchronized String statementStatisticsJdbcUrl() {
		jdbcUrl();
		return postgres.getJdbcUrl("postgres", "postgres");
	}

}
