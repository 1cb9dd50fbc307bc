package org.tasktracker.task;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGStatement;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Tasks in PostgreSQL, one SQL statement per operation. State changes are decided in the
 * statement itself, so concurrent requests cannot interleave a read and a write.
 * <p>
 * A plain component rather than a {@code @Repository}: {@link JdbcClient} already turns
 * every {@code SQLException} into a {@code DataAccessException}, and the translating
 * proxy a {@code @Repository} gets cost a reflective call on every operation.
 */
@Component
class TaskRepository {

	/**
	 * Joined into the fixed statements as a constant: formatting it in on every call
	 * showed in profiles. The list statement varies with the query and is built per call.
	 */
	static final String COLUMNS = "id, title, description, completed, created_at, updated_at, completed_at, "
			+ "project_id, labels, priority, due_date, due_at, parent_id, " + TaskRepository.POSITION + " AS position, "
			+ "recurrence_rule, recurrence_from, reminders, subtasks_open, subtasks_total, version";

	/**
	 * The siblings of one list, as the index of moved tasks keys them: a project or
	 * parent of none is 0 there, so that every list is an equality PostgreSQL can read in
	 * position order ({@code IS NULL} does not count as one). Takes {@code :project} and
	 * {@code :parent}, 0 for none.
	 */
	static final String SAME_LIST = "COALESCE(project_id, 0) = CAST(:project AS bigint) "
			+ "AND COALESCE(parent_id, 0) = CAST(:parent AS bigint)";

	/**
	 * A task's place among its siblings: its key once moved, its id's before
	 * ({@link Task#idPosition}), which orders the tasks never moved as their ids do.
	 */
	static final String POSITION = "(COALESCE(tasks.position, lpad(to_hex(tasks.id), 16, '0') || '1') COLLATE \"C\")";

	/**
	 * The instant a task falls due, from its due date or instant: the start of an all-day
	 * date in the owner's time zone, read from the owner's user row.
	 */
	static String dueSort(String date, String at, String owner) {
		return "CASE WHEN %s IS NOT NULL THEN %s::timestamp AT TIME ZONE (SELECT timezone FROM users WHERE id = %s) ELSE %s END"
			.formatted(date, date, owner, at);
	}

	/**
	 * {@link #completeAll}, built once: the open tasks asked for are updated, and the
	 * completed ones are only read, so that completing a completed task writes nothing
	 * (no new row version, no WAL, no row lock: docs/design/sync.md). Both halves read
	 * the statement's snapshot; a task completed by another transaction after it was
	 * taken is in neither, and goes the way of a task not found here
	 * ({@code TaskLifecycle}, which completes it in a transaction of its own).
	 */
	private static final String COMPLETE_ALL = """
			WITH asked AS (
			    SELECT * FROM unnest(:owners::bigint[], :ids::bigint[]) AS asked(owner_id, id)
			), changed AS (
			    UPDATE tasks
			    SET completed = true, completed_at = COALESCE(completed_at, now()), %1$s
			    FROM asked
			    WHERE tasks.owner_id = asked.owner_id AND tasks.id = asked.id
			      AND tasks.recurrence_rule IS NULL AND tasks.subtasks_total = 0 AND NOT tasks.completed
			    RETURNING %2$s, tasks.owner_id
			)
			SELECT * FROM changed
			UNION ALL
			SELECT %2$s, tasks.owner_id FROM tasks JOIN asked ON tasks.owner_id = asked.owner_id AND tasks.id = asked.id
			WHERE tasks.recurrence_rule IS NULL AND tasks.subtasks_total = 0 AND tasks.completed
			""".formatted(RowChange.ALWAYS, qualified(COLUMNS));

	/**
	 * {@link #createAll}: the input is referenced twice, so PostgreSQL evaluates it (and
	 * draws each id) once.
	 */
	private static final String CREATE_ALL = """
			WITH input AS (
			    SELECT nextval('tasks_id_seq') AS id, owner_id, title, description, priority,
			           due_date::date AS due_date, due_at::timestamptz AS due_at, position
			    FROM unnest(:owners::bigint[], :titles::text[], :descriptions::text[], :priorities::int[],
			                :dueDates::text[], :dueAts::text[])
			         WITH ORDINALITY AS request(owner_id, title, description, priority, due_date, due_at, position)
			), inserted AS (
			    INSERT INTO tasks (id, owner_id, title, description, priority, due_date, due_at, due_sort)
			    OVERRIDING SYSTEM VALUE
			    SELECT id, owner_id, title, description, priority, due_date, due_at, %s FROM input
			    RETURNING %s
			)
			SELECT inserted.* FROM inserted JOIN input USING (id) ORDER BY input.position
			""".formatted(dueSort("input.due_date", "input.due_at", "input.owner_id"), COLUMNS);

	/** {@link #create}: formatted once, not on every call. */
	private static final String CREATE = """
			INSERT INTO tasks (owner_id, title, description, project_id, labels, label_keys, priority,
			                   due_date, due_at, due_sort, parent_id, recurrence_rule, recurrence_from,
			                   recurrence_index, reminders)
			VALUES (:owner, :title, :description, CAST(:project AS bigint), CAST(:labels AS text[]),
			        CAST(:labelKeys AS text[]), :priority, CAST(:dueDate AS date), CAST(:dueAt AS timestamptz), %s,
			        CAST(:parent AS bigint), CAST(:rule AS text), CAST(:from AS text),
			        CASE WHEN CAST(:rule AS text) IS NOT NULL THEN 1 END, CAST(:reminders AS text[]))
			RETURNING %s
			""".formatted(dueSort("CAST(:dueDate AS date)", "CAST(:dueAt AS timestamptz)", ":owner"), COLUMNS);

	/** {@link #restore}: formatted once. */
	private static final String RESTORE = """
			WITH restored AS (
			INSERT INTO tasks (id, owner_id, title, description, completed, created_at, updated_at, completed_at,
			                   project_id, labels, label_keys, priority, due_date, due_at, due_sort, parent_id,
			                   position, recurrence_rule, recurrence_from, recurrence_index, reminders, version)
			OVERRIDING SYSTEM VALUE
			SELECT :id, :owner, :title, :description, :completed, CAST(:createdAt AS timestamptz),
			       CAST(:updatedAt AS timestamptz), CAST(:completedAt AS timestamptz), CAST(:project AS bigint),
			       CAST(:labels AS text[]), CAST(:labelKeys AS text[]), :priority, CAST(:dueDate AS date),
			       CAST(:dueAt AS timestamptz), %s, CAST(:parent AS bigint),
			       NULLIF(CAST(:position AS text), lpad(to_hex(CAST(:id AS bigint)), 16, '0') || '1'), CAST(:rule AS text),
			       CAST(:from AS text), CASE WHEN CAST(:rule AS text) IS NOT NULL THEN 1 END,
			       CAST(:reminders AS text[]), :version + 1
			WHERE :id <= (SELECT last_value FROM tasks_id_seq)
			  -- No task of any owner holds the id (the key is the owner's and the id);
			  -- "completed IN" lets the (completed, id) index find it in two probes.
			  AND NOT EXISTS (SELECT FROM tasks WHERE completed IN (true, false) AND id = :id)
			ON CONFLICT (owner_id, id) DO NOTHING
			RETURNING %s
			), back AS (
			    -- Back from the dead: a sync client that saw the tombstone gets the task
			    -- (its version one past the deleted one), one that did not never sees it.
			    DELETE FROM tombstones
			    WHERE owner_id = :owner AND kind = 'task' AND id IN (SELECT id FROM restored)
			)
			SELECT * FROM restored
			"""
		.formatted(dueSort("CAST(:dueDate AS date)", "CAST(:dueAt AS timestamptz)", ":owner"), COLUMNS);

	/**
	 * Rows per round trip when streaming a page: the whole of a default page (100 tasks
	 * and the one after it) in one, and at most about 4 MB of the largest tasks in
	 * memory.
	 */
	static final int FETCH_ROWS = 101;

	private final JdbcClient jdbc;

	/**
	 * For pages whose plan depends on the values asked for: see
	 * {@link #plannedForEachCall}.
	 */
	private final JdbcClient plannedPerCall;

	private final LabelStatistics labelStatistics;

	TaskRepository(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.plannedPerCall = plannedForEachCall(dataSource);
		this.labelStatistics = new LabelStatistics(jdbc);
	}

	/**
	 * Creates a task. Its labels must be spelled as the owner's labels are
	 * ({@link #spellLabels}); a project that is not the owner's breaks the foreign key.
	 */
	Task create(long ownerId, NewTask task) {
		return this.jdbc.sql(CREATE)
			.param("owner", ownerId)
			.param("title", task.title())
			.param("description", task.description())
			.param("project", task.projectId())
			.param("labels", new SqlArrayValue("text", task.labels().toArray()))
			.param("labelKeys", new SqlArrayValue("text", task.labels().stream().map(TaskRequests::labelKey).toArray()))
			.param("priority", task.priority())
			.param("dueDate", (task.due() != null) ? task.due().date() : null)
			.param("dueAt", (task.due() != null) ? task.due().datetime() : null)
			.param("parent", task.parentId())
			.param("rule", (task.recurrence() != null) ? task.recurrence().rule() : null)
			.param("from", (task.recurrence() != null) ? task.recurrence().from() : null)
			.param("reminders", reminders(task.reminders()))
			.query(new TaskRows())
			.single();
	}

	static SqlArrayValue reminders(List<Reminder> reminders) {
		return new SqlArrayValue("text", reminders.stream().map(Reminder::stored).toArray());
	}

	/**
	 * The owner's spelling of each label, in the order given: a label some task of the
	 * owner carries is spelled as it was first used; a new one, or one no task carries
	 * any more, is spelled as given, and as given first when it is given in several
	 * spellings. Run in the transaction that writes the task.
	 */
	List<String> spellLabels(long ownerId, List<String> labels) {
		if (labels.isEmpty()) {
			return labels;
		}
		// One row per label whatever its case: PostgreSQL refuses to upsert one row
		// twice in a statement.
		Map<String, String> given = new LinkedHashMap<>();
		labels.forEach((label) -> given.putIfAbsent(TaskRequests.labelKey(label), label));
		Object[] keys = given.keySet().toArray();
		this.jdbc.sql("""
				INSERT INTO labels (owner_id, key, name)
				SELECT :owner, key, name FROM unnest(CAST(:keys AS text[]), CAST(:names AS text[])) AS l(key, name)
				ON CONFLICT (owner_id, key) DO UPDATE SET name = EXCLUDED.name
				    WHERE NOT EXISTS (SELECT FROM tasks
				                      WHERE tasks.owner_id = labels.owner_id AND tasks.label_keys @> ARRAY[labels.key])
				""")
			.param("owner", ownerId)
			.param("keys", new SqlArrayValue("text", keys))
			.param("names", new SqlArrayValue("text", given.values().toArray()))
			.update();
		Map<String, String> spelled = new HashMap<>();
		this.jdbc.sql("SELECT key, name FROM labels WHERE owner_id = :owner AND key = ANY(CAST(:keys AS text[]))")
			.param("owner", ownerId)
			.param("keys", new SqlArrayValue("text", keys))
			.query((row) -> {
				spelled.put(row.getString("key"), row.getString("name"));
			});
		return labels.stream().map((label) -> spelled.getOrDefault(TaskRequests.labelKey(label), label)).toList();
	}

	/**
	 * Creates several tasks in one statement, and so in one transaction: they get the
	 * same {@code created_at}, and they are written or refused together.
	 * <p>
	 * PostgreSQL does not promise to return inserted rows in the order of the input, so
	 * each request's position travels with it: the ids are drawn for the numbered input
	 * rows first, and the inserted rows are joined back to their positions by id. No
	 * column of a task takes part in the match, so requests that differ in any way, or
	 * not at all, each get their own row.
	 * @return the tasks in the order of {@code newTasks}
	 */
	List<Task> createAll(List<Owned<NewTask>> newTasks) {
		Long[] owners = new Long[newTasks.size()];
		String[] titles = new String[newTasks.size()];
		String[] descriptions = new String[newTasks.size()];
		Integer[] priorities = new Integer[newTasks.size()];
		String[] dueDates = new String[newTasks.size()];
		String[] dueAts = new String[newTasks.size()];
		for (int i = 0; i < titles.length; i++) {
			NewTask task = newTasks.get(i).value();
			if (task.organised()) {
				throw new IllegalArgumentException("Tasks with a project or labels are created one by one");
			}
			owners[i] = newTasks.get(i).ownerId();
			titles[i] = task.title();
			descriptions[i] = task.description();
			priorities[i] = task.priority();
			dueDates[i] = (task.due() != null) ? task.due().date() : null;
			dueAts[i] = (task.due() != null) ? task.due().datetime() : null;
		}
		return this.jdbc.sql(CREATE_ALL)
			.param("owners", new SqlArrayValue("bigint", (Object[]) owners))
			.param("titles", new SqlArrayValue("text", (Object[]) titles))
			.param("descriptions", new SqlArrayValue("text", (Object[]) descriptions))
			.param("priorities", new SqlArrayValue("int4", (Object[]) priorities))
			.param("dueDates", new SqlArrayValue("text", (Object[]) dueDates))
			.param("dueAts", new SqlArrayValue("text", (Object[]) dueAts))
			.query(new TaskRows())
			.list();
	}

	/**
	 * The open tasks in the owner's Inbox, and those due before {@code tomorrowStart}
	 * (today's and overdue ones), each counted up to {@code cap}: the web UI's sidebar,
	 * which must cost the same for a user with a million tasks. Each count reads its
	 * index until the cap.
	 */
	OpenCounts openCounts(long ownerId, java.time.Instant tomorrowStart, int cap) {
		return this.jdbc.sql("""
				SELECT (SELECT count(*) FROM (SELECT 1 FROM tasks WHERE owner_id = :owner AND project_id IS NULL
				                              AND NOT completed LIMIT :cap) AS inbox) AS inbox,
				       (SELECT count(*) FROM (SELECT 1 FROM tasks WHERE owner_id = :owner AND due_sort < :tomorrow
				                              AND NOT completed LIMIT :cap) AS today) AS today
				""")
			.param("owner", ownerId)
			.param("tomorrow", OffsetDateTime.ofInstant(tomorrowStart, java.time.ZoneOffset.UTC))
			.param("cap", cap)
			.query((row, number) -> new OpenCounts(row.getInt("inbox"), row.getInt("today")))
			.single();
	}

	/**
	 * How many of the owner's tasks were completed on each day since {@code since}, days
	 * in {@code zone}; days without any are missing. A task completed since then was
	 * updated since then too, so the owner's {@code updated_at} index bounds the read.
	 */
	Map<java.time.LocalDate, Integer> completedPerDay(long ownerId, java.time.ZoneId zone, java.time.Instant since) {
		Map<java.time.LocalDate, Integer> days = new HashMap<>();
		this.jdbc.sql("""
				SELECT (completed_at AT TIME ZONE :zone)::date AS day, count(*) AS done
				FROM tasks
				WHERE owner_id = :owner AND updated_at >= :since AND completed AND completed_at >= :since
				GROUP BY 1
				""")
			.param("owner", ownerId)
			.param("zone", zone.getId())
			.param("since", OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
			.query((row) -> {
				days.put(row.getObject("day", java.time.LocalDate.class), row.getInt("done"));
			});
		return days;
	}

	/** See {@link #openCounts}. */
	record OpenCounts(int inbox, int today) {
	}

	Optional<Task> findById(long ownerId, long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM tasks WHERE owner_id = :owner AND id = :id")
			.param("owner", ownerId)
			.param("id", id)
			.query(new TaskRows())
			.optional();
	}

	/**
	 * Hands one page to {@code sink} as PostgreSQL sends it, {@value #FETCH_ROWS} rows
	 * per round trip, so that a page of large tasks is never held whole. Must run inside
	 * a transaction when {@link #pageNeedsTransaction} says so: outside one, the driver
	 * reads every row before returning the first.
	 * <p>
	 * The statement reads one task more than the page, to learn whether another page
	 * follows; the next page's cursor is then the page's last id and, in another order
	 * than by id, its sort key, which a window over the page puts on every row.
	 */
	void streamPage(long ownerId, TaskListQuery query, TaskPageSink sink) {
		streamPage(ownerId, query, null, sink);
	}

	/**
	 * As {@link #streamPage(long, TaskListQuery, TaskPageSink)}, with the instants that
	 * the query's due filters mean in the caller's zone.
	 */
	void streamPage(long ownerId, TaskListQuery query, @Nullable DueBounds bounds, TaskPageSink sink) {
		PageReader reader = new PageReader(query.limit(), sink, !query.filters().byId(),
				"position".equals(query.filters().sort()));
		List<String> labelKeys = query.filters().labelKeys();
		PageStatement statement = pageStatement(ownerId, query, bounds,
				!labelKeys.isEmpty() && this.labelStatistics.allKnown(labelKeys));
		JdbcClient.StatementSpec page = plannedForItsValues(query) ? this.plannedPerCall.sql(statement.sql())
				: this.jdbc.sql(statement.sql()).withFetchSize(FETCH_ROWS);
		page.params(statement.parameters()).query(reader);
		if (!reader.begun) {
			sink.begin();
		}
		sink.end(reader.nextAfter);
	}

	/**
	 * Whether PostgreSQL must plan a page for the values asked for: a search in another
	 * order than by id, whose plan weighs the term, and filters whose share of the tasks
	 * decides the plan. A search by id ({@link #searchedRows}) hides its term from the
	 * planner, and plans the same for every term: prepared on the server, it is planned
	 * once instead of on every call, which took longer than running it.
	 */
	private static boolean plannedForItsValues(TaskListQuery query) {
		TaskListQuery.Filters filters = query.filters();
		return filters.selectivityMatters() || (!query.terms().isEmpty() && !filters.byId());
	}

	/**
	 * Whether {@link #streamPage} must run in a transaction: for a page that needs more
	 * than one fetch. A page that comes in one fetch (up to {@value #FETCH_ROWS} rows, so
	 * the default page and the benchmark's) is read whole either way, and without a
	 * transaction it costs one round trip (the COMMIT) less.
	 */
	static boolean pageNeedsTransaction(TaskListQuery query) {
		return query.limit() + 1 > FETCH_ROWS;
	}

	/**
	 * Statements that PostgreSQL plans for their values on every call, fetching
	 * {@value #FETCH_ROWS} rows per round trip. The driver sends them unnamed instead of
	 * preparing them on the server, where PostgreSQL may settle on one generic plan for
	 * every term after five runs: before issue 22, one such plan walked the primary key
	 * through the whole table instead of reading the trigram indexes
	 * ({@code docs/performance.md}); a search sorted by due still weighs its term. A
	 * generic plan guesses a label's or a date range's share of the tasks as well: it
	 * read a common label's tasks through its index and sorted them, where walking the
	 * primary key finds a page at once, and looked for a rare label's by reading a small
	 * table from end to end ({@code docs/design/organising.md}).
	 */
	static JdbcClient plannedForEachCall(DataSource dataSource) {
		JdbcTemplate template = new JdbcTemplate(dataSource) {

			@Override
			protected void applyStatementSettings(Statement statement) throws SQLException {
				super.applyStatementSettings(statement);
				statement.unwrap(PGStatement.class).setPrepareThreshold(0);
			}

		};
		// On the template itself: JdbcClient's withFetchSize would run the statement on a
		// plain copy of the template, without the override above.
		template.setFetchSize(FETCH_ROWS);
		return JdbcClient.create(template);
	}

	/** The statement that reads one page for {@link #streamPage}, with its values. */
	static PageStatement pageStatement(long ownerId, TaskListQuery query) {
		return pageStatement(ownerId, query, null);
	}

	static PageStatement pageStatement(long ownerId, TaskListQuery query, @Nullable DueBounds bounds) {
		return pageStatement(ownerId, query, bounds, false);
	}

	/**
	 * The statement that reads one page, with its values; {@code labelsKnown} tells
	 * whether PostgreSQL's statistics know every label the page is filtered by
	 * ({@link LabelStatistics}).
	 */
	static PageStatement pageStatement(long ownerId, TaskListQuery query, @Nullable DueBounds bounds,
			boolean labelsKnown) {
		if (query.filters().judgedInZone() && bounds == null) {
			throw new IllegalArgumentException("Due filters need the caller's due bounds");
		}
		return new PageStatement(pageSql(query, labelsKnown), pageParameters(ownerId, query, bounds));
	}

	/**
	 * The conditions of the v2 filters, each checkable on a row; the due ones compare
	 * {@code due_sort} with instants worked out in the caller's zone.
	 */
	private static List<String> filterConditions(TaskListQuery.Filters filters) {
		List<String> conditions = new ArrayList<>();
		if (filters.inbox()) {
			conditions.add("project_id IS NULL");
		}
		if (filters.project() != null) {
			conditions.add("project_id = :project");
		}
		if (!filters.labelKeys().isEmpty()) {
			conditions.add(LABELLED);
		}
		if (!filters.priorities().isEmpty()) {
			conditions.add("priority = ANY(CAST(:priorities AS int[]))");
		}
		if (filters.due() != null) {
			conditions.add(switch (filters.due()) {
				case "today" -> "due_sort >= :todayStart AND due_sort < :tomorrowStart";
				case "overdue" -> "NOT completed AND due_sort < :now AND (due_date IS NULL OR due_date < :today)";
				case "upcoming" -> "due_sort >= :todayStart AND due_sort < :upcomingEnd";
				default -> "due_sort IS NULL";
			});
		}
		if (filters.dueFrom() != null) {
			conditions.add("due_sort >= :dueFrom");
		}
		if (filters.dueTo() != null) {
			conditions.add("due_sort < :dueTo");
		}
		if (filters.roots()) {
			conditions.add("parent_id IS NULL");
		}
		if (filters.parent() != null) {
			conditions.add("parent_id = :parent");
		}
		return conditions;
	}

	private static String pageSql(TaskListQuery query, boolean labelsKnown) {
		List<String> conditions = new ArrayList<>();
		conditions.add("owner_id = :owner");
		if (query.completed() != null) {
			conditions.add("completed = :completed");
		}
		conditions.addAll(filterConditions(query.filters()));
		if (query.after() != null) {
			conditions.add(query.descending() ? "id < :after" : "id > :after");
		}
		String order = "ORDER BY id " + (query.descending() ? "DESC" : "ASC");
		// The page size is written into the statement: bound, it left the generic plan
		// guessing the page's size, and on large tables PostgreSQL found the window over
		// that guess too dear and planned every listing afresh.
		String pageSize = Integer.toString(query.limit());
		// Labels the statistics do not know: see labelledRows. Not with a search, whose
		// pages weigh their term.
		boolean windowed = query.terms().isEmpty() && !query.filters().labelKeys().isEmpty() && !labelsKnown;
		if (!query.filters().byId()) {
			return sortedPageSql(query, conditions, windowed);
		}
		if (windowed) {
			return "SELECT page.* FROM (%s) AS page %s".formatted(labelledRows(query, conditions), order);
		}
		if (query.terms().isEmpty()) {
			return "SELECT %s FROM tasks%s %s LIMIT %s + 1".formatted(COLUMNS, where(conditions), order, pageSize);
		}
		return "SELECT page.* FROM (%s) AS page %s".formatted(searchedRows(query, conditions, order), order);
	}

	/**
	 * A page in another order than by id: by {@code (key, id)} through the owner's index
	 * on that key, continuing after the cursor's position. Tasks without a due date come
	 * after those with one in either order, read by id from where the due ones end.
	 */
	private static String sortedPageSql(TaskListQuery query, List<String> baseConditions, boolean windowed) {
		String sort = query.filters().sort();
		// For a position, what the statement around the page's rows calls it: its two
		// reads (positionedRows) order by their own keys.
		String column = switch (sort) {
			case "due" -> "due_sort";
			case "priority" -> "priority";
			case "position" -> "position COLLATE \"C\"";
			default -> "updated_at";
		};
		boolean desc = query.descending();
		String direction = desc ? "DESC" : "ASC";
		String beyond = desc ? "<" : ">";
		PageCursor position = query.filters().position();
		List<String> conditions = new ArrayList<>(baseConditions);
		if (!query.terms().isEmpty()) {
			// Both: the pattern decides, and the search index lets PostgreSQL read a rare
			// term's few tasks and sort them rather than walk the sort's index to the
			// end.
			// Each such page is planned for its term (plannedForEachCall), so a common
			// term
			// still walks the sort's index and checks the pattern first (the cheaper
			// test).
			conditions.add(everyTermMatched(query, (i) -> ":" + termParameter("pattern", i)));
			conditions.add("task_search_keys(title, description) @@ "
					+ everyTermsKeys(query, (i) -> "term_search_query(:" + termParameter("q", i) + ")"));
		}
		int page = query.limit() + 1;
		String columns = COLUMNS + ", due_sort";
		String rows;
		if ("position".equals(sort)) {
			// Manual order is read as it always was, whatever the labels.
			rows = positionedRows(query, conditions, columns, page);
		}
		else if ("due".equals(sort)) {
			List<String> dated = new ArrayList<>(conditions);
			dated.add("due_sort IS NOT NULL");
			List<String> undated = new ArrayList<>(conditions);
			undated.add("due_sort IS NULL");
			if (position != null && position.key() == null) {
				dated.add("false");
				undated.add("id " + beyond + " :positionId");
			}
			else if (position != null) {
				dated.add("(due_sort, id) " + beyond + " (:positionKey, :positionId)");
			}
			// With windows (labelledRead): beyond the dated one, a due date is implied by
			// the comparison with the window's last row; beyond the undated one, none is
			// checked on an expression that no index holds. As plain conditions,
			// PostgreSQL combined the label index with the due index's entries.
			rows = windowed
					? labelledRead(query, columns, dated, List.of(), "due_sort", page) + "UNION ALL\n"
							+ labelledRead(query, columns, undated, List.of(unindexed("due_sort") + " IS NULL"), null,
									page)
					: twoOrderedReads(columns, dated, "due_sort %1$s, id %1$s".formatted(direction), undated,
							"id " + direction, page);
		}
		else {
			if (position != null) {
				conditions.add("(" + column + ", id) " + beyond + " (:positionKey, :positionId)");
			}
			rows = windowed ? labelledRead(query, columns, conditions, List.of(), column, page)
					: "SELECT %s FROM tasks%s ORDER BY %s %s, id %s LIMIT %d".formatted(columns, where(conditions),
							column, direction, direction, page);
		}
		String order = "ORDER BY %s %s NULLS LAST, id %s".formatted(column, direction, direction);
		String key = switch (sort) {
			case "priority" -> "nth_value(priority, %d) OVER whole".formatted(query.limit());
			case "position" -> "nth_value(position, %d) OVER whole".formatted(query.limit());
			default ->
				"(extract(epoch FROM nth_value(%s, %d) OVER whole) * 1000000)::bigint".formatted(column, query.limit());
		};
		return """
				SELECT page.*,
				       CASE WHEN count(*) OVER whole > %d THEN %s END AS next_key
				FROM (%s) AS page
				WINDOW whole AS (%s ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
				%s
				LIMIT %d
				""".formatted(query.limit(), key, rows, order, order, page);
	}

	/**
	 * The rows of a page in manual order, from two ordered reads merged by the statement
	 * around them: the moved tasks by their keys, through the index that holds only them,
	 * and the tasks never moved by id, which orders them as their id's keys do. So a
	 * create, which makes a task never moved, writes no entry into a manual order index.
	 * The equalities on {@code COALESCE} are the moved tasks' index's own (an
	 * {@code IS NULL} does not fix a column for PostgreSQL), and a list of one project,
	 * or of the Inbox, reads the others in the order of {@code (project_id, id)}, which
	 * the Inbox's {@code IS NULL} can follow.
	 */
	private static String positionedRows(TaskListQuery query, List<String> conditions, String columns, int page) {
		TaskListQuery.Filters filters = query.filters();
		String direction = query.descending() ? "DESC" : "ASC";
		String beyond = query.descending() ? "<" : ">";
		List<String> moved = new ArrayList<>(conditions);
		moved.add("position IS NOT NULL");
		if (filters.inbox() || filters.project() != null) {
			moved.add("COALESCE(project_id, 0) = " + ((filters.inbox()) ? "0" : "CAST(:project AS bigint)"));
		}
		if (filters.roots() || filters.parent() != null) {
			moved.add("COALESCE(parent_id, 0) = " + ((filters.roots()) ? "0" : "CAST(:parent AS bigint)"));
		}
		List<String> unmoved = new ArrayList<>(conditions);
		unmoved.add("position IS NULL");
		if (filters.position() != null) {
			moved.add("(position COLLATE \"C\", id) " + beyond + " (CAST(:positionKey AS text), :positionId)");
			unmoved.add("(" + POSITION + ", id) " + beyond + " (CAST(:positionKey AS text), :positionId)");
			// The same tasks, bounded by id, so that the read starts at the cursor.
			unmoved.add("id " + beyond + "= :positionBound");
		}
		boolean oneProject = filters.parent() == null && (filters.inbox() || filters.project() != null);
		String unmovedOrder = (oneProject ? "project_id %1$s, id %1$s" : "id %1$s").formatted(direction);
		return twoOrderedReads(columns, moved, "position COLLATE \"C\" %1$s, id %1$s".formatted(direction), unmoved,
				unmovedOrder, page);
	}

	/**
	 * Two reads of at most {@code limit} rows, each in its own order, for the statement
	 * around them to merge into one page: the shape of a sort whose tasks fall into two
	 * groups that two indexes read in order.
	 */
	private static String twoOrderedReads(String columns, List<String> first, String firstOrder, List<String> second,
			String secondOrder, int limit) {
		return """
				(SELECT %s FROM tasks%s ORDER BY %s LIMIT %d)
				UNION ALL
				(SELECT %s FROM tasks%s ORDER BY %s LIMIT %d)
				""".formatted(columns, where(first), firstOrder, limit, columns, where(second), secondOrder, limit);
	}

	/**
	 * The rows of a search page, found the same way whatever the term, so that no plan
	 * rests on PostgreSQL's guess of how many tasks hold it. The first
	 * {@link #scannedBeforeIndex} tasks of the listing are read in order and matched one
	 * by one: a term in many tasks fills its page there. When they hold less than a page,
	 * and more tasks follow, {@link #PROBES} tasks spread evenly over the rest of the
	 * owner's tasks are matched. If one of them holds the term, it is in many tasks but
	 * starts late in the listing, and the next {@link #scannedAfterProbes} tasks are read
	 * in order too. Only what is still missing after that is looked up in the search
	 * index, for the tasks beyond those read: a term that needs it is in few tasks, so
	 * few are read. The term and its pattern reach the index branch through subqueries,
	 * which PostgreSQL cannot look into when it plans: every term gets the default
	 * estimate of a rare one, and so the same plan.
	 */
	private static String searchedRows(TaskListQuery query, List<String> conditions, String order) {
		int page = query.limit() + 1;
		int scanned = scannedBeforeIndex(query.limit());
		int scannedAfterProbes = scannedAfterProbes(query.limit());
		String hit = everyTermMatched(query, (i) -> ":" + termParameter("pattern", i));
		String onward = query.descending() ? "<" : ">";
		String edge = query.descending() ? "min" : "max";
		List<String> further = new ArrayList<>(conditions);
		further.add("(SELECT hits FROM probed) > 0");
		further.add("id %s (SELECT %s(id) FROM scanned)".formatted(onward, edge));
		// The search index alone says which tasks to read.
		List<String> beyond = checkedRowByRow(query);
		beyond.add("id + 0 %s (SELECT %s(%s(id), (SELECT %s(id) FROM further)) FROM scanned)".formatted(onward,
				query.descending() ? "least" : "greatest", edge, edge));
		beyond.add("task_search_keys(title, description) @@ (SELECT %s)"
			.formatted(everyTermsKeys(query, (i) -> "term_search_query(:" + termParameter("q", i) + ")")));
		beyond.add(everyTermMatched(query, (i) -> "(SELECT :" + termParameter("pattern", i) + ")"));
		return """
				WITH scanned AS MATERIALIZED (
				    SELECT id, %1$s AS hit
				    FROM tasks%2$s %3$s LIMIT %4$d
				), early AS MATERIALIZED (
				    SELECT id FROM scanned WHERE hit LIMIT %5$d
				), probed AS MATERIALIZED (
				    SELECT count(*) FILTER (WHERE probe.hit) AS hits
				    FROM generate_series(0, %6$d - 1) AS spread(n),
				         (SELECT %7$s(id) AS id FROM scanned) AS first,
				         (SELECT %7$s(id) AS id FROM tasks WHERE owner_id = :owner) AS last,
				         LATERAL (SELECT %1$s AS hit FROM tasks
				                  WHERE owner_id = :owner AND id %8$s first.id + (last.id - first.id) * spread.n / %6$d
				                  %3$s LIMIT 1) AS probe
				    WHERE (SELECT count(*) FROM early) < %5$d AND (SELECT count(*) FROM scanned) = %4$d
				), further AS MATERIALIZED (
				    SELECT id, %1$s AS hit
				    FROM tasks%9$s %3$s LIMIT %10$d
				), middle AS MATERIALIZED (
				    SELECT id FROM further WHERE hit LIMIT %5$d
				), late AS (
				    SELECT id FROM tasks
				    WHERE (SELECT count(*) FROM early) + (SELECT count(*) FROM middle) < %5$d
				      AND (SELECT count(*) FROM scanned) = %4$d
				      AND ((SELECT hits FROM probed) = 0 OR (SELECT count(*) FROM further) = %10$d)
				      AND %11$s
				    ORDER BY id + 0 %12$s LIMIT %5$d
				)
				SELECT %13$s FROM tasks
				WHERE owner_id = :owner
				  AND id IN (SELECT id FROM early UNION ALL SELECT id FROM middle UNION ALL SELECT id FROM late)
				%3$s LIMIT %5$d
				""".formatted(hit, where(conditions), order, scanned, page, PROBES, edge, onward, where(further),
				scannedAfterProbes, String.join("\n      AND ", beyond), query.descending() ? "DESC" : "ASC", COLUMNS);
	}

	/**
	 * The rows of a page in id order filtered by labels that PostgreSQL's statistics do
	 * not know ({@link LabelStatistics}), found without its guess of how many tasks carry
	 * them. Its guess for such a label is a share that a walk of the primary key fills a
	 * page from quickly; for a label on a handful of tasks that walk read every task of
	 * the owner. Here the first {@link #scannedBeforeLabelIndex} tasks of the listing,
	 * with every other filter, are read in order and checked one by one, as far as a page
	 * needs. Only when they hold less than a page, and more tasks follow, is the label
	 * index read, for the tasks beyond them. A label the statistics know is planned by
	 * its share instead, in the plain statement: this one costs a page of a common label
	 * more than that, and reads every match of a label on a few in a hundred tasks. The
	 * page is still planned for its labels on every call: a generic plan read the rest of
	 * a small table from end to end instead of the label index.
	 */
	private static String labelledRows(TaskListQuery query, List<String> conditions) {
		return labelledRead(query, COLUMNS, conditions, List.of(), null, query.limit() + 1);
	}

	/**
	 * One read of at most {@code limit} rows in the order of {@code key} (or of id alone
	 * when null), then id, for a page filtered by labels that the statistics do not know:
	 * {@link #labelledRows}. {@code conditions} select the read's rows, labels included;
	 * {@code readConditions} are those of them, besides the page's filters, that the rows
	 * beyond the window must meet too (a due date, or none).
	 */
	private static String labelledRead(TaskListQuery query, String columns, List<String> conditions,
			List<String> readConditions, @Nullable String key, int limit) {
		int scanned = scannedBeforeLabelIndex(query.limit());
		String direction = query.descending() ? "DESC" : "ASC";
		String backwards = query.descending() ? "ASC" : "DESC";
		String onward = query.descending() ? "<" : ">";
		List<String> unlabelled = new ArrayList<>(conditions);
		unlabelled.remove(LABELLED);
		// The label index alone says which tasks to read.
		List<String> beyond = checkedRowByRow(query);
		beyond.addAll(readConditions);
		String order;
		String unindexedOrder;
		if (key == null) {
			order = "id " + direction;
			unindexedOrder = "id + 0 " + direction;
			beyond.add("id + 0 %s (SELECT %s(id) FROM scanned)".formatted(onward, query.descending() ? "min" : "max"));
		}
		else {
			order = "%1$s %2$s, id %2$s".formatted(key, direction);
			// Sorting by an expression no index holds, so that PostgreSQL reads the few
			// matches and sorts them rather than walk the sort's index to its end.
			unindexedOrder = "%s %s, id + 0 %s".formatted(unindexed(key), direction, direction);
			beyond.add("(%1$s, id) %2$s (SELECT %1$s, id FROM scanned ORDER BY %1$s %3$s, id %3$s LIMIT 1)"
				.formatted(key, onward, backwards));
		}
		return """
				(WITH scanned AS MATERIALIZED (
				    SELECT id, %1$s%2$s AS hit
				    FROM tasks%3$s ORDER BY %4$s LIMIT %5$d
				), early AS MATERIALIZED (
				    SELECT id FROM scanned WHERE hit LIMIT %6$d
				), late AS (
				    SELECT id FROM tasks
				    WHERE (SELECT count(*) FROM early) < %6$d AND (SELECT count(*) FROM scanned) = %5$d
				      AND %7$s
				    ORDER BY %8$s LIMIT %6$d
				)
				SELECT %9$s FROM tasks
				WHERE owner_id = :owner AND id IN (SELECT id FROM early UNION ALL SELECT id FROM late)
				ORDER BY %4$s LIMIT %6$d)
				""".formatted((key == null) ? "" : key + ", ", LABELLED, where(unlabelled), order, scanned, limit,
				String.join("\n      AND ", beyond), unindexedOrder, columns);
	}

	/** A sort key as an expression that no index holds. */
	private static String unindexed(String key) {
		return "priority".equals(key) ? "priority + 0" : key + " + interval '0 s'";
	}

	/**
	 * The page's conditions for a read through a GIN index, written so that none is read
	 * from a b-tree index: that would put every later task (or every one in that state)
	 * into a bitmap with the matches.
	 */
	private static List<String> checkedRowByRow(TaskListQuery query) {
		List<String> conditions = new ArrayList<>();
		conditions.add("owner_id = :owner");
		if (query.completed() != null) {
			conditions.add("completed IS NOT DISTINCT FROM :completed");
		}
		conditions.addAll(filterConditions(query.filters()));
		return conditions;
	}

	/** A task carries every label asked for. */
	private static final String LABELLED = "label_keys @> CAST(:labelKeys AS text[])";

	/**
	 * How many tasks a page filtered by labels checks in order before it reads the label
	 * index: enough to fill a page with a label on one task in forty. Checking a task's
	 * labels is cheaper than matching a term, so the window is wider than a search's.
	 */
	private static int scannedBeforeLabelIndex(int pageSize) {
		return Math.max(2000, 40 * (pageSize + 1));
	}

	/**
	 * Whether a task holds every term of the query, each in its title or its description,
	 * with each term's {@code ILIKE} pattern written by {@code pattern}. One term reads
	 * as the API's {@code q} always has.
	 */
	private static String everyTermMatched(TaskListQuery query, java.util.function.IntFunction<String> pattern) {
		List<String> each = new ArrayList<>();
		for (int i = 0; i < query.terms().size(); i++) {
			each.add("(title ILIKE %s OR description ILIKE %s)".formatted(pattern.apply(i), pattern.apply(i)));
		}
		return String.join(" AND ", each);
	}

	/**
	 * The search index's query for every term at once: the keys of all of them, so that
	 * more words narrow the candidates rather than widen them.
	 */
	private static String everyTermsKeys(TaskListQuery query, java.util.function.IntFunction<String> keys) {
		List<String> each = new ArrayList<>();
		for (int i = 0; i < query.terms().size(); i++) {
			each.add(keys.apply(i));
		}
		return (each.size() == 1) ? each.get(0) : "(" + String.join(" && ", each) + ")";
	}

	/** The i-th term's parameter: {@code q}, then {@code q1}, {@code q2}... */
	private static String termParameter(String name, int i) {
		return (i == 0) ? name : name + i;
	}

	/**
	 * How many of the owner's tasks beyond the first ones read a search matches to tell a
	 * term that starts late in the listing from a rare one. A term in one task of this
	 * many is found by at least one of them most of the time; a rare term mistaken for a
	 * common one costs only {@link #scannedAfterProbes} tasks read in vain.
	 */
	private static final int PROBES = 32;

	/**
	 * How many more tasks a search reads in order when a probe found its term: enough to
	 * fill a page with a term in one task of {@link #PROBES}, and to step over a run of
	 * tasks without it at the start of the listing.
	 */
	private static int scannedAfterProbes(int pageSize) {
		return Math.max(4000, 40 * (pageSize + 1));
	}

	/**
	 * How many tasks a search matches one by one before it reads the index: four pages'
	 * worth, so that a term in a quarter of the tasks or more never needs the index.
	 */
	static int scannedBeforeIndex(int pageSize) {
		return Math.max(200, 4 * (pageSize + 1));
	}

	private static String where(List<String> conditions) {
		return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
	}

	private static Map<String, Object> pageParameters(long ownerId, TaskListQuery query, @Nullable DueBounds bounds) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("owner", ownerId);
		TaskListQuery.Filters filters = query.filters();
		if (filters.project() != null) {
			parameters.put("project", filters.project());
		}
		if (filters.parent() != null) {
			parameters.put("parent", filters.parent());
		}
		if (!filters.labelKeys().isEmpty()) {
			parameters.put("labelKeys", new SqlArrayValue("text", filters.labelKeys().toArray()));
		}
		if (!filters.priorities().isEmpty()) {
			parameters.put("priorities", new SqlArrayValue("int4", filters.priorities().toArray()));
		}
		if (bounds != null) {
			parameters.put("now", OffsetDateTime.ofInstant(bounds.now(), java.time.ZoneOffset.UTC));
			parameters.put("today", bounds.today());
			parameters.put("todayStart", OffsetDateTime.ofInstant(bounds.todayStart(), java.time.ZoneOffset.UTC));
			parameters.put("tomorrowStart", OffsetDateTime.ofInstant(bounds.tomorrowStart(), java.time.ZoneOffset.UTC));
			parameters.put("upcomingEnd", OffsetDateTime.ofInstant(bounds.upcomingEnd(), java.time.ZoneOffset.UTC));
			if (bounds.from() != null) {
				parameters.put("dueFrom", OffsetDateTime.ofInstant(bounds.from(), java.time.ZoneOffset.UTC));
			}
			if (bounds.to() != null) {
				parameters.put("dueTo", OffsetDateTime.ofInstant(bounds.to(), java.time.ZoneOffset.UTC));
			}
		}
		if (query.completed() != null) {
			parameters.put("completed", query.completed());
		}
		PageCursor position = filters.position();
		if (position != null) {
			parameters.put("positionId", position.id());
			if (position.text() != null) {
				parameters.put("positionKey", position.text());
				parameters.put("positionBound", query.descending() ? PositionKeys.lastIdUpTo(position.text())
						: PositionKeys.firstIdFrom(position.text()));
			}
			else if (position.key() != null) {
				parameters.put("positionKey", "priority".equals(filters.sort()) ? (Object) position.key().intValue()
						: OffsetDateTime.ofInstant(
								java.time.Instant.EPOCH.plus(position.key(), java.time.temporal.ChronoUnit.MICROS),
								java.time.ZoneOffset.UTC));
			}
		}
		for (int i = 0; i < query.terms().size(); i++) {
			String term = query.terms().get(i);
			parameters.put(termParameter("q", i), term);
			parameters.put(termParameter("pattern", i), "%" + escapeLike(term) + "%");
		}
		if (query.after() != null) {
			parameters.put("after", query.after());
		}
		return parameters;
	}

	/**
	 * Marks a task completed. Completing a completed task changes nothing: the first
	 * {@code completed_at} and the {@code updated_at} stay.
	 */
	Optional<Task> complete(long ownerId, long id) {
		return completeAll(List.of(new Owned<>(ownerId, id))).getFirst();
	}

	/**
	 * {@link #complete} for several tasks in one statement, and so in one transaction.
	 * Completing a completed task changes nothing: the first {@code completed_at} and the
	 * {@code updated_at} stay. Each request names its owner and id, and matches only that
	 * owner's row: a request for another owner's task finds nothing, even when that task
	 * is completed beside it. The pairs go in sorted, so two such statements lock their
	 * rows in the same order and seldom deadlock each other.
	 * @return for each request, in order, its task or empty when there is none
	 */
	List<Optional<Task>> completeAll(List<Owned<Long>> requests) {
		List<Owned<Long>> sorted = requests.stream().distinct().sorted(Owned.BY_OWNER_AND_VALUE).toList();
		Map<Owned<Long>, Task> completed = new HashMap<>();
		TaskRows rows = new TaskRows();
		this.jdbc.sql(COMPLETE_ALL)
			.param("owners", new SqlArrayValue("bigint", sorted.stream().map(Owned::ownerId).toArray()))
			.param("ids", new SqlArrayValue("bigint", sorted.stream().map(Owned::value).toArray()))
			.query((row, rowNumber) -> {
				Task task = rows.mapRow(row, rowNumber);
				completed.put(new Owned<>(row.getLong("owner_id"), task.id()), task);
				return task;
			})
			.list();
		return requests.stream().map((request) -> Optional.ofNullable(completed.get(request))).toList();
	}

	/**
	 * {@code id, title} as {@code tasks.id, tasks.title}: for statements that join.
	 * Expressions, which name their table already, stay as they are.
	 */
	private static String qualified(String columns) {
		List<String> each = new ArrayList<>();
		for (String column : columns.split(", (?![^(]*\\))")) {
			each.add(column.matches("[a-z_]+") ? "tasks." + column : column);
		}
		return String.join(", ", each);
	}

	/** Marks a task not completed and clears {@code completed_at}; idempotent. */
	Optional<Task> reopen(long ownerId, long id) {
		return this.jdbc.sql("""
				UPDATE tasks
				SET completed = false,
				    completed_at = NULL,
				""" + RowChange.when("completed") + """

				WHERE owner_id = :owner AND id = :id
				RETURNING
				""" + COLUMNS).param("owner", ownerId).param("id", id).query(new TaskRows()).optional();
	}

	/**
	 * Applies a merge patch; {@code updated_at} moves only when a value really changes.
	 */
	Optional<Task> update(long ownerId, long id, TaskPatch patch) {
		if (patch.isEmpty()) {
			return findById(ownerId, id);
		}
		List<String> assignments = new ArrayList<>();
		List<String> changes = new ArrayList<>();
		if (patch.title() != null) {
			assignments.add("title = :title");
			changes.add("title IS DISTINCT FROM CAST(:title AS text)");
		}
		if (patch.setsDescription()) {
			assignments.add("description = CAST(:description AS text)");
			changes.add("description IS DISTINCT FROM CAST(:description AS text)");
		}
		if (patch.completed() != null) {
			assignments.add("completed = :completed");
			assignments.add("completed_at = CASE WHEN :completed THEN COALESCE(completed_at, now()) ELSE NULL END");
			changes.add("completed IS DISTINCT FROM :completed");
		}
		if (patch.setsProject()) {
			assignments.add("project_id = CAST(:project AS bigint)");
			changes.add("project_id IS DISTINCT FROM CAST(:project AS bigint)");
		}
		if (patch.labels() != null) {
			assignments.add("labels = CAST(:labels AS text[]), label_keys = CAST(:labelKeys AS text[])");
			changes.add("labels IS DISTINCT FROM CAST(:labels AS text[])");
		}
		if (patch.priority() != null) {
			assignments.add("priority = :priority");
			changes.add("priority IS DISTINCT FROM :priority");
		}
		boolean clearsDue = patch.setsDue() && patch.due() == null;
		if (patch.setsDue()) {
			assignments.add("due_date = CAST(:dueDate AS date), due_at = CAST(:dueAt AS timestamptz), due_sort = "
					+ dueSort("CAST(:dueDate AS date)", "CAST(:dueAt AS timestamptz)", "owner_id"));
			changes.add(
					"due_date IS DISTINCT FROM CAST(:dueDate AS date) OR due_at IS DISTINCT FROM CAST(:dueAt AS timestamptz)");
		}
		// A new rule or a new due starts the series again from the due; the same one sent
		// again does not.
		String sameDue = patch.setsDue() ? "due_date IS NOT DISTINCT FROM CAST(:dueDate AS date) "
				+ "AND due_at IS NOT DISTINCT FROM CAST(:dueAt AS timestamptz)" : "true";
		if (patch.setsRecurrence() || clearsDue) {
			// Clearing the due ends the series (the request rules refuse a rule with it).
			// A rule or a from left out keeps the task's (the rule then must be there).
			String rule = "CASE WHEN :ends THEN NULL ELSE COALESCE(CAST(:rule AS text), recurrence_rule) END";
			String from = "CASE WHEN :ends THEN NULL ELSE COALESCE(CAST(:from AS text), recurrence_from, 'due') END";
			assignments.add("recurrence_rule = " + rule + ", recurrence_from = " + from + ", recurrence_index = "
					+ "CASE WHEN " + rule + " IS NULL THEN NULL WHEN recurrence_rule IS NOT DISTINCT FROM " + rule
					+ " AND " + sameDue + " THEN recurrence_index ELSE 1 END");
			changes.add("recurrence_rule IS DISTINCT FROM " + rule + " OR recurrence_from IS DISTINCT FROM " + from);
		}
		else if (patch.setsDue()) {
			assignments.add("recurrence_index = CASE WHEN recurrence_rule IS NULL THEN NULL WHEN " + sameDue
					+ " THEN recurrence_index ELSE 1 END");
		}
		if (patch.reminders() != null) {
			assignments.add("reminders = CAST(:reminders AS text[])");
			changes.add("reminders IS DISTINCT FROM CAST(:reminders AS text[])");
		}
		else if (clearsDue) {
			// Reminders before the due go with it; those at an instant stay.
			assignments.add("reminders = ARRAY(SELECT r FROM unnest(reminders) AS r WHERE r !~ '^-?P')");
			changes.add("reminders IS DISTINCT FROM ARRAY(SELECT r FROM unnest(reminders) AS r WHERE r !~ '^-?P')");
		}
		assignments.add(RowChange.when(String.join(" OR ", changes)));
		String sql = "UPDATE tasks SET " + String.join(", ", assignments)
				+ " WHERE owner_id = :owner AND id = :id RETURNING " + COLUMNS;
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql).param("owner", ownerId).param("id", id);
		if (patch.title() != null) {
			statement = statement.param("title", patch.title());
		}
		if (patch.setsDescription()) {
			statement = statement.param("description", patch.description());
		}
		if (patch.completed() != null) {
			statement = statement.param("completed", patch.completed());
		}
		if (patch.setsProject()) {
			statement = statement.param("project", patch.projectId());
		}
		if (patch.labels() != null) {
			statement = statement.param("labels", new SqlArrayValue("text", patch.labels().toArray()))
				.param("labelKeys",
						new SqlArrayValue("text", patch.labels().stream().map(TaskRequests::labelKey).toArray()));
		}
		if (patch.priority() != null) {
			statement = statement.param("priority", patch.priority());
		}
		if (patch.setsDue()) {
			statement = statement.param("dueDate", (patch.due() != null) ? patch.due().date() : null)
				.param("dueAt", (patch.due() != null) ? patch.due().datetime() : null);
		}
		if (patch.setsRecurrence() || clearsDue) {
			TaskPatch.RecurrenceChange recurrence = clearsDue ? null : patch.recurrence();
			statement = statement.param("ends", recurrence == null)
				.param("rule", (recurrence != null) ? recurrence.rule() : null)
				.param("from", (recurrence != null) ? recurrence.from() : null);
		}
		if (patch.reminders() != null) {
			statement = statement.param("reminders", reminders(patch.reminders()));
		}
		return statement.query(new TaskRows()).optional();
	}

	/**
	 * Deletes a task and answers it as it was, for the web UI's undo.
	 * @return the deleted task, or empty when the owner has no such task
	 */
	Optional<Task> deleteReturning(long ownerId, long id) {
		return this.jdbc.sql("DELETE FROM tasks WHERE owner_id = :owner AND id = :id RETURNING " + COLUMNS)
			.param("owner", ownerId)
			.param("id", id)
			.query(new TaskRows())
			.optional();
	}

	/**
	 * Writes a deleted task back as it was: its id, timestamps and every field. Only an
	 * id that the sequence has handed out and that no task of any owner holds now is
	 * written, so a restore never takes an id of the future or another task's. Its labels
	 * must be spelled as the owner's are ({@link #spellLabels}); a project that is not
	 * the owner's (any more) breaks the foreign key.
	 * @return the task, or empty when its id is taken (it was restored already)
	 */
	Optional<Task> restore(long ownerId, Task task) {
		return this.jdbc.sql(RESTORE)
			.param("id", task.id())
			.param("owner", ownerId)
			.param("title", task.title())
			.param("description", task.description())
			.param("completed", task.completed())
			.param("createdAt", OffsetDateTime.ofInstant(task.createdAt(), java.time.ZoneOffset.UTC))
			.param("updatedAt", OffsetDateTime.ofInstant(task.updatedAt(), java.time.ZoneOffset.UTC))
			.param("completedAt",
					(task.completedAt() != null)
							? OffsetDateTime.ofInstant(task.completedAt(), java.time.ZoneOffset.UTC) : null)
			.param("project", task.projectId())
			.param("labels", new SqlArrayValue("text", task.labels().toArray()))
			.param("labelKeys", new SqlArrayValue("text", task.labels().stream().map(TaskRequests::labelKey).toArray()))
			.param("priority", task.priority())
			.param("dueDate", (task.due() != null) ? task.due().date() : null)
			.param("dueAt", (task.due() != null) ? task.due().datetime() : null)
			.param("parent", task.parentId())
			.param("position", task.position())
			.param("rule", (task.recurrence() != null) ? task.recurrence().rule() : null)
			.param("from", (task.recurrence() != null) ? task.recurrence().from() : null)
			.param("reminders", reminders(task.reminders()))
			.param("version", task.version())
			.query(new TaskRows())
			.optional();
	}

	/** {@code count} new task ids, in ascending order. */
	List<Long> newIds(int count) {
		return this.jdbc.sql("SELECT nextval('tasks_id_seq') AS id FROM generate_series(1, :count) ORDER BY 1")
			.param("count", count)
			.query(Long.class)
			.list();
	}

	/**
	 * The owner's tasks by id, each to {@code each}: for the export, in the caller's
	 * transaction.
	 */
	void eachOf(long ownerId, java.util.function.Consumer<Task> each) {
		TaskRows rows = new TaskRows();
		this.plannedPerCall.sql("SELECT " + COLUMNS + " FROM tasks WHERE owner_id = :owner ORDER BY id")
			.param("owner", ownerId)
			.query((row) -> {
				each.accept(rows.mapRow(row, 0));
			});
	}

	/**
	 * Locks the owner's task for the rest of the transaction and reads its version.
	 * @return empty when the owner has no such task
	 */
	Optional<Long> lockVersion(long ownerId, long id) {
		return this.jdbc.sql("SELECT version FROM tasks WHERE owner_id = :owner AND id = :id FOR UPDATE")
			.param("owner", ownerId)
			.param("id", id)
			.query(Long.class)
			.optional();
	}

	/**
	 * Gives the owner's task a new version without changing a field: for a change to what
	 * another module keeps beside the task (a CalDAV client's properties).
	 * @return whether the owner has that task
	 */
	boolean touch(long ownerId, long id) {
		return this.jdbc.sql("UPDATE tasks SET " + RowChange.ALWAYS + " WHERE owner_id = :owner AND id = :id")
			.param("owner", ownerId)
			.param("id", id)
			.update() == 1;
	}

	/**
	 * @return whether a task was there to delete
	 */
	boolean delete(long ownerId, long id) {
		return this.jdbc.sql("DELETE FROM tasks WHERE owner_id = :owner AND id = :id")
			.param("owner", ownerId)
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Moves the instant each all-day due date begins to the owner's new time zone.
	 */
	void moveDueDatesTo(long ownerId, String zone) {
		this.jdbc
			.sql("UPDATE tasks SET due_sort = due_date::timestamp AT TIME ZONE :zone, " + RowChange.VERSION
					+ " WHERE owner_id = :owner AND due_date IS NOT NULL"
					+ " AND due_sort IS DISTINCT FROM due_date::timestamp AT TIME ZONE :zone")
			.param("owner", ownerId)
			.param("zone", zone)
			.update();
	}

	/**
	 * Gives every task of the owner with a due at a time a new version: its calendar
	 * resource writes that due in the owner's zone, so a change of zone changes the
	 * resource, and the change feed (CalDAV's {@code sync-collection} too) must say so.
	 */
	void touchTimedDues(long ownerId) {
		this.jdbc.sql("UPDATE tasks SET " + RowChange.VERSION + " WHERE owner_id = :owner AND due_at IS NOT NULL")
			.param("owner", ownerId)
			.update();
	}

	/** Deletes every task of a deleted user. */
	void deleteOwnedBy(long ownerId) {
		this.jdbc.sql("DELETE FROM tasks WHERE owner_id = :owner").param("owner", ownerId).update();
	}

	/** Makes {@code %}, {@code _} and the escape character itself match literally. */
	static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * Reads tasks from the rows of one statement that selects {@link #COLUMNS}: each
	 * column is found by name on the first row and by its place after that, since finding
	 * twenty columns by name on every row of a page showed in profiles of listings
	 * ({@code docs/performance.md}). One per statement: it keeps the first row's places.
	 */
	static final class TaskRows implements RowMapper<Task> {

		private static final String[] NAMES = { "id", "title", "description", "completed", "created_at", "updated_at",
				"completed_at", "project_id", "labels", "priority", "due_date", "due_at", "parent_id", "position",
				"recurrence_rule", "recurrence_from", "reminders", "subtasks_open", "subtasks_total", "version" };

		private static final int ID = 0, TITLE = 1, DESCRIPTION = 2, COMPLETED = 3, CREATED_AT = 4, UPDATED_AT = 5,
				COMPLETED_AT = 6, PROJECT_ID = 7, LABELS = 8, PRIORITY = 9, DUE_DATE = 10, DUE_AT = 11, PARENT_ID = 12,
				POSITION = 13, RECURRENCE_RULE = 14, RECURRENCE_FROM = 15, REMINDERS = 16, SUBTASKS_OPEN = 17,
				SUBTASKS_TOTAL = 18, VERSION = 19;

		private int @Nullable [] at;

		@Override
		public Task mapRow(ResultSet row, int rowNumber) throws SQLException {
			int[] at = this.at;
			if (at == null) {
				at = new int[NAMES.length];
				for (int i = 0; i < NAMES.length; i++) {
					at[i] = row.findColumn(NAMES[i]);
				}
				this.at = at;
			}
			long projectId = row.getLong(at[PROJECT_ID]);
			Long project = row.wasNull() ? null : projectId;
			List<String> labels = List.of((String[]) row.getArray(at[LABELS]).getArray());
			java.time.LocalDate dueDate = row.getObject(at[DUE_DATE], java.time.LocalDate.class);
			OffsetDateTime dueAt = row.getObject(at[DUE_AT], OffsetDateTime.class);
			Due due = (dueDate != null) ? Due.onDate(dueDate) : (dueAt != null) ? Due.at(dueAt.toInstant()) : null;
			long parentId = row.getLong(at[PARENT_ID]);
			Long parent = row.wasNull() ? null : parentId;
			String rule = row.getString(at[RECURRENCE_RULE]);
			Recurrence recurrence = (rule != null) ? new Recurrence(rule, row.getString(at[RECURRENCE_FROM])) : null;
			String[] storedReminders = (String[]) row.getArray(at[REMINDERS]).getArray();
			List<Reminder> reminders = (storedReminders.length == 0) ? List.of()
					: java.util.Arrays.stream(storedReminders).map(Reminder::ofStored).toList();
			int subtasksTotal = row.getInt(at[SUBTASKS_TOTAL]);
			SubtaskCounts subtasks = (subtasksTotal == 0) ? SubtaskCounts.NONE
					: new SubtaskCounts(row.getInt(at[SUBTASKS_OPEN]), subtasksTotal);
			return new Task(row.getLong(at[ID]), row.getString(at[TITLE]), row.getString(at[DESCRIPTION]),
					row.getBoolean(at[COMPLETED]), row.getObject(at[CREATED_AT], OffsetDateTime.class).toInstant(),
					row.getObject(at[UPDATED_AT], OffsetDateTime.class).toInstant(),
					toInstant(row.getObject(at[COMPLETED_AT], OffsetDateTime.class)), project, labels,
					row.getInt(at[PRIORITY]), due, recurrence, parent, row.getString(at[POSITION]), reminders, subtasks,
					row.getLong(at[VERSION]));
		}

	}

	/**
	 * Passes the rows of {@link #pageSql} on to a sink, leaving out the one row read past
	 * the page.
	 */
	private static final class PageReader implements RowCallbackHandler {

		private final int pageSize;

		private final TaskPageSink sink;

		private int rows;

		private boolean begun;

		/** Whether the statement also gives the next page's sort key. */
		private final boolean sorted;

		/** Whether that key is a position. */
		private final boolean positional;

		private final TaskRows tasks = new TaskRows();

		private long lastId;

		/**
		 * The last task's id when a row beyond the page came: counted here rather than by
		 * a window in the statement, which copied every row of the page once more
		 * ({@code docs/performance.md}).
		 */
		private @Nullable Long nextAfter;

		PageReader(int pageSize, TaskPageSink sink, boolean sorted, boolean positional) {
			this.pageSize = pageSize;
			this.sink = sink;
			this.sorted = sorted;
			this.positional = positional;
		}

		@Override
		public void processRow(ResultSet row) throws SQLException {
			if (!this.begun) {
				if (this.positional) {
					this.sink.nextPosition(row.getString("next_key"));
				}
				else if (this.sorted) {
					long nextKey = row.getLong("next_key");
					this.sink.nextKey(row.wasNull() ? null : nextKey);
				}
				this.sink.begin();
				this.begun = true;
			}
			if (++this.rows <= this.pageSize) {
				Task task = this.tasks.mapRow(row, this.rows);
				this.lastId = task.id();
				this.sink.add(task);
			}
			else {
				this.nextAfter = this.lastId;
			}
		}

	}

	/**
	 * What the due filters mean for one caller at one moment, worked out in the caller's
	 * time zone.
	 *
	 * @param now the moment
	 * @param today the caller's date at that moment
	 * @param todayStart when today began
	 * @param tomorrowStart when tomorrow begins
	 * @param upcomingEnd when the seventh day after today ends
	 * @param from when {@code due_from} begins, or null
	 * @param to when the day after {@code due_to} begins, or null
	 */
	record DueBounds(java.time.Instant now, java.time.LocalDate today, java.time.Instant todayStart,
			java.time.Instant tomorrowStart, java.time.Instant upcomingEnd, java.time.@Nullable Instant from,
			java.time.@Nullable Instant to) {

		static DueBounds of(TaskListQuery.Filters filters, java.time.ZoneId zone, java.time.Instant now) {
			java.time.LocalDate today = java.time.LocalDate.ofInstant(now, zone);
			return new DueBounds(now, today, today.atStartOfDay(zone).toInstant(),
					today.plusDays(1).atStartOfDay(zone).toInstant(), today.plusDays(8).atStartOfDay(zone).toInstant(),
					(filters.dueFrom() != null) ? filters.dueFrom().atStartOfDay(zone).toInstant() : null,
					(filters.dueTo() != null) ? filters.dueTo().plusDays(1).atStartOfDay(zone).toInstant() : null);
		}

	}

	/**
	 * @param sql the page's statement, with named parameters
	 * @param parameters their values
	 */
	record PageStatement(String sql, Map<String, Object> parameters) {
	}

	private static java.time.@Nullable Instant toInstant(@Nullable OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

}
