package org.tasktracker.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.Assert;

/**
 * Connections for a test's own setup, clean-up and checks: to the database of the
 * context's pool, but without the limits the service puts on its requests (statement
 * timeout, socket timeout, the wait for a pooled connection). A test's own work must not
 * run under the limits it is testing, and must not fail because the machine is slow or
 * busy.
 * <p>
 * The database comes from the context's pool rather than from {@code SharedTestDatabase},
 * as a context may have a database of its own. There is no pool here: each connection is
 * opened for one statement (or one transaction of the caller's) and closed after it, so
 * nothing stays open on the shared server however many contexts are cached.
 */
public final class TestSetupJdbc {

	private TestSetupJdbc() {
	}

	/**
	 * A client for the database of the context's pool; each statement gets a connection
	 * of its own, closed after it.
	 */
	public static JdbcClient client(DataSource context) {
		return JdbcClient.create(dataSource(context));
	}

	/**
	 * Unpooled connections to the database of the context's pool, for a test that needs a
	 * connection in hand (to hold a lock, say); the caller closes each one.
	 */
	public static DataSource dataSource(DataSource context) {
		try {
			HikariDataSource pool = context.unwrap(HikariDataSource.class);
			Assert.state(pool.getJdbcUrl() != null, "The context's pool has no JDBC URL");
			return new WithoutLimits(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The context's DataSource is no Hikari pool", ex);
		}
	}

	private static final class WithoutLimits extends DriverManagerDataSource {

		WithoutLimits(String url, String username, String password) {
			super(url, username, password);
		}

		@Override
		protected Connection getConnectionFromDriver(String username, String password) throws SQLException {
			Connection connection = super.getConnectionFromDriver(username, password);
			// Lifted on the connection itself, as the URL may carry limits that no
			// driver property overrides.
			try (Statement statement = connection.createStatement()) {
				connection.setNetworkTimeout(Runnable::run, 0);
				statement.execute("SET statement_timeout = 0");
			}
			catch (SQLException | RuntimeException ex) {
				connection.close();
				throw ex;
			}
			return TestStatements.fromTests(connection);
		}

	}

}
