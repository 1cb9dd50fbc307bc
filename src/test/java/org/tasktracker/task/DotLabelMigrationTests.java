package org.tasktracker.task;

import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.tasktracker.database.SharedTestDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V11 on a database that holds labels named {@code .} and {@code ..}, which the
 * API accepted before: they become {@code [.]} and {@code [..]}, merged with a label of
 * that name where the user already has one, and nothing else changes.
 */
class DotLabelMigrationTests {

	@Test
	void dotLabelsAreRenamedAndMergedOnEveryTaskAndInTheSpellings() {
		String database = "migration_v11_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
		JdbcClient.create(dataSource(SharedTestDatabase.jdbcUrl())).sql("CREATE DATABASE " + database).update();
		DriverManagerDataSource dataSource = dataSource(
				SharedTestDatabase.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"));
		JdbcClient jdbc = JdbcClient.create(dataSource);
		Flyway.configure().dataSource(dataSource).target("9").load().migrate();
		jdbc.sql("""
				INSERT INTO tasks (owner_id, title, labels, label_keys, updated_at) VALUES
				    (1, 'both', '{".", "Work", ".."}', '{".", "work", ".."}', '2026-01-01T00:00:00Z'),
				    (1, 'merged', '{"[.]", "x", "."}', '{"[.]", "x", "."}', '2026-01-01T00:00:00Z'),
				    (1, 'untouched', '{"other"}', '{"other"}', '2026-01-01T00:00:00Z'),
				    (2, 'another owner', '{"."}', '{"."}', '2026-01-01T00:00:00Z')
				""").update();
		jdbc.sql("""
				INSERT INTO labels (owner_id, key, name) VALUES
				    (1, '.', '.'), (1, '..', '..'), (1, 'work', 'Work'), (1, '[.]', '[.]'), (1, 'x', 'x'),
				    (1, 'other', 'other'), (2, '.', '.')
				""").update();

		Flyway.configure().dataSource(dataSource).load().migrate();

		assertThat(jdbc.sql("""
				SELECT title, array_to_string(labels, '|') AS labels, array_to_string(label_keys, '|') AS keys,
				       updated_at > '2026-01-01T00:00:00Z' AS changed
				FROM tasks ORDER BY id
				""").query().listOfRows()).containsExactly(
				Map.of("title", "both", "labels", "[.]|Work|[..]", "keys", "[.]|work|[..]", "changed", true),
				Map.of("title", "merged", "labels", "[.]|x", "keys", "[.]|x", "changed", true),
				Map.of("title", "untouched", "labels", "other", "keys", "other", "changed", false),
				Map.of("title", "another owner", "labels", "[.]", "keys", "[.]", "changed", true));
		assertThat(jdbc
			.sql("SELECT owner_id || ' ' || key || ' ' || name FROM labels ORDER BY owner_id, key COLLATE \"C\"")
			.query(String.class)
			.list())
			.isEqualTo(List.of("1 [..] [..]", "1 [.] [.]", "1 other other", "1 work Work", "1 x x", "2 [.] [.]"));
	}

	private static DriverManagerDataSource dataSource(String url) {
		return new DriverManagerDataSource(url, "postgres", "");
	}

}
