package org.tasktracker.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Waits at start-up for the database to accept connections, with capped exponential
 * backoff (Spring's {@link RetryTemplate}) and a line in the log for each attempt, then
 * runs the migrations. When the wait runs out, start-up fails with
 * {@link DatabaseUnavailableAtStartupException} and the process exits non-zero.
 */
@Component
class DatabaseStartupWait implements FlywayMigrationStrategy {

	private static final Logger log = LoggerFactory.getLogger(DatabaseStartupWait.class);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private final Duration timeout;

	private final RetryTemplate retry;

	DatabaseStartupWait(DatabaseProperties properties) {
		this.timeout = properties.startupTimeout();
		this.retry = new RetryTemplate(DatabaseRetry.doublingUntil(this.timeout, FIRST_BACKOFF, MAX_BACKOFF).build());
	}

	@Override
	public void migrate(Flyway flyway) {
		DataSource dataSource = flyway.getConfiguration().getDataSource();
		awaitConnection(dataSource);
		Flyway.configure()
			.configuration(flyway.getConfiguration())
			.dataSource(new ForMigrations(dataSource))
			.load()
			.migrate();
		// The pool's connections, some of them without a statement timeout now, are
		// replaced as they come back.
		try {
			if (dataSource.isWrapperFor(HikariDataSource.class)) {
				dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not reach the connection pool", ex);
		}
	}

	void awaitConnection(DataSource dataSource) {
		long started = System.nanoTime();
		AtomicInteger attempts = new AtomicInteger();
		try {
			this.retry.execute(() -> {
				int attempt = attempts.incrementAndGet();
				try (Connection connection = dataSource.getConnection()) {
					if (!connection.isValid(5)) {
						throw new SQLException("connection not valid");
					}
					return null;
				}
				catch (SQLException | RuntimeException ex) {
					log.warn("Database not reachable (attempt {}: {})", attempt, rootMessage(ex));
					throw ex;
				}
			});
		}
		catch (RetryException ex) {
			throw new DatabaseUnavailableAtStartupException(this.timeout, attempts.get(),
					rootMessage(ex.getLastException()));
		}
		if (attempts.get() > 1) {
			log.info("Database reachable after {} attempts ({} ms)", attempts.get(),
					Duration.ofNanos(System.nanoTime() - started).toMillis());
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
	 * Lifts the socket timeout and the statement timeout that keep requests from hanging
	 * on a frozen or overloaded database: a migration (building an index on a large
	 * table, say) may rightly take minutes. The pool restores the socket timeout when the
	 * connection comes back; connections that ran a migration are replaced afterwards
	 * (see {@link #migrate}), which restores the statement timeout.
	 */
	static final class ForMigrations extends DelegatingDataSource {

		ForMigrations(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			Connection connection = super.getConnection();
			connection.setNetworkTimeout(Runnable::run, 0);
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET statement_timeout = 0");
			}
			return connection;
		}

	}

}
