package org.tasktracker.support;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.tasktracker.database.SharedTestDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test's own setup reaches the database of the context's pool, which the service wraps,
 * without the limits that the pool puts on every connection.
 */
class TestSetupJdbcTests {

	@Test
	void reachesThePoolsDatabaseWithoutItsLimits() throws SQLException {
		try (HikariDataSource pool = new HikariDataSource()) {
			// Limits in the URL, where no driver property could override them.
			pool.setJdbcUrl(SharedTestDatabase.jdbcUrl() + "&options=-c%20statement_timeout%3D300&socketTimeout=4");
			pool.setUsername("postgres");
			pool.setMaximumPoolSize(1);
			DataSource context = new DelegatingDataSource(pool);
			JdbcClient limited = JdbcClient.create(context);
			assertThat(limited.sql("SHOW statement_timeout").query(String.class).single()).isEqualTo("300ms");

			JdbcClient setup = TestSetupJdbc.client(context);
			assertThat(setup.sql("SHOW statement_timeout").query(String.class).single()).isEqualTo("0");
			try (Connection connection = TestSetupJdbc.dataSource(context).getConnection()) {
				assertThat(connection.getNetworkTimeout()).isZero();
			}
			assertThat(setup.sql("SELECT current_database()").query(String.class).single())
				.isEqualTo(limited.sql("SELECT current_database()").query(String.class).single());
		}
	}

}
