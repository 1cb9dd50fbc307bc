package org.tasktracker.task;

import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.tasktracker.account.Account;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL against the real (embedded) PostgreSQL, schema from the Flyway migrations. Each
 * test runs in a transaction that is rolled back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(TaskRepository.class)
class TaskRepositoryTests {

	/** The local user, who owns every task of these tests but the other owner's. */
	private static final long OWNER = Account.LOCAL_ID;

	/** Any other id: tasks have no foreign key to users. */
	private static final long OTHER_OWNER = 987_654;

	/** A plan's node that reads {@code tasks}, with its rows and loops. */
	private static final Pattern SCAN_OF_TASKS = Pattern
		.compile("(?:Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan)(?: Backward)?(?: using \\S+)? on tasks\\b"
				+ ".*\\(actual rows=(\\d+(?:\\.\\d+)?) loops=(\\d+)\\)");

	private static final Pattern REMOVED_ROWS = Pattern.compile("Rows Removed by (?:Filter|Index Recheck): (\\d+)");

	@Autowired
	private TaskRepository tasks;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	@Test
	void createsAnOpenTaskWithServerTimestamps() {
		Task task = this.tasks.create(OWNER, new NewTask("Test", "about it"));

		assertThat(task.id()).isPositive();
		assertThat(task.title()).isEqualTo("Test");
		assertThat(task.description()).isEqualTo("about it");
		assertThat(task.completed()).isFalse();
		assertThat(task.completedAt()).isNull();
		assertThat(task.updatedAt()).isEqualTo(task.createdAt());
		assertThat(this.tasks.findById(OWNER, task.id())).contains(task);
	}

	@Test
	void storesTextThatPostgresCountsInCharacters() {
		String title = "\uD83D\uDE00".repeat(200);
		assertThat(this.tasks.create(OWNER, new NewTask(title, null)).title()).isEqualTo(title);
	}

	@Test
	void matchesGatheredCreatesToTheirRowsByPositionNotByContent() {
		List<NewTask> asked = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			// alike, or differing only in a description that is null, empty or blank
			asked.add(new NewTask("alike", switch (i % 4) {
				case 0 -> null;
				case 1 -> "";
				case 2 -> " ";
				default -> null;
			}));
		}

		List<Task> created = this.tasks.createAll(owned(asked));

		assertThat(created).extracting(Task::id).doesNotHaveDuplicates();
		assertThat(created).extracting((task) -> new NewTask(task.title(), task.description()))
			.containsExactlyElementsOf(asked);
		assertThat(created).allSatisfy((task) -> assertThat(this.tasks.findById(OWNER, task.id())).contains(task));
	}

	@Test
	void createsSeveralTasksInOneStatementAndReturnsThemInTheOrderAsked() {
		List<NewTask> asked = List.of(new NewTask("NULL", null), new NewTask("{a,\"b\"}", "back\\slash, comma"),
				new NewTask("same", "twice"), new NewTask("\uD83D\uDE00 emoji", "NULL"), new NewTask("same", "twice"));

		List<Task> created = this.tasks.createAll(owned(asked));

		assertThat(created).extracting((task) -> new NewTask(task.title(), task.description()))
			.containsExactlyElementsOf(asked);
		assertThat(created).extracting(Task::id).doesNotHaveDuplicates();
		assertThat(created).extracting(Task::createdAt).containsOnly(created.get(0).createdAt());
		assertThat(created).allSatisfy((task) -> assertThat(this.tasks.findById(OWNER, task.id())).contains(task));
	}

	@Test
	void completesSeveralTasksInOneStatementAnsweringForEachIdInOrder() {
		Task done = this.tasks.complete(OWNER, this.tasks.create(OWNER, TaskFixtures.aNewTask("done before")).id())
			.orElseThrow();
		Task open = this.tasks.create(OWNER, TaskFixtures.aNewTask("open"));

		List<Optional<Task>> answers = this.tasks
			.completeAll(List.of(mine(open.id()), mine(Long.MAX_VALUE), mine(done.id()), mine(open.id())));

		Task completed = answers.get(0).orElseThrow();
		assertThat(completed.completed()).isTrue();
		assertThat(completed.completedAt()).isNotNull();
		assertThat(answers).containsExactly(Optional.of(completed), Optional.empty(), Optional.of(done),
				Optional.of(completed));
		assertThat(this.tasks.findById(OWNER, open.id())).contains(completed);
	}

	@Test
	void gatheredCompletesMatchEachRequestToItsOwnersTaskOnly() {
		Task mineOpen = this.tasks.create(OWNER, TaskFixtures.aNewTask("mine"));
		Task theirs = this.tasks.create(OTHER_OWNER, TaskFixtures.aNewTask("theirs"));

		List<Optional<Task>> answers = this.tasks.completeAll(List.of(new Owned<>(OTHER_OWNER, mineOpen.id()),
				mine(theirs.id()), new Owned<>(OTHER_OWNER, theirs.id())));

		assertThat(answers.get(0)).isEmpty();
		assertThat(answers.get(1)).isEmpty();
		assertThat(answers.get(2)).hasValueSatisfying((task) -> assertThat(task.id()).isEqualTo(theirs.id()));
		assertThat(this.tasks.findById(OWNER, mineOpen.id())).hasValueSatisfying(
				(task) -> assertThat(task.completed()).as("another owner's request left it open").isFalse());
	}

	@Test
	void gatheredCreatesGiveEachRowItsOwnOwner() {
		List<Task> created = this.tasks.createAll(List.of(new Owned<>(OWNER, new NewTask("for me", null)),
				new Owned<>(OTHER_OWNER, new NewTask("for them", null))));

		assertThat(this.tasks.findById(OWNER, created.get(0).id())).isPresent();
		assertThat(this.tasks.findById(OTHER_OWNER, created.get(0).id())).isEmpty();
		assertThat(this.tasks.findById(OTHER_OWNER, created.get(1).id())).isPresent();
		assertThat(this.tasks.findById(OWNER, created.get(1).id())).isEmpty();
	}

	@Test
	void everyStatementOnATaskIsScopedToItsOwner() {
		Task theirs = this.tasks.create(OTHER_OWNER, new NewTask("their secret", "notes"));

		assertThat(this.tasks.findById(OWNER, theirs.id())).isEmpty();
		assertThat(this.tasks.complete(OWNER, theirs.id())).isEmpty();
		assertThat(this.tasks.reopen(OWNER, theirs.id())).isEmpty();
		assertThat(this.tasks.update(OWNER, theirs.id(), new TaskPatch("mine now", false, null, null))).isEmpty();
		assertThat(this.tasks.update(OWNER, theirs.id(), new TaskPatch(null, false, null, null))).isEmpty();
		assertThat(this.tasks.delete(OWNER, theirs.id())).isFalse();
		CollectedPage search = new CollectedPage();
		this.tasks.streamPage(OWNER, new TaskListQuery(null, "their secret", 100, null, false), search);
		assertThat(search.tasks()).isEmpty();
		assertThat(this.tasks.findById(OTHER_OWNER, theirs.id())).contains(theirs);
	}

	@Test
	void completingTwiceKeepsTheFirstCompletionTime() {
		Task task = this.tasks.create(OWNER, TaskFixtures.aNewTask("Test"));

		Task first = this.tasks.complete(OWNER, task.id()).orElseThrow();
		Task second = this.tasks.complete(OWNER, task.id()).orElseThrow();

		assertThat(first.completed()).isTrue();
		assertThat(first.completedAt()).isNotNull();
		assertThat(second).isEqualTo(first);
	}

	@Test
	void reopeningClearsTheCompletionTime() {
		Task task = this.tasks.create(OWNER, TaskFixtures.aNewTask("Test"));
		this.tasks.complete(OWNER, task.id());

		Task reopened = this.tasks.reopen(OWNER, task.id()).orElseThrow();

		assertThat(reopened.completed()).isFalse();
		assertThat(reopened.completedAt()).isNull();
		assertThat(this.tasks.reopen(OWNER, task.id())).contains(reopened);
	}

	@Test
	void changesOnlyWhatAPatchNames() {
		Task task = this.tasks.create(OWNER, new NewTask("Old", "keep me"));

		Task renamed = this.tasks.update(OWNER, task.id(), new TaskPatch("New", false, null, null)).orElseThrow();
		assertThat(renamed.title()).isEqualTo("New");
		assertThat(renamed.description()).isEqualTo("keep me");

		Task cleared = this.tasks.update(OWNER, task.id(), new TaskPatch(null, true, null, null)).orElseThrow();
		assertThat(cleared.description()).isNull();
		assertThat(cleared.title()).isEqualTo("New");

		Task completed = this.tasks.update(OWNER, task.id(), new TaskPatch(null, false, null, true)).orElseThrow();
		assertThat(completed.completed()).isTrue();
		assertThat(completed.completedAt()).isNotNull();
		Task again = this.tasks.update(OWNER, task.id(), new TaskPatch(null, false, null, true)).orElseThrow();
		assertThat(again.completedAt()).isEqualTo(completed.completedAt());

		Task reopened = this.tasks.update(OWNER, task.id(), new TaskPatch(null, false, null, false)).orElseThrow();
		assertThat(reopened.completed()).isFalse();
		assertThat(reopened.completedAt()).isNull();
	}

	@Test
	void anEmptyPatchChangesNothing() {
		Task task = this.tasks.create(OWNER, TaskFixtures.aNewTask("Same"));
		assertThat(this.tasks.update(OWNER, task.id(), new TaskPatch(null, false, null, null))).contains(task);
	}

	@Test
	void findsNothingToChangeForAnUnknownId() {
		assertThat(this.tasks.complete(OWNER, Long.MAX_VALUE)).isEmpty();
		assertThat(this.tasks.reopen(OWNER, Long.MAX_VALUE)).isEmpty();
		assertThat(this.tasks.update(OWNER, Long.MAX_VALUE, new TaskPatch("x", false, null, null))).isEmpty();
		assertThat(this.tasks.delete(OWNER, Long.MAX_VALUE)).isFalse();
		assertThat(this.tasks.findById(OWNER, Long.MAX_VALUE)).isEmpty();
	}

	@Test
	void deletesATask() {
		Task task = this.tasks.create(OWNER, TaskFixtures.aNewTask("Gone"));
		assertThat(this.tasks.delete(OWNER, task.id())).isTrue();
		assertThat(this.tasks.findById(OWNER, task.id())).isEmpty();
	}

	@Test
	void searchesTitleAndDescriptionCaseInsensitivelyAndLiterally() {
		String marker = TaskFixtures.uniqueMarker();
		Task inTitle = this.tasks.create(OWNER, new NewTask("Über " + marker + " 100%", null));
		Task inDescription = this.tasks.create(OWNER, new NewTask("other", "see " + marker.toUpperCase() + " ü_x"));
		this.tasks.create(OWNER, new NewTask("unrelated", "nothing"));

		assertThat(query(marker)).containsExactly(inTitle.id(), inDescription.id());
		assertThat(query("ÜBER " + marker)).containsExactly(inTitle.id());
		assertThat(query(marker + " 100%")).containsExactly(inTitle.id());
		assertThat(query(marker.toUpperCase() + " Ü_X")).containsExactly(inDescription.id());
		// % and _ match themselves, not any text
		assertThat(query(marker + "%100")).isEmpty();
		assertThat(query(marker.toUpperCase() + " ü_")).containsExactly(inDescription.id());
		assertThat(query(marker.substring(0, 10) + "_")).isEmpty();
	}

	@Test
	void pagesByIdInEitherOrderAndFiltersByState() {
		String marker = TaskFixtures.uniqueMarker();
		Task a = this.tasks.create(OWNER, new NewTask(marker + " a", null));
		Task b = this.tasks.create(OWNER, new NewTask(marker + " b", null));
		Task c = this.tasks.create(OWNER, new NewTask(marker + " c", null));
		this.tasks.complete(OWNER, b.id());

		CollectedPage first = page(new TaskListQuery(null, marker, 2, null, false));
		assertThat(first.ids()).containsExactly(a.id(), b.id());
		assertThat(first.nextAfter()).isEqualTo(b.id());
		CollectedPage last = page(new TaskListQuery(null, marker, 2, b.id(), false));
		assertThat(last.ids()).containsExactly(c.id());
		assertThat(last.nextAfter()).isNull();
		assertThat(page(new TaskListQuery(null, marker, 3, null, false)).nextAfter()).isNull();
		CollectedPage newest = page(new TaskListQuery(null, marker, 2, null, true));
		assertThat(newest.ids()).containsExactly(c.id(), b.id());
		assertThat(newest.nextAfter()).isEqualTo(b.id());
		assertThat(page(new TaskListQuery(null, marker, 5, c.id(), true)).ids()).containsExactly(b.id(), a.id());
		assertThat(page(new TaskListQuery(true, marker, 5, null, false)).ids()).containsExactly(b.id());
		assertThat(page(new TaskListQuery(false, marker, 5, null, true)).ids()).containsExactly(c.id(), a.id());
		CollectedPage none = page(new TaskListQuery(null, marker, 5, c.id(), false));
		assertThat(none.ids()).isEmpty();
		assertThat(none.nextAfter()).isNull();
	}

	@Test
	void streamsAPageLargerThanOneFetchInOrder() {
		String marker = TaskFixtures.uniqueMarker();
		int count = 2 * TaskRepository.FETCH_ROWS + 10;
		this.jdbc.sql(
				"INSERT INTO tasks (owner_id, title) SELECT 1, :marker || ' ' || n FROM generate_series(1, :count) AS n")
			.param("marker", marker)
			.param("count", count)
			.update();

		CollectedPage page = page(new TaskListQuery(null, marker, count - 1, null, false));

		assertThat(page.tasks()).hasSize(count - 1);
		assertThat(page.tasks()).extracting(Task::title).startsWith(marker + " 1", marker + " 2");
		assertThat(page.ids()).isSorted();
		assertThat(page.nextAfter()).isEqualTo(page.ids().get(count - 2));
	}

	@Test
	void everyListingQueryIsAnIndexScanOnALargeTable() throws SQLException {
		loadTasks(50_000);

		for (TaskListQuery query : List.of(new TaskListQuery(null, null, 100, null, false),
				new TaskListQuery(null, null, 100, null, true), new TaskListQuery(null, null, 100, 25_000L, false),
				new TaskListQuery(null, null, 100, 25_000L, true), new TaskListQuery(true, null, 100, null, false),
				new TaskListQuery(false, null, 100, null, true), new TaskListQuery(false, null, 100, 1_000L, false),
				new TaskListQuery(null, "a7f3e9b2", 100, null, false))) {
			assertThat(explain(query)).as(query.toString())
				.doesNotContain("Seq Scan")
				.containsAnyOf("Index", "Bitmap")
				// the page is read in its order: no sort above it
				.doesNotStartWith("Sort")
				.doesNotStartWith("Incremental Sort");
		}
	}

	@Test
	void aListInManualOrderReadsItsNeverMovedTasksInOrderOnALargeTable() throws SQLException {
		loadTasks(20_000);
		this.jdbc.sql("INSERT INTO projects (owner_id, name) VALUES (1, 'order')").update();
		long project = this.jdbc.sql("SELECT id FROM projects WHERE owner_id = 1 AND name = 'order'")
			.query(Long.class)
			.single();
		long parent = this.jdbc.sql("SELECT min(id) FROM tasks WHERE owner_id = 1").query(Long.class).single();
		this.jdbc.sql("""
				UPDATE tasks SET project_id = CASE WHEN id % 2 = 0 THEN :project END,
				    parent_id = CASE WHEN id % 100 = 5 AND id > :parent THEN :parent END,
				    position = CASE WHEN id % 1000 = 0 THEN 'V' || id END,
				    version = version + 1, changed_xid = pg_current_xact_id()
				WHERE owner_id = 1
				""").param("project", project).param("parent", parent).update();
		this.jdbc.sql("ANALYZE tasks").update();

		for (String parameters : List.of("project_id=inbox&parent_id=none", "project_id=" + project + "&parent_id=none",
				"parent_id=" + parent, "project_id=inbox&parent_id=none&order=desc",
				"project_id=" + project + "&parent_id=none&completed=false")) {
			for (PageCursor cursor : java.util.Arrays.asList(null,
					new PageCursor(null, 10_001, Task.idPosition(10_001)), new PageCursor(null, 15_000, "V15000"))) {
				TaskListQuery query = TaskListQuery.from(parameters(parameters + "&sort=position&limit=50"));
				if (cursor != null) {
					query = query.at(cursor);
				}
				String plan = explain(query);
				// Sorting the tasks never moved would read every one of the list's: the
				// only sorts allowed are the page's merge and one of the few moved tasks.
				assertThat(plan).as(parameters + " after " + cursor + "\n" + plan).doesNotContain("Seq Scan");
				assertThat(plan.lines().filter((line) -> line.contains("Sort Key:")))
					.as(parameters + " after " + cursor + "\n" + plan)
					.allMatch((line) -> line.contains("\"*SELECT* 1\"")
							|| line.contains("((tasks.\"position\")::text) COLLATE \"C\""));
			}
		}
	}

	@Test
	void everyFilterAndSortOfV2IsAnIndexScanOnALargeTable() throws SQLException {
		loadTasks(50_000);
		this.jdbc.sql("INSERT INTO projects (owner_id, name) VALUES (1, 'scan')").update();
		long project = this.jdbc.sql("SELECT id FROM projects WHERE owner_id = 1 AND name = 'scan'")
			.query(Long.class)
			.single();
		this.jdbc
			.sql("""
					UPDATE tasks SET priority = 1 + id % 4,
					    project_id = CASE WHEN id % 100 = 0 THEN :project END,
					    labels = CASE WHEN id % 50 = 0 THEN ARRAY['Scan'] ELSE '{}' END,
					    label_keys = CASE WHEN id % 50 = 0 THEN ARRAY['scan'] ELSE '{}' END,
					    due_date = CASE WHEN id % 3 = 0 THEN date '2026-01-01' + (id % 365)::int END,
					    due_sort = CASE WHEN id % 3 = 0 THEN (date '2026-01-01' + (id % 365)::int)::timestamptz END, version = version + 1, changed_xid = pg_current_xact_id()
					WHERE owner_id = 1
					""")
			.param("project", project)
			.update();
		this.jdbc.sql("ANALYZE tasks").update();
		java.time.Instant now = java.time.Instant.parse("2026-06-01T12:00:00Z");
		String cursorKey = Long.toString(java.time.Instant.parse("2026-03-01T00:00:00Z").toEpochMilli() * 1000);

		for (String parameters : List.of("project_id=" + project, "project_id=inbox", "label=scan", "priority=3,4",
				"due=today", "due=overdue", "due=upcoming", "due=none", "due_from=2026-02-01&due_to=2026-02-07",
				"sort=due", "sort=due&order=desc", "sort=priority", "sort=priority&order=desc", "sort=updated",
				"sort=updated&order=desc", "sort=due@" + cursorKey, "sort=due@-", "sort=priority@3",
				"sort=updated@" + cursorKey, "sort=due&label=scan", "sort=priority&project_id=" + project)) {
			String[] parts = parameters.split("@");
			org.springframework.util.LinkedMultiValueMap<String, String> map = new org.springframework.util.LinkedMultiValueMap<>();
			for (String pair : parts[0].split("&")) {
				map.add(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
			}
			TaskListQuery query = TaskListQuery.from(map);
			if (parts.length > 1) {
				query = query.at(new PageCursor("-".equals(parts[1]) ? null : Long.valueOf(parts[1]), 25_000));
			}
			TaskRepository.DueBounds bounds = TaskRepository.DueBounds.of(query.filters(),
					java.time.ZoneId.of("Europe/Berlin"), now);
			TaskRepository.PageStatement page = TaskRepository.pageStatement(OWNER, query, bounds);
			String plan = String.join("\n",
					this.jdbc.sql("EXPLAIN " + page.sql()).params(page.parameters()).query(String.class).list());
			assertThat(plan).as(parameters + "\n" + plan).doesNotContain("Seq Scan").containsAnyOf("Index", "Bitmap");
		}
	}

	@Test
	void aSearchRepeatedManyTimesStillUsesTheSearchIndex() throws SQLException {
		// At this size a generic plan for a search once walked the primary key through
		// the whole table; PostgreSQL may switch to one after five executions of a
		// statement that the driver has prepared on the server.
		String marker = TaskFixtures.uniqueMarker();
		liftTheSocketTimeout();
		this.jdbc.sql("""
				INSERT INTO tasks (owner_id, title, description)
				SELECT 1, CASE WHEN n % 2000 = 0 THEN :marker || ' ' || n ELSE 'task ' || n END,
				       CASE WHEN n % 3 = 0 THEN 'description ' || md5(n::text) END
				FROM generate_series(1, 10000) AS n
				""").param("marker", marker).update();
		this.jdbc.sql("ANALYZE tasks").update();
		TaskListQuery search = new TaskListQuery(null, marker, 50, null, false);

		for (int i = 1; i <= 15; i++) {
			long before = searchIndexScans();
			assertThat(page(search).ids()).as("search %d", i).hasSize(5);
			assertThat(searchIndexScans() - before).as("search index scans in search %d", i).isEqualTo(1);
		}
	}

	/**
	 * Terms of one and two characters, of punctuation, and rare ones of any length are
	 * found through the search index; a term in most tasks fills its page from the first
	 * tasks without it. Which of the two happens depends on what the first tasks hold,
	 * never on PostgreSQL's estimate of the term.
	 */
	@ParameterizedTest(name = "q={0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			z          | 5  | 1
			ze         | 5  | 1
			zebra      | 5  | 1
			qx         | 0  | 1
			q          | 0  | 1
			xyzzy      | 0  | 1
			--         | 0  | 1
			%          | 0  | 1
			"  "       | 0  | 1
			a          | 50 | 0
			ta         | 50 | 0
			task       | 50 | 0
			""")
	void aSearchReadsTheIndexOnlyForATermMissingFromTheFirstTasks(String q, int found, long indexScans)
			throws SQLException {
		loadTasks(5_000);
		TaskListQuery search = new TaskListQuery(null, q, 50, null, false);
		// Not the plan's shape: on 5,000 rows PostgreSQL may fetch the page's few rows by
		// a
		// hash join over the table, or not, depending on what else the database holds
		// (this failed when run alone). What the test names is counted instead.

		long before = searchIndexScans();
		assertThat(page(search).ids()).hasSize(found);
		assertThat(searchIndexScans() - before).as("search index scans").isEqualTo(indexScans);
	}

	/**
	 * Pages of searches, compared with the same search done the plain way (every task
	 * matched with ILIKE), for matches before, across and beyond the tasks a search reads
	 * one by one, in both orders, with cursors and with the state filter.
	 */
	@Test
	void aSearchPagesExactlyAsMatchingEveryTaskWould() {
		Random random = new Random(22);
		String alphabet = "aAbB\u00e9\u00c9%_ \\\u0001\u0002\n\uD83D\uDE00";
		List<String[]> rows = new ArrayList<>();
		for (int i = 0; i < 1200; i++) {
			// rarer and rarer matches further on, so that pages cross from the scanned
			// tasks into the index
			String title = (random.nextInt(1 + i / 40) == 0) ? "needle " + randomText(random, alphabet, 6)
					: "hay " + randomText(random, alphabet, 8);
			String description = random.nextBoolean() ? null : randomText(random, alphabet, 12);
			rows.add(new String[] { title, description });
		}
		// in one statement, ids in the order of the rows
		this.tasks.createAll(owned(rows.stream().map((row) -> new NewTask(row[0], row[1])).toList()));
		Long firstId = this.jdbc.sql("SELECT min(id) FROM tasks").query(Long.class).single();

		List<String> terms = new ArrayList<>(List.of("needle", "NEEDLE", "eed", "e", "n", "ne", "%", "_", "\\",
				"\u0001", "\u0002", "a\u0001", "\u00c9", "\uD83D\uDE00", " ", "\n"));
		for (int i = 0; i < 10; i++) {
			terms.add(randomText(random, alphabet, 1 + random.nextInt(3)));
		}
		for (String term : terms) {
			for (boolean descending : List.of(false, true)) {
				for (Boolean completed : Arrays.asList(null, false)) {
					TaskListQuery all = new TaskListQuery(completed, term, 60, null, descending);
					assertThat(walk(all)).as("%s", all).containsExactlyElementsOf(plainSearch(all));
					for (int limit : List.of(3, 60)) {
						TaskListQuery later = new TaskListQuery(completed, term, limit, firstId + 500, descending);
						assertThat(page(later).ids()).as("%s", later)
							.containsExactlyElementsOf(plainSearch(later).stream().limit(limit).toList());
					}
				}
			}
		}
	}

	/**
	 * A term missing from an account's first 1,000 tasks and in the 19,000 after them (a
	 * word that came into use late) is found by reading on in order once a probe finds
	 * it: about a thousand tasks read, where the index handed back every later one.
	 */
	@Test
	void aTermThatStartsLateInTheListingIsFoundByReadingOn() {
		List<NewTask> rows = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			rows.add(new NewTask(((i < 1000) ? "Plain task " : "Many a task ") + i, null));
		}
		this.tasks.createAll(owned(rows));
		this.jdbc.sql("ANALYZE tasks").update();
		TaskListQuery search = new TaskListQuery(null, "many", 10, null, false);

		List<Long> found = page(search).ids();

		assertThat(tasksRead(search)).as("tasks read").isLessThan(3000);
		assertThat(found).containsExactlyElementsOf(plainSearch(search).stream().limit(10).toList());
		assertThat(this.jdbc.sql("SELECT title FROM tasks WHERE id = :id")
			.param("id", found.get(0))
			.query(String.class)
			.single()).isEqualTo("Many a task 1000");
	}

	/**
	 * Pages of a search whose matches start late and come in two runs, one found by
	 * reading on after the probes and one beyond the tasks read on, compared with
	 * matching every task, in both orders, with cursors at and between the runs.
	 */
	@Test
	void aSearchOfATermThatStartsLatePagesExactlyAsMatchingEveryTaskWould() {
		List<NewTask> rows = new ArrayList<>();
		for (int i = 0; i < 6000; i++) {
			boolean needle = (i >= 1000 && i < 1040) || i >= 5000;
			rows.add(new NewTask(((needle) ? "needle " : "hay ") + i, (i % 3 == 0) ? "no " + i : null));
		}
		this.tasks.createAll(owned(rows));
		Long firstId = this.jdbc.sql("SELECT min(id) FROM tasks").query(Long.class).single();

		for (String term : List.of("needle", "EEDL", "e")) {
			for (boolean descending : List.of(false, true)) {
				for (Boolean completed : Arrays.asList(null, false)) {
					TaskListQuery all = new TaskListQuery(completed, term, 60, null, descending);
					assertThat(walk(all)).as("%s", all).containsExactlyElementsOf(plainSearch(all));
					for (long after : List.of(500L, 1020L, 4300L, 5030L)) {
						for (int limit : List.of(3, 60)) {
							TaskListQuery later = new TaskListQuery(completed, term, limit, firstId + after,
									descending);
							assertThat(page(later).ids()).as("%s", later)
								.containsExactlyElementsOf(plainSearch(later).stream().limit(limit).toList());
						}
					}
				}
			}
		}
	}

	/**
	 * The index holds a key for every character and pair of characters a term can be made
	 * of, folded as ILIKE folds them, whatever the text: a missing key would hide a task
	 * from every search for it.
	 */
	@Test
	void theSearchKeysOfATaskCoverEveryTermItContains() {
		Random random = new Random(7);
		String alphabet = "aAzZ\u00e9\u00c9\u00df\u03a3\u03c3\u0001\u0002 %_\\\t\uD83D\uDE00";
		List<String> uncovered = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			String text = randomText(random, alphabet, 1 + random.nextInt(9));
			for (int start = 0; start < text.length(); start++) {
				for (int end = start + 1; end <= Math.min(text.length(), start + 5); end++) {
					String term = text.substring(start, end);
					if (Character.isLowSurrogate(term.charAt(0))
							|| Character.isHighSurrogate(term.charAt(term.length() - 1))) {
						continue;
					}
					for (String asked : List.of(term, term.toUpperCase(Locale.ROOT), term.toLowerCase(Locale.ROOT))) {
						Boolean covered = this.jdbc
							.sql("""
									SELECT (:text ILIKE :pattern) <= (task_search_keys(:text, NULL) @@ term_search_query(:term)
									       AND task_search_keys('x', :text) @@ term_search_query(:term))
									""")
							.param("text", text)
							.param("pattern", "%" + TaskRepository.escapeLike(asked) + "%")
							.param("term", asked)
							.query(Boolean.class)
							.single();
						if (!covered) {
							uncovered.add(asked + " in " + text);
						}
					}
				}
			}
		}
		assertThat(uncovered).isEmpty();
	}

	/**
	 * The search index's functions reach PostgreSQL's executor as plain expressions: run
	 * as SQL functions instead, their set-up on every INSERT cost writers more than the
	 * rest of the index (docs/design/search.md).
	 */
	@Test
	void theSearchKeysAreInlinedIntoTheIndexExpression() {
		String plan = String.join("\n", this.jdbc.sql("""
				EXPLAIN SELECT id FROM tasks WHERE task_search_keys(title, description) @@ 'ab'::tsquery
				""").query(String.class).list());

		assertThat(plan).contains("regexp_replace(")
			.doesNotContain("search_pairs(", "search_lower(", "task_search_keys(");
	}

	/** Every page of a search, followed through its cursors. */
	private List<Long> walk(TaskListQuery first) {
		List<Long> ids = new ArrayList<>();
		TaskListQuery query = first;
		while (true) {
			CollectedPage page = page(query);
			ids.addAll(page.ids());
			if (page.nextAfter() == null) {
				return ids;
			}
			query = new TaskListQuery(first.completed(), first.q(), first.limit(), page.nextAfter(),
					first.descending());
		}
	}

	private List<Long> plainSearch(TaskListQuery query) {
		return this.jdbc.sql("""
				SELECT id FROM tasks
				WHERE owner_id = :owner AND (title ILIKE :pattern OR description ILIKE :pattern)
				  AND (CAST(:completed AS boolean) IS NULL OR completed = :completed)
				  AND (CAST(:after AS bigint) IS NULL OR (CASE WHEN :descending THEN id < :after ELSE id > :after END))
				ORDER BY CASE WHEN :descending THEN -id ELSE id END
				""")
			.param("owner", OWNER)
			.param("pattern", "%" + TaskRepository.escapeLike(query.q()) + "%")
			.param("completed", query.completed(), Types.BOOLEAN)
			.param("after", query.after(), Types.BIGINT)
			.param("descending", query.descending())
			.query(Long.class)
			.list();
	}

	private static String randomText(Random random, String alphabet, int length) {
		int[] codePoints = alphabet.codePoints().toArray();
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
		}
		return text.toString();
	}

	private static List<Owned<NewTask>> owned(List<NewTask> tasks) {
		return tasks.stream().map((task) -> new Owned<>(OWNER, task)).toList();
	}

	private static Owned<Long> mine(long id) {
		return new Owned<>(OWNER, id);
	}

	/** Tasks like the benchmark's: 5 Zebra titles, all others a Benchmark task. */
	private void loadTasks(int count) throws SQLException {
		liftTheSocketTimeout();
		this.jdbc.sql("""
				INSERT INTO tasks (owner_id, title, description, completed, completed_at)
				SELECT 1, CASE WHEN n % (:count / 5) = 0 THEN 'Zebra crossing ' || n ELSE 'Benchmark task ' || n END,
				       CASE WHEN n % 3 = 0 THEN 'notes for ' || md5(n::text) END, n % 2 = 0,
				       CASE WHEN n % 2 = 0 THEN now() END
				FROM generate_series(1, :count) AS n
				""").param("count", count).update();
		this.jdbc.sql("ANALYZE tasks").update();
	}

	/**
	 * Lifts the socket timeout that guards requests from the test's connection, for the
	 * rest of the test: loading thousands of rows may outlast it on a slow machine. The
	 * rows must stay in the test's transaction, to be rolled back, so they cannot be
	 * loaded on a connection of {@link org.tasktracker.support.TestSetupJdbc}'s; the
	 * slice's pool sets no statement timeout to lift, and resets the socket timeout when
	 * the connection comes back.
	 */
	private void liftTheSocketTimeout() throws SQLException {
		DataSourceUtils.getConnection(this.dataSource).setNetworkTimeout(Runnable::run, 0);
	}

	/**
	 * A search by id hides its term from the planner, so one plan, prepared on the
	 * server, serves every term: PostgreSQL settles on a generic plan, and after fifteen
	 * pages of a common term a rare one is still found through the search index. A search
	 * sorted by due weighs its term, and is planned for it on every call, never prepared.
	 */
	@Test
	void aSearchByIdIsPreparedOnTheServerAndASortedOneIsNot() throws SQLException {
		loadTasks(5_000);
		TaskListQuery common = new TaskListQuery(null, "task", 50, null, false);

		for (int i = 1; i <= 15; i++) {
			assertThat(page(common).ids()).as("search %d", i).hasSize(50);
		}
		long before = searchIndexScans();
		assertThat(page(new TaskListQuery(null, "zebra", 50, null, false)).tasks()).hasSize(5)
			.allSatisfy((task) -> assertThat(task.title()).startsWith("Zebra crossing"));
		assertThat(searchIndexScans() - before).as("search index scans").isEqualTo(1);
		TaskListQuery sorted = TaskListQuery.from(parameters("q=" + TaskFixtures.uniqueMarker() + "&sort=due"));
		for (int i = 1; i <= 10; i++) {
			assertThat(page(sorted).ids()).as("sorted search %d", i).isEmpty();
		}

		List<Map<String, Object>> prepared = this.jdbc
			.sql("SELECT statement, generic_plans FROM pg_prepared_statements WHERE statement LIKE '%ILIKE%'")
			.query()
			.listOfRows();
		assertThat(prepared).as("searches prepared on this connection, with their runs on a generic plan")
			.anyMatch((row) -> row.get("statement").toString().contains("probed")
					&& ((Number) row.get("generic_plans")).longValue() > 0)
			.noneMatch((row) -> row.get("statement").toString().contains("OVER whole"));
	}

	@Test
	void aRareTermInAnotherOrderThanIdIsFoundThroughTheSearchIndex() throws SQLException {
		loadTasks(20_000);
		this.jdbc
			.sql("""
					UPDATE tasks SET due_date = date '2026-01-01' + (id % 365)::int,
					    due_sort = (date '2026-01-01' + (id % 365)::int)::timestamptz, version = version + 1, changed_xid = pg_current_xact_id()
					WHERE owner_id = 1 AND id % 2 = 0
					""")
			.update();
		this.jdbc.sql("ANALYZE tasks").update();
		TaskListQuery search = TaskListQuery.from(parameters("q=zebra&sort=due&limit=50"));

		long before = searchIndexScans();
		CollectedPage page = page(search);

		assertThat(page.tasks()).hasSize(5).allSatisfy((task) -> assertThat(task.title()).startsWith("Zebra crossing"));
		assertThat(searchIndexScans() - before).as("search index scans").isPositive();
	}

	/**
	 * A page filtered by labels reads the tasks in order while they fill it, and the
	 * label index only for a label too rare to. A label on five of fifty thousand tasks
	 * once walked the primary key through all of them. The page is planned for its labels
	 * on every call, never prepared: a generic plan, guessing at every label, read the
	 * rest of a small table from end to end instead of the label index.
	 */
	@Test
	void aPageFilteredByLabelReadsTheLabelIndexOnlyForARareLabel() throws SQLException {
		loadTasks(50_000);
		// Labels no other test uses, so that no statistics read before know them.
		String home = TaskFixtures.uniqueMarker();
		String waiting = TaskFixtures.uniqueMarker();
		this.jdbc.sql("""
				UPDATE tasks SET labels = ARRAY[CASE WHEN n % 5 = 0 THEN :home ELSE :waiting END],
				    label_keys = ARRAY[CASE WHEN n % 5 = 0 THEN :home ELSE :waiting END],
				    version = version + 1, changed_xid = pg_current_xact_id()
				FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM tasks WHERE owner_id = 1) AS numbered
				WHERE tasks.id = numbered.id AND (n % 5 = 0 OR n % 10000 = 3)
				""").param("home", home).param("waiting", waiting).update();
		// Not analysed again: the statistics have never seen the labels, as they never
		// see a label on a handful of a large table's tasks, and PostgreSQL guesses.
		TaskListQuery common = TaskListQuery.from(parameters("label=" + home + "&limit=50"));
		TaskListQuery rare = TaskListQuery.from(parameters("label=" + waiting + "&limit=50"));

		for (int i = 1; i <= 10; i++) {
			long before = labelIndexScans();
			assertThat(page(common).tasks()).as("page %d", i)
				.hasSize(50)
				.allSatisfy((task) -> assertThat(task.labels()).containsExactly(home));
			assertThat(labelIndexScans() - before).as("label index scans for a common label").isZero();
		}
		long before = labelIndexScans();
		assertThat(page(rare).tasks()).hasSize(5)
			.allSatisfy((task) -> assertThat(task.labels()).containsExactly(waiting));
		assertThat(labelIndexScans() - before).as("label index scans for a rare label").isEqualTo(1);
		assertThat(tasksRead(rare)).as("tasks read for a rare label").isLessThan(3000);
		TaskListQuery rareByDue = TaskListQuery.from(parameters("label=" + waiting + "&sort=due&limit=50"));
		assertThat(page(rareByDue).tasks()).hasSize(5);
		assertThat(tasksRead(rareByDue)).as("tasks read for a rare label, sorted by due").isLessThan(6000);
		assertThat(this.jdbc.sql("SELECT statement FROM pg_prepared_statements").query(String.class).list())
			.as("statements prepared on this connection")
			.noneMatch((statement) -> statement.contains("label_keys @>"));
	}

	/**
	 * The labels that {@code ANALYZE} found among the most common are known, others not,
	 * and a page filtered by known labels is the plain statement that PostgreSQL plans by
	 * their share, where one by unknown labels reads the tasks in order before the label
	 * index.
	 */
	@Test
	void labelsAreKnownOnceTheStatisticsListThem() throws SQLException {
		loadTasks(20_000);
		String common = TaskFixtures.uniqueMarker();
		this.jdbc.sql("""
				UPDATE tasks SET labels = ARRAY[:common], label_keys = ARRAY[:common],
				    version = version + 1, changed_xid = pg_current_xact_id()
				WHERE owner_id = 1 AND id % 5 = 0
				""").param("common", common).update();
		LabelStatistics statistics = new LabelStatistics(this.jdbc);
		assertThat(statistics.allKnown(List.of(common))).as("before ANALYZE").isFalse();

		this.jdbc.sql("ANALYZE tasks").update();
		assertThat(statistics.allKnown(List.of(common))).as("read before ANALYZE, not read again yet").isFalse();
		statistics.forget();

		assertThat(statistics.allKnown(List.of(common))).isTrue();
		assertThat(statistics.allKnown(List.of(common, TaskFixtures.uniqueMarker()))).as("with a label on no task")
			.isFalse();
		TaskListQuery query = TaskListQuery.from(parameters("label=" + common + "&limit=50"));
		assertThat(TaskRepository.pageStatement(OWNER, query, null, true).sql()).doesNotContain("scanned");
		assertThat(TaskRepository.pageStatement(OWNER, query, null, false).sql()).contains("scanned");
	}

	/**
	 * Pages filtered by labels, compared with checking every task, for labels common,
	 * rare and on none, with matches before, across and beyond the tasks read in order,
	 * in both orders, with cursors and with the other filters, whether the statistics
	 * know the labels or not.
	 */
	@Test
	void pagesFilteredByLabelsAreExactlyThoseOfCheckingEveryTask() throws SQLException {
		loadLabelledTasks();
		this.jdbc.sql("ANALYZE tasks").update();
		Long firstId = this.jdbc.sql("SELECT min(id) FROM tasks WHERE owner_id = 1").query(Long.class).single();

		for (String labels : List.of("home", "late", "rare", "late,home", "none")) {
			for (String order : List.of("asc", "desc")) {
				for (String others : List.of("", "&completed=false&priority=2,3")) {
					for (long after : List.of(0L, 1020L, 2990L, 5030L)) {
						for (int limit : List.of(3, 60)) {
							String parameters = "label=%s&order=%s&limit=%d%s%s".formatted(labels, order, limit, others,
									(after > 0) ? "&after=" + (firstId + after) : "");
							TaskListQuery query = TaskListQuery.from(parameters(parameters));
							List<Long> expected = everyTaskChecked(query).stream().limit(limit).toList();
							for (boolean labelsKnown : List.of(false, true)) {
								assertThat(statementRows(query, labelsKnown, (row, n) -> row.getLong("id")).stream()
									.limit(limit)
									.toList()).as("%s, labels known: %s", parameters, labelsKnown)
									.containsExactlyElementsOf(expected);
							}
						}
					}
				}
			}
		}
	}

	/**
	 * Pages filtered by labels in the other orders, walked with their cursors: reading a
	 * window in the sort's order before the label index gives the pages, and the cursors
	 * between them, of the plain statement that walks the sort's index.
	 */
	@Test
	void sortedPagesFilteredByLabelsAreThoseOfThePlainStatement() throws SQLException {
		loadLabelledTasks();

		for (String sort : List.of("due", "priority", "updated")) {
			for (String order : List.of("asc", "desc")) {
				for (String labels : List.of("home", "late", "rare", "none")) {
					String parameters = "label=%s&sort=%s&order=%s&limit=60".formatted(labels, sort, order);
					TaskListQuery query = TaskListQuery.from(parameters(parameters));
					for (int page = 1; page <= 200; page++) {
						List<Map<String, Object>> plain = sortedRows(query, true);
						assertThat(sortedRows(query, false)).as("%s, page %d", parameters, page).isEqualTo(plain);
						if (plain.size() <= 60) {
							break;
						}
						Object key = plain.get(59).get("next_key");
						query = query.at(new PageCursor((key instanceof Number number) ? number.longValue() : null,
								((Number) plain.get(59).get("id")).longValue()));
					}
				}
			}
		}
	}

	/** The ids and next keys of a sorted page's rows, by the statement asked for. */
	private List<Map<String, Object>> sortedRows(TaskListQuery query, boolean labelsKnown) {
		return statementRows(query, labelsKnown, (row, n) -> Map.<String, Object>of("id", row.getLong("id"), "next_key",
				java.util.Objects.requireNonNullElse(row.getObject("next_key"), "none")));
	}

	/**
	 * The rows of the page statement for labels known or not, as {@code row} maps them.
	 */
	private <T> List<T> statementRows(TaskListQuery query, boolean labelsKnown,
			org.springframework.jdbc.core.RowMapper<T> row) {
		TaskRepository.PageStatement page = TaskRepository.pageStatement(OWNER, query, null, labelsKnown);
		// Sent unnamed, as the service sends them: prepared on the server, they would be
		// left on the connection for other tests to find.
		return TaskRepository.plannedForEachCall(this.dataSource)
			.sql(page.sql())
			.params(page.parameters())
			.query(row)
			.list();
	}

	/**
	 * 6,000 tasks: a third labelled {@code home}, a run and a late stretch {@code late}
	 * and {@code home}, four {@code rare}; every priority; half due on a day of 2026;
	 * each updated at one of a thousand minutes.
	 */
	private void loadLabelledTasks() throws SQLException {
		loadTasks(6_000);
		this.jdbc.sql("""
				UPDATE tasks SET labels = picked.labels, label_keys = picked.labels, priority = 1 + n % 4,
				    due_date = CASE WHEN n % 2 = 0 THEN date '2026-01-01' + (n % 365)::int END,
				    due_sort = CASE WHEN n % 2 = 0 THEN (date '2026-01-01' + (n % 365)::int)::timestamptz END,
				    updated_at = timestamptz '2026-06-01 00:00Z' + (n % 1000) * interval '1 minute',
				    version = version + 1, changed_xid = pg_current_xact_id()
				FROM (SELECT id, n, CASE WHEN n % 3 = 0 THEN '{home}'::text[]
				                         WHEN n BETWEEN 1000 AND 1030 OR n > 5000 AND n % 7 = 0 THEN '{late,home}'
				                         WHEN n % 997 = 0 THEN '{rare}' ELSE '{}' END AS labels
				      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM tasks WHERE owner_id = 1) AS numbered)
				     AS picked
				WHERE tasks.id = picked.id
				""").update();
	}

	/** The page's tasks found by checking every task's labels, priority and state. */
	private List<Long> everyTaskChecked(TaskListQuery query) {
		return this.jdbc.sql("""
				SELECT id FROM tasks
				WHERE owner_id = :owner AND label_keys @> CAST(:labels AS text[])
				  AND (CAST(:completed AS boolean) IS NULL OR completed = :completed)
				  AND (cardinality(CAST(:priorities AS int[])) = 0 OR priority = ANY(CAST(:priorities AS int[])))
				  AND (CAST(:after AS bigint) IS NULL OR (CASE WHEN :descending THEN id < :after ELSE id > :after END))
				ORDER BY CASE WHEN :descending THEN -id ELSE id END
				""")
			.param("owner", OWNER)
			.param("labels", query.filters().labelKeys().toArray(String[]::new))
			.param("completed", query.completed(), Types.BOOLEAN)
			.param("priorities", query.filters().priorities().toArray(Integer[]::new))
			.param("after", query.after(), Types.BIGINT)
			.param("descending", query.descending())
			.query(Long.class)
			.list();
	}

	private static org.springframework.util.MultiValueMap<String, String> parameters(String query) {
		org.springframework.util.LinkedMultiValueMap<String, String> map = new org.springframework.util.LinkedMultiValueMap<>();
		for (String pair : query.split("&")) {
			map.add(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
		}
		return map;
	}

	/** Scans of the label index in this (the test's) transaction. */
	private long labelIndexScans() {
		return indexScans("tasks_owner_label_keys_idx");
	}

	/** Scans of the search index in this (the test's) transaction. */
	private long searchIndexScans() {
		return indexScans("tasks_owner_search_keys_idx");
	}

	/** Scans of that index in this (the test's) transaction. */
	private long indexScans(String index) {
		return this.jdbc.sql("SELECT pg_stat_get_xact_numscans(CAST(:index AS regclass))")
			.param("index", index)
			.query(Long.class)
			.single();
	}

	private String explain(TaskListQuery query) {
		return String.join("\n", plan("EXPLAIN", query));
	}

	/**
	 * The lines of the page statement's plan, shown by {@code explain} with its values.
	 */
	private List<String> plan(String explain, TaskListQuery query) {
		TaskRepository.PageStatement page = TaskRepository.pageStatement(OWNER, query);
		return this.jdbc.sql(explain + " " + page.sql()).params(page.parameters()).query(String.class).list();
	}

	/**
	 * The rows of {@code tasks} the page's statement read, from its {@code EXPLAIN
	 * ANALYZE}: those its scans of the table returned, in every loop, and those they read
	 * and filtered out. A count of work that does not depend on the machine's speed, and
	 * unlike the statistics views counts index scans' reads on the table.
	 */
	private long tasksRead(TaskListQuery query) {
		double read = 0;
		boolean inScanOfTasks = false;
		for (String line : plan("EXPLAIN (ANALYZE, TIMING OFF)", query)) {
			Matcher scan = SCAN_OF_TASKS.matcher(line);
			if (scan.find()) {
				read += Double.parseDouble(scan.group(1)) * Long.parseLong(scan.group(2));
				inScanOfTasks = true;
			}
			else if (line.contains("->")) {
				inScanOfTasks = false;
			}
			Matcher removed = REMOVED_ROWS.matcher(line);
			if (inScanOfTasks && removed.find()) {
				read += Long.parseLong(removed.group(1));
			}
		}
		return Math.round(read);
	}

	private List<Long> query(String q) {
		return page(new TaskListQuery(null, q, 100, null, false)).ids();
	}

	private CollectedPage page(TaskListQuery query) {
		CollectedPage page = new CollectedPage();
		this.tasks.streamPage(OWNER, query, page);
		return page;
	}

}
