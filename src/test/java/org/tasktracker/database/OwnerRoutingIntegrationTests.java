package org.tasktracker.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.tasktracker.database.OwnerRouting.Kind;
import org.tasktracker.database.OwnerRouting.Verdict;
import org.tasktracker.support.ApiUsers;
import org.tasktracker.support.PageSession;
import org.tasktracker.support.Responses;
import org.tasktracker.support.TestSetupJdbc;
import org.tasktracker.support.TestStatements;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every statement the test run made on a table that carries {@code owner_id} could go to
 * one shard if those tables were distributed by it (docs/design/scale-out.md): it pins
 * each such table to one owner, or inserts {@code owner_id}, or is on {@link #EXCEPTIONS}
 * with its reason. pg_stat_statements on the shared test server
 * ({@link SharedTestDatabase}) counted the statements of every test class that ran before
 * this one, those that triggers and functions ran included; JUnit runs this class last
 * ({@code @Isolated} classes run after both lanes of junit-platform.properties, and
 * {@code @Order} puts it after the other isolated ones). Run alone, it checks what its
 * own workload made: every owned table read and written through the API and the pages.
 * Tests on a database of their own (OWN_DATABASE, the migration tests' databases, the *IT
 * run) are not seen.
 * <p>
 * Each statement and its verdict goes to {@code target/owner-routing.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@Order(Integer.MAX_VALUE)
@Isolated
class OwnerRoutingIntegrationTests {

	/**
	 * Statements on owned tables that do not name one owner, each with why that is right.
	 * Matched against the statement's text, lower-cased, white space collapsed.
	 */
	static final Map<Pattern, String> EXCEPTIONS = exceptions();

	private static final String MIGRATION = "a migration's own statement (Flyway, once per database, before the "
			+ "service serves; under Citus DDL goes through the coordinator to every shard)";

	private static final String TEST_CODE = "a test's own set-up or check, sent from src/test and never by the "
			+ "service (TestStatements)";

	private static final Path REPORT = Path.of("target", "owner-routing.txt");

	private static final String PASSWORD = "correct horse battery";

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	@Autowired
	private DataSource dataSource;

	private static Map<Pattern, String> exceptions() {
		Map<Pattern, String> exceptions = new LinkedHashMap<>();
		exceptions.put(Pattern.compile("^delete from caldav_resources r where not exists "),
				"the CalDAV names purge (a background job, once per cluster) deletes the rows of tasks gone "
						+ "past their tombstones across all owners: under Citus one statement per shard");
		exceptions.put(Pattern.compile("^delete from tombstones where deleted_at < "),
				"the tombstone purge (a background job, once per cluster) deletes by age across all owners: "
						+ "under Citus a multi-shard DELETE, run in parallel on every shard");
		exceptions.put(Pattern.compile("^delete from idempotency_keys where created_at < "),
				"the idempotency-key clean-up (a background job, once per cluster) deletes by age across all "
						+ "owners: under Citus a multi-shard DELETE, run in parallel on every shard");
		exceptions.put(Pattern.compile("from api_tokens t join users u on u.id = t.owner_id where t.secret_hash = "),
				"signing in with an API token: the token is all the request carries, so its hash finds the owner "
						+ "(the one unique key without owner_id, V7); under Citus a multi-shard read, unless "
						+ "tokens carry their owner's id (docs/design/scale-out.md)");
		exceptions.put(Pattern.compile("^with asked as \\( select \\* from unnest\\("),
				"gathered completes (docs/design/write-gathering.md): one UPDATE for the requests that arrived "
						+ "together, which may be several owners'; each row is matched on (owner_id, id), so under "
						+ "Citus it is a multi-shard UPDATE unless the batcher gathers per owner");
		exceptions.put(Pattern.compile("^with input as \\( select nextval\\("),
				"gathered creates (docs/design/write-gathering.md): one INSERT ... SELECT FROM unnest for the "
						+ "requests that arrived together, which may be several owners'; each row carries its "
						+ "owner_id, so under Citus the rows go to their shards through the coordinator");
		exceptions.put(
				Pattern.compile("^insert into tombstones \\(owner_id, kind, id\\) select owner_id, "
						+ "tg_argv\\[\\$\\d+\\], id from gone "),
				"the tombstone trigger inserts the rows its DELETE removed, from the transition table; every "
						+ "DELETE on tasks and projects names one owner (this test checks that), so they are one "
						+ "owner's");
		exceptions.put(
				Pattern.compile(
						"^select fk\\.\"owner_id\", .* from only \"public\"\\.\"\\w+\" fk " + "left outer join only "),
				"PostgreSQL's check of a foreign key that a migration adds, over every row; the key includes "
						+ "owner_id, so under Citus each pair of co-located shards is checked apart");
		exceptions.put(
				Pattern.compile("^with restored as \\( insert into tasks .* and not exists \\(select from tasks "
						+ "where completed in \\(\\$\\d+, \\$\\d+\\) and id = \\$\\d+\\)"),
				"the web UI's undo of a delete writes the task back with its id only if no task of any owner "
						+ "holds that id: under Citus a multi-shard read; requiring this owner's tombstone for "
						+ "the id instead would keep it on one shard (docs/design/scale-out.md)");
		return exceptions;
	}

	@Test
	void everyStatementOnAnOwnedTableNamesOneOwner() throws IOException {
		workload();
		JdbcClient service = TestSetupJdbc.client(this.dataSource);
		Set<String> owned = new TreeSet<>(service.sql("""
				SELECT table_name FROM information_schema.columns
				WHERE table_schema = 'public' AND column_name = 'owner_id'
				""").query(String.class).list());
		String database = service.sql("SELECT current_database()").query(String.class).single();
		List<String> migrations = migrationTexts();

		JdbcClient statistics = JdbcClient
			.create(new DriverManagerDataSource(SharedTestDatabase.statementStatisticsJdbcUrl(), "postgres", ""));
		long evicted = statistics.sql("SELECT dealloc FROM pg_stat_statements_info").query(Long.class).single();
		List<Seen> seen = statistics.sql("""
				SELECT s.query, s.toplevel, s.calls FROM pg_stat_statements s
				JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = :database
				ORDER BY s.query, s.toplevel
				""")
			.param("database", database)
			.query((rs, row) -> new Seen(rs.getString("query"), rs.getBoolean("toplevel"), rs.getLong("calls")))
			.list();

		List<String> unexplained = new ArrayList<>();
		Map<String, Integer> excused = new LinkedHashMap<>();
		Set<String> routedTables = new TreeSet<>();
		int routed = 0;
		StringBuilder report = new StringBuilder();
		for (Seen statement : seen) {
			Verdict verdict = OwnerRouting.check(statement.query, owned, !statement.toplevel);
			if (!verdict.owned()) {
				continue;
			}
			String text = normalized(statement.query);
			String line = (statement.toplevel ? "" : "(nested) ") + statement.calls + " calls: " + text;
			if (verdict.kind() == Kind.ROUTED) {
				routed++;
				owned.stream()
					.filter((table) -> Pattern.compile("\\b" + table + "\\b").matcher(text).find())
					.forEach(routedTables::add);
				report.append("ROUTED      ").append(line).append('\n');
				continue;
			}
			String reason = reason(text, statement.toplevel || verdict.kind() == Kind.UTILITY_ON_OWNED, migrations);
			if (reason != null) {
				excused.merge(reason, 1, Integer::sum);
				report.append("EXCEPTION   ")
					.append(line)
					.append("\n            ")
					.append(verdict.problems())
					.append(" - ")
					.append(reason)
					.append('\n');
			}
			else {
				unexplained.add(line + "\n    " + verdict.problems());
				report.append("UNEXPLAINED ")
					.append(line)
					.append("\n            ")
					.append(verdict.problems())
					.append('\n');
			}
		}
		List<String> unused = EXCEPTIONS.values().stream().filter((reason) -> !excused.containsKey(reason)).toList();
		report.append("\nExceptions no statement of this run needed:\n");
		unused.forEach((reason) -> report.append("- ").append(reason).append('\n'));
		Files.createDirectories(REPORT.getParent());
		Files.writeString(REPORT,
				"Owned tables: " + owned + "\nStatements seen in " + database + ": " + seen.size()
						+ ", on owned tables and routed: " + routed + ", excused: " + excused + "\n\n" + report,
				StandardCharsets.UTF_8);

		assertThat(evicted).as("statements evicted from pg_stat_statements (raise pg_stat_statements.max)").isZero();
		assertThat(routedTables).as("owned tables with a routed statement").isEqualTo(owned);
		assertThat(unexplained).as("statements on owned tables that name no one owner (see " + REPORT + ")").isEmpty();
	}

	private static String reason(String text, boolean scripted, List<String> migrations) {
		// Only a statement at top level, or a schema change (which a script's DO block
		// runs nested): the statements of a trigger are in its migration's text too (the
		// function's body), and they run on every write.
		if (scripted
				&& migrations.stream().anyMatch((migration) -> migration.contains(TestStatements.placeholders(text)))) {
			return MIGRATION;
		}
		if (TestStatements.onlyFromTests(text)) {
			return TEST_CODE;
		}
		return EXCEPTIONS.entrySet()
			.stream()
			.filter((exception) -> exception.getKey().matcher(text).find())
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	/**
	 * What the service does with one user's data, through the API and the pages, so that
	 * this class checks something when it runs alone.
	 */
	private void workload() {
		String name = "routing-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000_000;
		long user = expect(201, "POST", "/users",
				"{\"username\": \"" + name + "\", \"password\": \"" + PASSWORD + "\", \"timezone\": \"Europe/Berlin\"}",
				null)
			.get("id")
			.longValue();
		ExchangeResult token = this.client.post()
			.uri("/tokens")
			.headers((headers) -> headers.setBasicAuth(name, PASSWORD))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.body("{\"name\": \"t\", \"scopes\": [\"tasks:write\"]}")
			.exchange()
			.returnResult();
		String bearer = "Bearer " + Responses.json(token).get("token").stringValue();

		long project = expect(201, "POST", "/projects", "{\"name\": \"Home\"}", bearer).get("id").longValue();
		ExchangeResult created = ApiUsers.send(this.client, "POST", "/tasks", """
				{"title": "Pay rent", "project_id": %d, "labels": ["bills", "home"], "priority": 3,
				 "due": {"date": "2026-12-01"}, "recurrence": {"rule": "FREQ=WEEKLY"},
				 "reminders": [{"before": "PT1H"}]}""".formatted(project), bearer, "Idempotency-Key", name);
		assertThat(Responses.status(created)).as(created.toString()).isEqualTo(201);
		long rent = Responses.json(created).get("id").longValue();
		long child = expect(201, "POST", "/tasks",
				"{\"title\": \"Find the bank details\", \"parent_id\": " + rent + "}", bearer)
			.get("id")
			.longValue();
		long other = expect(201, "POST", "/tasks",
				"{\"title\": \"Call the landlord\", \"labels\": [\"home\"], \"project_id\": " + project + "}", bearer)
			.get("id")
			.longValue();
		JsonNode sync = expect(200, "GET", "/sync", null, bearer);

		expect(200, "GET", "/tasks?label=bills&q=rent&sort=due", null, bearer);
		expect(200, "GET", "/tasks?project_id=" + project + "&parent_id=none&sort=position", null, bearer);
		expect(200, "GET", "/tasks/" + rent, null, bearer);
		expect(200, "POST", "/tasks/" + other + "/move", "{\"after\": " + rent + "}", bearer);
		expect(200, "POST", "/tasks/" + child + "/complete", null, bearer);
		expect(200, "POST", "/tasks/" + rent + "/complete", null, bearer);
		expect(200, "POST", "/tasks/" + rent + "/reopen", null, bearer);
		expect(200, "PATCH", "/tasks/" + other, "{\"title\": \"Call the landlord today\"}", bearer);
		expect(200, "GET", "/labels", null, bearer);
		expect(200, "PATCH", "/labels/home", "{\"name\": \"House\"}", bearer);
		expect(204, "DELETE", "/tasks/" + child, null, bearer);
		expect(200, "GET", "/sync?since=" + sync.get("next").stringValue(), null, bearer);
		expect(200, "GET", "/export", null, bearer);

		PageSession page = PageSession.anonymous(this.port);
		page.signIn(name, PASSWORD);
		page.get("/app/inbox");
		HttpResponse<String> filter = page.post("/app/filters", Map.of("name", "Bills", "q", "@bills"));
		assertThat(filter.headers().firstValue("Location")).as(filter.body())
			.hasValueSatisfying((location) -> assertThat(location).matches(".*/app/filters/\\d+"));
		page.get("/app/inbox");

		expect(204, "DELETE", "/projects/" + project + "?with_tasks=true", null, bearer);
		expect(204, "DELETE", "/users/" + user, null, null);
	}

	private JsonNode expect(int status, String method, String path, String body, String authorization) {
		ExchangeResult result = ApiUsers.send(this.client, method, path, body, authorization);
		assertThat(Responses.status(result)).as(method + " " + path + ": " + result).isEqualTo(status);
		return (status == 204) ? null : Responses.json(result);
	}

	/**
	 * The migrations' scripts, as {@link TestStatements#placeholders} reads statements.
	 */
	private static List<String> migrationTexts() {
		try {
			List<String> texts = new ArrayList<>();
			for (Resource script : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:db/{migration,guards}/*.sql")) {
				texts.add(TestStatements.placeholders(script.getContentAsString(StandardCharsets.UTF_8)));
			}
			return texts;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Without line comments, lower case, white space collapsed. */
	static String normalized(String sql) {
		return sql.replaceAll("--[^\n]*", " ").replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
	}

	private record Seen(String query, boolean toplevel, long calls) {
	}

}
