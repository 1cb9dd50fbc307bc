package org.tasktracker.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations run without the time limits of requests, on the real PostgreSQL.
 */
class MigrationConnectionsTests {

	@Test
	void liftsTheStatementAndSocketTimeoutsForMigrations() throws Exception {
		DriverManagerDataSource limited = new DriverManagerDataSource(
				SharedTestDatabase.jdbcUrl() + "&options=-c%20statement_timeout%3D300&socketTimeout=4", "postgres", "");
		assertThat(statementTimeout(limited.getConnection())).isEqualTo("300ms");

		Connection migration = new DatabaseStartupWait.ForMigrations(limited).getConnection();
		assertThat(migration.getNetworkTimeout()).isZero();
		assertThat(statementTimeout(migration)).isEqualTo("0");
	}

	private static String statementTimeout(Connection connection) throws Exception {
		try (connection;
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW statement_timeout")) {
			result.next();
			return result.getString(1);
		}
	}

}
