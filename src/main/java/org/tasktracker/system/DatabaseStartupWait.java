package org.tasktracker.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Waits at start-up for the database to accept connections, with capped exponential
 * backoff and a line in the log for each attempt, then runs the migrations. When the wait
 * runs out, start-up fails with {@link DatabaseUnavailableAtStartupException} and the
 * process exits non-zero.
 */
@Component
class DatabaseStartupWait implements FlywayMigrationStrategy {

	private static final Logger log = LoggerFactory.getLogger(DatabaseStartupWait.class);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private final Duration timeout;

	DatabaseStartupWait(TaskTrackerProperties properties) {
		this.timeout = properties.database().startupTimeout();
	}

	@Override
	public void migrate(Flyway flyway) {
		DataSource dataSource = flyway.getConfiguration().getDataSource();
		awaitConnection(dataSource);
		Flyway.configure()
			.configuration(flyway.getConfiguration())
			.dataSource(new WithoutNetworkTimeout(dataSource))
			.load()
			.migrate();
	}

	void awaitConnection(DataSource dataSource) {
		long started = System.nanoTime();
		long deadline = started + this.timeout.toNanos();
		Backoff backoff = new Backoff(FIRST_BACKOFF, MAX_BACKOFF);
		for (int attempt = 1;; attempt++) {
			String failure;
			try (Connection connection = dataSource.getConnection()) {
				if (connection.isValid(5)) {
					if (attempt > 1) {
						log.info("Database reachable after {} attempts ({} ms)", attempt,
								Duration.ofNanos(System.nanoTime() - started).toMillis());
					}
					return;
				}
				failure = "connection not valid";
			}
			catch (SQLException | RuntimeException ex) {
				failure = rootMessage(ex);
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new DatabaseUnavailableAtStartupException(this.timeout, attempt, failure);
			}
			Duration wait = Duration.ofNanos(Math.min(backoff.next().toNanos(), remaining));
			log.warn("Database not reachable (attempt {}: {}); retrying in {} ms", attempt, failure, wait.toMillis());
			backoff.sleep(wait);
		}
	}

	/** The innermost cause's message: the one that says "Connection refused". */
	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return (message != null) ? message.lines().findFirst().orElse(message) : cause.getClass().getSimpleName();
	}

	/**
	 * Lifts the socket timeout that keeps requests from hanging on a frozen database: a
	 * migration (building an index on a large table, say) may rightly take minutes. The
	 * pool restores the timeout when the connection comes back.
	 */
	private static final class WithoutNetworkTimeout extends DelegatingDataSource {

		WithoutNetworkTimeout(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			Connection connection = super.getConnection();
			connection.setNetworkTimeout(Runnable::run, 0);
			return connection;
		}

	}

}
