package org.tasktracker.account;

import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.tasktracker.database.SharedTestDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V7 on a database that already holds tasks and idempotency keys: they become
 * the local user's, and every unique key then includes the owner.
 */
class OwnerMigrationTests {

	@Test
	void existingTasksAndKeysBecomeTheLocalUsers() {
		String database = "migration_v7_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
		JdbcClient.create(dataSource(SharedTestDatabase.jdbcUrl())).sql("CREATE DATABASE " + database).update();
		DriverManagerDataSource dataSource = dataSource(
				SharedTestDatabase.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"));
		JdbcClient jdbc = JdbcClient.create(dataSource);
		Flyway.configure().dataSource(dataSource).target("6").load().migrate();
		jdbc.sql("INSERT INTO tasks (title, description) VALUES ('before accounts', 'kept'), ('second', NULL)")
			.update();
		jdbc.sql("INSERT INTO idempotency_keys (key, request_hash, response) VALUES ('k', 'h', '{}')").update();

		Flyway.configure().dataSource(dataSource).target("7").load().migrate();

		assertThat(jdbc.sql("SELECT owner_id, title FROM tasks ORDER BY id").query().listOfRows()).containsExactly(
				Map.of("owner_id", 1L, "title", "before accounts"), Map.of("owner_id", 1L, "title", "second"));
		assertThat(jdbc.sql("SELECT owner_id FROM idempotency_keys").query(Long.class).list()).containsExactly(1L);
		assertThat(jdbc.sql("SELECT id, username, admin, password_hash IS NULL AS no_password FROM users")
			.query()
			.listOfRows()).containsExactly(Map.of("id", 1L, "username", "local", "admin", true, "no_password", true));
		jdbc.sql("INSERT INTO idempotency_keys (owner_id, key, request_hash) VALUES (2, 'k', 'h')").update();
		assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE key = 'k'").query(Long.class).single())
			.as("one key, two owners")
			.isEqualTo(2);
		assertThat(jdbc.sql("""
				SELECT indexdef FROM pg_indexes
				WHERE tablename IN ('tasks', 'idempotency_keys', 'api_tokens')
				  AND indexname <> 'idempotency_keys_created_at_idx'
				""").query(String.class).list()).hasSize(6)
			.allSatisfy((index) -> assertThat(index)
				.as("every index of user-owned rows begins with the owner, but the token hash's and the clean-up's")
				.matches(".*\\((owner_id|secret_hash)[,)].*"));
	}

	private static DriverManagerDataSource dataSource(String url) {
		return new DriverManagerDataSource(url, "postgres", "");
	}

}
