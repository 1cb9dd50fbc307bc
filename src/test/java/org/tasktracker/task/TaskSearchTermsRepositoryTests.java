package org.tasktracker.task;

import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tasktracker.account.Account;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listing of several search terms, as the web UI's search asks for one (issue 32, item
 * 15): every term in the title or the description, found the way one term is (the first
 * tasks one by one, then the search index), against the real (embedded) PostgreSQL. Each
 * test runs in a transaction that is rolled back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(TaskRepository.class)
class TaskSearchTermsRepositoryTests {

	private static final long OWNER = Account.LOCAL_ID;

	@Autowired
	private TaskRepository tasks;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	@Test
	void aQueryOfOneTermIsTheApisQ() {
		TaskListQuery api = TaskListQuery.from(new LinkedMultiValueMap<>(Map.of("q", List.of("mom call"))));

		assertThat(api.terms()).containsExactly("mom call");
		assertThat(api.q()).isEqualTo("mom call");
		assertThat(api.searching(List.of()).terms()).containsExactly("mom call");
		assertThat(TaskRepository.pageStatement(OWNER, api).sql()).doesNotContain(":q1", ":pattern1");
	}

	@Test
	void everyTermMustBeInTheTitleOrTheDescriptionInAnyOrder() {
		Task both = this.tasks.create(OWNER, new NewTask("Call mom", null));
		Task split = this.tasks.create(OWNER, new NewTask("Mom birthday", "call the florist"));
		this.tasks.create(OWNER, new NewTask("Call dad", null));
		this.tasks.create(OWNER, new NewTask("mom", null));

		assertThat(ids(List.of("mom", "call"))).containsExactly(both.id(), split.id());
		assertThat(ids(List.of("CALL", "Mom"))).containsExactly(both.id(), split.id());
		assertThat(ids(List.of("mom", "call", "dad"))).isEmpty();
	}

	/**
	 * Pages of searches of two or three terms, compared with matching every task, for
	 * matches before, across and beyond the tasks a search reads one by one, in both
	 * orders, with cursors, the state filter, and another sort than by id.
	 */
	@Test
	void severalTermsPageExactlyAsMatchingEveryTaskWould() {
		Random random = new Random(32);
		for (int i = 0; i < 1200; i++) {
			// rarer and rarer needles further on, so that pages cross into the index
			String title = (random.nextInt(1 + i / 40) == 0) ? "needle " + word(random) : "hay " + word(random);
			String description = random.nextBoolean() ? null : word(random) + " " + word(random);
			this.tasks.create(OWNER, new NewTask(title, description));
		}
		List<List<String>> searches = List.of(List.of("needle", "a"), List.of("NEEDLE", "ab", "b"),
				List.of("hay", "ba"), List.of("e", "n"), List.of("needle", "%"), List.of("ab", "ba"));
		for (List<String> terms : searches) {
			for (boolean descending : List.of(false, true)) {
				for (Boolean completed : Arrays.asList(null, false)) {
					TaskListQuery all = new TaskListQuery(completed, terms, 60, null, descending,
							TaskListQuery.Filters.NONE);
					assertThat(walk(all)).as("%s", all).containsExactlyElementsOf(plainSearch(all));
				}
			}
			TaskListQuery byPriority = TaskListQuery
				.from(new LinkedMultiValueMap<>(Map.of("sort", List.of("priority"), "limit", List.of("1000"))))
				.searching(terms);
			assertThat(page(byPriority).ids()).as("%s", byPriority)
				.containsExactlyInAnyOrderElementsOf(
						plainSearch(new TaskListQuery(null, terms, 1000, null, false, TaskListQuery.Filters.NONE)));
		}
	}

	/**
	 * Two words of a rare task are looked up in the search index once, together; two
	 * words of most tasks fill their page from the first tasks, without the index.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			zebra crossing  | 5  | 1
			crossing ZEBRA  | 5  | 1
			zebra benchmark | 0  | 1
			task benchmark  | 50 | 0
			""")
	void severalTermsReadTheIndexOnceOnlyWhenTheFirstTasksHoldTooFew(String words, int found, long indexScans)
			throws SQLException {
		loadTasks(5_000);
		TaskListQuery search = new TaskListQuery(null, List.of(words.split(" ")), 50, null, false,
				TaskListQuery.Filters.NONE);

		long before = searchIndexScans();
		assertThat(page(search).ids()).hasSize(found);
		assertThat(searchIndexScans() - before).as("search index scans").isEqualTo(indexScans);
	}

	private List<Long> ids(List<String> terms) {
		return page(new TaskListQuery(null, terms, 100, null, false, TaskListQuery.Filters.NONE)).ids();
	}

	private List<Long> walk(TaskListQuery first) {
		List<Long> ids = new ArrayList<>();
		TaskListQuery query = first;
		while (true) {
			CollectedPage page = page(query);
			ids.addAll(page.ids());
			if (page.nextAfter() == null) {
				return ids;
			}
			query = new TaskListQuery(first.completed(), first.terms(), first.limit(), page.nextAfter(),
					first.descending(), first.filters());
		}
	}

	private List<Long> plainSearch(TaskListQuery query) {
		StringBuilder sql = new StringBuilder("SELECT id FROM tasks WHERE owner_id = :owner");
		Map<String, Object> parameters = new HashMap<>();
		for (int i = 0; i < query.terms().size(); i++) {
			sql.append(" AND (title ILIKE :p%d OR description ILIKE :p%d)".formatted(i, i));
			parameters.put("p" + i, "%" + TaskRepository.escapeLike(query.terms().get(i)) + "%");
		}
		sql.append("""
				 AND (CAST(:completed AS boolean) IS NULL OR completed = :completed)
				 AND (CAST(:after AS bigint) IS NULL OR (CASE WHEN :descending THEN id < :after ELSE id > :after END))
				ORDER BY CASE WHEN :descending THEN -id ELSE id END
				""");
		return this.jdbc.sql(sql.toString())
			.params(parameters)
			.param("owner", OWNER)
			.param("completed", query.completed(), Types.BOOLEAN)
			.param("after", query.after(), Types.BIGINT)
			.param("descending", query.descending())
			.query(Long.class)
			.list();
	}

	private static String word(Random random) {
		String alphabet = "abe%_ ";
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < 2 + random.nextInt(5); i++) {
			word.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return word.toString();
	}

	/** Tasks like the benchmark's: 5 Zebra titles, all others a Benchmark task. */
	private void loadTasks(int count) throws SQLException {
		// The rows stay in the test's transaction, to be rolled back: loading them may
		// outlast the connection's socket timeout on a busy machine.
		DataSourceUtils.getConnection(this.dataSource).setNetworkTimeout(Runnable::run, 0);
		this.jdbc.sql("""
				INSERT INTO tasks (owner_id, title, description, completed, completed_at)
				SELECT 1, CASE WHEN n % (:count / 5) = 0 THEN 'Zebra crossing ' || n ELSE 'Benchmark task ' || n END,
				       CASE WHEN n % 3 = 0 THEN 'notes for ' || md5(n::text) END, n % 2 = 0,
				       CASE WHEN n % 2 = 0 THEN now() END
				FROM generate_series(1, :count) AS n
				""").param("count", count).update();
		this.jdbc.sql("ANALYZE tasks").update();
	}

	private long searchIndexScans() {
		return this.jdbc.sql("SELECT pg_stat_get_xact_numscans('tasks_owner_search_keys_idx'::regclass)")
			.query(Long.class)
			.single();
	}

	private CollectedPage page(TaskListQuery query) {
		CollectedPage page = new CollectedPage();
		this.tasks.streamPage(OWNER, query, page);
		return page;
	}

}
