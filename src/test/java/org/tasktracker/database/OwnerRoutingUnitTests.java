package org.tasktracker.database;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tasktracker.database.OwnerRouting.Kind;
import org.tasktracker.database.OwnerRouting.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reading of statements behind {@link OwnerRoutingIntegrationTests}: what pins a
 * table to one owner, and what does not.
 */
class OwnerRoutingUnitTests {

	private static final Set<String> OWNED = Set.of("tasks", "projects", "labels", "task_completions", "tombstones",
			"api_tokens");

	@Test
	void routesAStatementThatFiltersByOwner() {
		assertThat(kind("SELECT * FROM tasks WHERE owner_id = :owner AND id = :id")).isEqualTo(Kind.ROUTED);
		assertThat(kind("UPDATE tasks SET title = $1 WHERE owner_id = $2 AND id = $3")).isEqualTo(Kind.ROUTED);
		assertThat(kind("DELETE FROM tasks t WHERE t.owner_id = CAST(:owner AS bigint)")).isEqualTo(Kind.ROUTED);
		assertThat(kind("SELECT 1 FROM tasks WHERE $1 = owner_id")).isEqualTo(Kind.ROUTED);
	}

	@Test
	void flagsAnUpdateByIdAlone() {
		Verdict verdict = OwnerRouting.check("UPDATE tasks SET title = $1 WHERE id = $2", OWNED, false);

		assertThat(verdict.kind()).isEqualTo(Kind.NOT_ROUTED);
		assertThat(verdict.problems()).containsExactly("tasks not pinned to one owner");
	}

	@Test
	void flagsAPurgeAcrossOwners() {
		assertThat(kind("DELETE FROM tombstones WHERE deleted_at < clock_timestamp() - CAST($1 AS interval)"))
			.isEqualTo(Kind.NOT_ROUTED);
	}

	@Test
	void routesAnInsertThatWritesOwnerIdAndFlagsOneThatDoesNot() {
		assertThat(kind("INSERT INTO projects (owner_id, name) VALUES ($1, $2) RETURNING id")).isEqualTo(Kind.ROUTED);
		assertThat(kind("INSERT INTO projects (name) VALUES ($1)")).isEqualTo(Kind.NOT_ROUTED);
		assertThat(kind("INSERT INTO projects VALUES ($1, $2)")).isEqualTo(Kind.NOT_ROUTED);
	}

	@Test
	void checksWhatAnInsertSelectsFromOnItsOwn() {
		assertThat(
				kind("INSERT INTO labels (owner_id, key, name) SELECT owner_id, key, name FROM labels WHERE key = $1"))
			.isEqualTo(Kind.NOT_ROUTED);
		assertThat(kind("INSERT INTO labels (owner_id, key, name) SELECT owner_id, key, name FROM labels "
				+ "WHERE owner_id = $1 AND key = $2"))
			.isEqualTo(Kind.ROUTED);
	}

	@Test
	void anInsertSelectIsPinnedByTheOwnerItSelects() {
		assertThat(kind("""
				INSERT INTO labels (owner_id, key, name)
				SELECT $1, key, name FROM unnest(CAST($2 AS text[]), CAST($3 AS text[])) AS l(key, name)"""))
			.isEqualTo(Kind.ROUTED);
		Verdict gathered = OwnerRouting.check("""
				WITH input AS (SELECT nextval('tasks_id_seq') AS id, owner_id, title
				               FROM unnest($1::bigint[], $2::text[]) AS request(owner_id, title)),
				inserted AS (INSERT INTO tasks (id, owner_id, title) OVERRIDING SYSTEM VALUE
				             SELECT id, owner_id, title FROM input RETURNING id)
				SELECT inserted.* FROM inserted JOIN input USING (id)""", OWNED, false);
		assertThat(gathered.problems())
			.containsExactly("INSERT INTO tasks of owner_id from several rows not pinned to one owner");
		assertThat(kind("INSERT INTO tasks (owner_id, title) DEFAULT VALUES")).isEqualTo(Kind.NOT_ROUTED);
	}

	@Test
	void flagsATableWhoseOwnerIsOnlyInASubqueryOnAnotherTable() {
		Verdict verdict = OwnerRouting.check(
				"SELECT * FROM tasks WHERE project_id IN (SELECT id FROM projects WHERE owner_id = $1)", OWNED, false);

		assertThat(verdict.kind()).isEqualTo(Kind.NOT_ROUTED);
		assertThat(verdict.problems()).containsExactly("tasks not pinned to one owner");
	}

	@Test
	void routesAJoinOnOwnerIdAndACorrelatedSubqueryOnIt() {
		assertThat(kind("""
				SELECT l.name, count(*) FROM labels l JOIN tasks t ON t.owner_id = l.owner_id
				AND t.label_keys @> ARRAY[l.key] WHERE l.owner_id = :owner GROUP BY l.name""")).isEqualTo(Kind.ROUTED);
		assertThat(kind("""
				SELECT p.id, (SELECT count(*) FROM tasks t WHERE t.owner_id = p.owner_id AND t.project_id = p.id)
				FROM projects p WHERE p.owner_id = $1""")).isEqualTo(Kind.ROUTED);
	}

	@Test
	void flagsAJoinThatIsNotOnOwnerId() {
		Verdict verdict = OwnerRouting
			.check("SELECT * FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.owner_id = $1", OWNED, false);

		assertThat(verdict.problems()).containsExactly("projects AS p not pinned to one owner");
	}

	@Test
	void anOwnerUnderAnOrOrAnAnyOrInASelectListPinsNothing() {
		assertThat(kind("SELECT * FROM tasks WHERE owner_id = $1 OR id = $2")).isEqualTo(Kind.NOT_ROUTED);
		assertThat(kind("SELECT * FROM tasks WHERE id = $2 AND (owner_id = $1 OR completed)"))
			.isEqualTo(Kind.NOT_ROUTED);
		assertThat(kind("SELECT * FROM tasks WHERE owner_id = ANY($1)")).isEqualTo(Kind.NOT_ROUTED);
		assertThat(kind("SELECT owner_id = $1 FROM tasks")).isEqualTo(Kind.NOT_ROUTED);
		assertThat(kind("SELECT * FROM tasks WHERE (owner_id = $1 AND id = $2)")).isEqualTo(Kind.ROUTED);
	}

	@Test
	void flagsMovingARowToAnotherOwner() {
		assertThat(OwnerRouting.check("UPDATE tasks SET owner_id = $1 WHERE owner_id = $2 AND id = $3", OWNED, false)
			.problems()).containsExactly("sets owner_id, the distribution column");
	}

	@Test
	void readsEachArmOfARecursiveQuery() {
		assertThat(kind("""
				WITH RECURSIVE below AS (
				    SELECT id FROM tasks WHERE owner_id = :owner AND parent_id = :id
				    UNION ALL
				    SELECT t.id FROM tasks t JOIN below b ON t.owner_id = :owner AND t.parent_id = b.id
				)
				UPDATE tasks SET completed = true WHERE owner_id = :owner AND id IN (SELECT id FROM below)"""))
			.isEqualTo(Kind.ROUTED);
		assertThat(kind("""
				WITH RECURSIVE below AS (
				    SELECT id FROM tasks WHERE owner_id = :owner AND parent_id = :id
				    UNION ALL
				    SELECT t.id FROM tasks t JOIN below b ON t.parent_id = b.id
				)
				SELECT id FROM below""")).isEqualTo(Kind.NOT_ROUTED);
	}

	@Test
	void aTriggersVariablesAndItsRowPinTheOwnerOnlyInsideAFunction() {
		String update = """
				UPDATE tasks AS parent SET subtasks_open = counted.open
				FROM (SELECT p.id, (SELECT count(*) FROM tasks c WHERE c.owner_id = owner AND c.parent_id = p.id) AS open
				      FROM unnest(parents) AS p(id)) AS counted
				WHERE parent.owner_id = owner AND parent.id = counted.id""";

		assertThat(OwnerRouting.check(update, OWNED, true).kind()).isEqualTo(Kind.ROUTED);
		assertThat(OwnerRouting.check(update, OWNED, false).kind()).isEqualTo(Kind.NOT_ROUTED);
		assertThat(OwnerRouting.check("DELETE FROM tasks WHERE owner_id = NEW.owner_id", OWNED, true).kind())
			.isEqualTo(Kind.ROUTED);
	}

	@Test
	void readsPostgresqlsOwnForeignKeyStatements() {
		assertThat(OwnerRouting.check("""
				SELECT 1 FROM ONLY "public"."projects" x WHERE "owner_id" OPERATOR(pg_catalog.=) $1
				AND "id" OPERATOR(pg_catalog.=) $2 FOR KEY SHARE OF x""", OWNED, true).kind()).isEqualTo(Kind.ROUTED);
		assertThat(OwnerRouting.check("""
				DELETE FROM ONLY "public"."task_completions" WHERE $1 OPERATOR(pg_catalog.=) "task_id\"""", OWNED, true)
			.kind()).isEqualTo(Kind.NOT_ROUTED);
	}

	@Test
	void tellsAColumnNamedLikeATableFromTheTable() {
		Verdict verdict = OwnerRouting
			.check("UPDATE tasks SET labels = $1, label_keys = $2 WHERE owner_id = $3 AND labels && $4", OWNED, false);

		assertThat(verdict.kind()).isEqualTo(Kind.ROUTED);
	}

	@Test
	void anInsertsConflictClauseSeesItsRowsOwner() {
		assertThat(kind("""
				INSERT INTO labels (owner_id, key, name) VALUES ($1, $2, $3)
				ON CONFLICT (owner_id, key) DO UPDATE SET name = excluded.name
				WHERE NOT EXISTS (SELECT FROM tasks WHERE tasks.owner_id = labels.owner_id)""")).isEqualTo(Kind.ROUTED);
	}

	@Test
	void tellsUtilityStatementsOnOwnedTablesFromOthers() {
		assertThat(kind("TRUNCATE tasks")).isEqualTo(Kind.UTILITY_ON_OWNED);
		assertThat(kind("CREATE INDEX tasks_x ON tasks (owner_id, id)")).isEqualTo(Kind.UTILITY_ON_OWNED);
		assertThat(kind("SET statement_timeout = 0")).isEqualTo(Kind.NO_OWNED_TABLE);
		assertThat(kind("SELECT * FROM users WHERE id = $1")).isEqualTo(Kind.NO_OWNED_TABLE);
		assertThat(kind("EXPLAIN (ANALYZE) SELECT * FROM tasks WHERE id = $1")).isEqualTo(Kind.NOT_ROUTED);
	}

	@Test
	void literalsAndCommentsHideNoTable() {
		assertThat(kind("""
				-- FROM tasks
				SELECT 'FROM tasks', $$UPDATE tasks SET x = 1$$ FROM users /* JOIN tasks */ WHERE id = $1"""))
			.isEqualTo(Kind.NO_OWNED_TABLE);
	}

	private static Kind kind(String sql) {
		return OwnerRouting.check(sql, OWNED, false).kind();
	}

}
