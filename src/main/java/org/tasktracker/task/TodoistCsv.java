package org.tasktracker.task;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;
import org.tasktracker.web.TextRules;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Todoist CSV export (a "project template", as Todoist's "Format a CSV file to import
 * into Todoist" describes it) read into an {@link ImportDocument} of one new project, so
 * that the JSON import's checks and writing path do the rest. Rows are numbered from 1,
 * the first row after the header; that number is the task's id in the document and so its
 * key in {@link ImportResult#taskIds()}.
 * <ul>
 * <li>{@code section}: its name becomes a label of each task below it, up to the next
 * section (TaskTracker has no sections).</li>
 * <li>{@code task}: {@code CONTENT} the title, its {@code @label} words taken out as
 * labels; {@code PRIORITY} 1 (p1, highest) to 4 as the API's 4 (urgent) to 1, an empty
 * one p1 as Todoist's documentation says; {@code INDENT} 1 (or empty) a root, each more a
 * level below the nearest task above; {@code DATE} read as quick add reads a date, from
 * today in the row's {@code TIMEZONE} or the caller's zone.</li>
 * <li>{@code note}: a comment on the task above, appended to its description after a
 * blank line (TaskTracker has no comments).</li>
 * <li>Rows whose every field is empty are Todoist's separators, skipped.</li>
 * </ul>
 * Every refusal found is named at once ({@code rows[3].DATE}), up to
 * {@value #MAX_ERRORS}.
 */
final class TodoistCsv {

	/** The columns every Todoist export has, in its order. */
	static final List<String> COLUMNS = List.of("TYPE", "CONTENT", "DESCRIPTION", "PRIORITY", "INDENT", "AUTHOR",
			"RESPONSIBLE", "DATE", "DATE_LANG", "TIMEZONE");

	/** Columns newer exports add, taken and ignored. */
	private static final Set<String> IGNORED_COLUMNS = Set.of("DURATION", "DURATION_UNIT", "DEADLINE", "DEADLINE_LANG");

	/** A root task and four levels below it, as everywhere in the service. */
	private static final int MAX_INDENT = 5;

	private static final int MAX_ERRORS = 100;

	private static final String NOT_TEXT = "holds bytes that are not UTF-8 (or not of the charset the Content-Type "
			+ "names): save the file as UTF-8";

	/** The project's id in the document: a key of {@link ImportResult#projectIds()}. */
	private static final long PROJECT = 1;

	/** How the CSV library says a quoted field ran to the end of the file. */
	private static final Pattern UNCLOSED = Pattern.compile("\\(startline ([0-9,]+)\\) EOF reached");

	private static final Pattern LABEL = Pattern.compile("(?<=^|\\s)@(\\S+)");

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

	private final List<FieldError> errors = new ArrayList<>();

	private final ZoneId callerZone;

	private final Instant now;

	/** The tasks read so far, in the file's order. */
	private final List<Row> rows = new ArrayList<>();

	/** The label of the section the rows are in, or null. */
	private @Nullable String section;

	/** The task a note comments on: null after a refused task, whose notes go with it. */
	private @Nullable Row lastTask;

	/** Whether a task, refused or not, is above in this section. */
	private boolean taskAbove;

	/** The nearest task above at each indent: [0] the last root, and so on. */
	private final List<Long> above = new ArrayList<>();

	private int taskCount;

	private TodoistCsv(ZoneId callerZone, Instant now) {
		this.callerZone = callerZone;
		this.now = now;
	}

	/**
	 * Reads the export whole before anything is written.
	 * @param project the new project's name ({@code ?project=}), checked as
	 * {@code POST /projects} checks a name
	 * @param callerZone the zone dates are read in when a row names none
	 * @param now the instant whose day relative dates ({@code tomorrow}) count from
	 * @throws InvalidRequestException naming each place at fault
	 */
	static ImportDocument read(Reader csv, @Nullable String project, ZoneId callerZone, Instant now) {
		TodoistCsv reader = new TodoistCsv(callerZone, now);
		String name = reader.projectName(project);
		List<ImportDocument.TaskEntry> tasks = reader.tasks(csv);
		if (!reader.errors.isEmpty()) {
			throw new InvalidRequestException(reader.errors);
		}
		return new ImportDocument(List.of(), List.of(new ImportDocument.ProjectEntry(PROJECT, name, false, null, 1)),
				tasks);
	}

	private String projectName(@Nullable String project) {
		if (project == null) {
			error("project", "is required: the name of the project the tasks go to");
			return "";
		}
		try {
			String name = ProjectController.fields(JsonNodeFactory.instance.objectNode().put("name", project), true)
				.name();
			return (name != null) ? name : "";
		}
		catch (InvalidRequestException ex) {
			ex.getErrors().forEach((error) -> error("project", error.message()));
			return "";
		}
	}

	/** A task as read from its row, with its notes, before the rules of a task apply. */
	private static final class Row {

		final long number;

		final String title;

		final List<String> labels;

		final StringBuilder description;

		final int priority;

		final @Nullable Due due;

		final @Nullable Recurrence recurrence;

		final @Nullable Long parent;

		final int depth;

		Row(long number, String title, List<String> labels, String description, int priority, @Nullable Due due,
				@Nullable Recurrence recurrence, @Nullable Long parent, int depth) {
			this.number = number;
			this.title = title;
			this.labels = labels;
			this.description = new StringBuilder(description);
			this.priority = priority;
			this.due = due;
			this.recurrence = recurrence;
			this.parent = parent;
			this.depth = depth;
		}

	}

	private List<ImportDocument.TaskEntry> tasks(Reader csv) {
		try (CSVParser parser = CSVParser.builder().setReader(new QuoteChecks(csv)).setFormat(FORMAT).get()) {
			var records = parser.iterator();
			Map<String, Integer> columns;
			try {
				columns = records.hasNext() ? header(records.next()) : null;
			}
			catch (UncheckedIOException ex) {
				if (ex.getCause() instanceof CharacterCodingException) {
					error("header", NOT_TEXT);
					return List.of();
				}
				if (!(ex.getCause() instanceof CSVException broken)) {
					throw ex;
				}
				QuoteChecks.Bare bare = QuoteChecks.Bare.of(broken);
				if (bare != null) {
					// Found as the text is read, ahead of the parser's header.
					bare.refuse(this::error);
					return List.of();
				}
				columns = null;
			}
			if (columns == null) {
				error("header", "must be Todoist's: " + String.join(",", COLUMNS)
						+ " (DURATION, DURATION_UNIT, DEADLINE and DEADLINE_LANG may follow)");
				return List.of();
			}
			while (true) {
				CSVRecord record;
				try {
					if (!records.hasNext()) {
						break;
					}
					record = records.next();
				}
				catch (UncheckedIOException ex) {
					if (ex.getCause() instanceof CharacterCodingException) {
						error("rows[" + parser.getRecordNumber() + "]",
								"is on line " + parser.getCurrentLineNumber() + ", which " + NOT_TEXT);
						return List.of();
					}
					if (!(ex.getCause() instanceof CSVException broken)) {
						// The body could not be read: no fault of the file's.
						throw ex;
					}
					QuoteChecks.Bare bare = QuoteChecks.Bare.of(broken);
					if (bare != null) {
						// Found as the text is read, ahead of the parser's row.
						bare.refuse(this::error);
						return List.of();
					}
					error("rows[" + parser.getRecordNumber() + "]",
							"is not valid CSV: " + brokenQuoting(broken, parser.getCurrentLineNumber())
									+ "; a field with a comma, a quote or a line break must be in double quotes, "
									+ "its quotes doubled");
					return List.of();
				}
				if (!take(record, columns)) {
					return List.of();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return entries(this.rows);
	}

	/**
	 * What is wrong with the quoting, in the service's words rather than the CSV
	 * library's, which name its own internals ("encapsulated token").
	 * @param line the line the parser had reached
	 */
	static String brokenQuoting(CSVException broken, long line) {
		String message = String.valueOf(broken.getMessage());
		Matcher start = UNCLOSED.matcher(message);
		if (start.find()) {
			return "the quoted field that starts on line " + start.group(1).replace(",", "")
					+ " is never closed: the file ends inside it";
		}
		if (message.contains("between encapsulated token and delimiter")) {
			return "on line " + line + ", a quoted field's closing quote is followed by other characters "
					+ "before the next comma or line end";
		}
		return "the quoting breaks near line " + line;
	}

	/**
	 * Takes one row into the tasks read so far.
	 * @return false when the file must be read no further
	 */
	private boolean take(CSVRecord record, Map<String, Integer> columns) {
		long number = record.getRecordNumber() - 1;
		String place = "rows[" + number + "]";
		if (record.stream().allMatch(String::isEmpty)) {
			return true;
		}
		if (record.size() > columns.size()) {
			error(place, "has " + record.size() + " fields, more than the header's " + columns.size());
			return true;
		}
		switch (field(record, columns, "TYPE")) {
			case "section" -> {
				this.section = TextRules.trim(field(record, columns, "CONTENT"));
				String problem = TaskRequests.labelProblem(this.section);
				if (problem != null) {
					error(place + ".CONTENT", "is a section, which becomes a label, and a label " + problem);
					this.section = null;
				}
				this.lastTask = null;
				this.taskAbove = false;
				this.above.clear();
			}
			case "note" -> {
				String note = field(record, columns, "CONTENT");
				if (!this.taskAbove) {
					error(place + ".TYPE", "is a note, which must follow the task it comments on");
				}
				else if (this.lastTask != null && !note.isBlank()) {
					StringBuilder description = this.lastTask.description;
					description.append(description.isEmpty() ? "" : "\n\n").append(note);
				}
			}
			case "task" -> {
				if (++this.taskCount > ImportDocument.MAX_TASKS) {
					error("rows",
							"must hold at most " + ImportDocument.MAX_TASKS + " tasks in one import; split the file");
					return false;
				}
				this.lastTask = task(record, columns, number);
				this.taskAbove = true;
				if (this.lastTask != null) {
					this.rows.add(this.lastTask);
				}
			}
			default -> error(place + ".TYPE", "must be task, section or note, in lower case");
		}
		return true;
	}

	/**
	 * The columns by name, or null when the header is not Todoist's: its ten columns, in
	 * any order, and only those newer exports add.
	 */
	private static @Nullable Map<String, Integer> header(CSVRecord header) {
		Map<String, Integer> columns = new java.util.HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String column = header.get(i).replace("\uFEFF", "").trim();
			if (!(COLUMNS.contains(column) || IGNORED_COLUMNS.contains(column)) || columns.put(column, i) != null) {
				return null;
			}
		}
		return columns.keySet().containsAll(COLUMNS) ? columns : null;
	}

	/** The field of a column, empty when the row stops short of it. */
	private static String field(CSVRecord record, Map<String, Integer> columns, String column) {
		int at = columns.get(column);
		return (at < record.size()) ? record.get(at) : "";
	}

	/**
	 * A task row, with its parent among the tasks above, or null when it is refused.
	 */
	private @Nullable Row task(CSVRecord record, Map<String, Integer> columns, long number) {
		String place = "rows[" + number + "]";
		int before = this.errors.size();
		List<String> labels = new ArrayList<>();
		if (this.section != null) {
			labels.add(this.section);
		}
		String content = field(record, columns, "CONTENT");
		Matcher label = LABEL.matcher(content);
		while (label.find()) {
			labels.add(label.group(1));
		}
		String title = LABEL.matcher(content).replaceAll("").trim().replaceAll("[ \\t]{2,}", " ");
		int priority = priority(field(record, columns, "PRIORITY"), place + ".PRIORITY");
		int indent = indent(field(record, columns, "INDENT"), place + ".INDENT", this.above.size());
		String language = field(record, columns, "DATE_LANG").trim();
		if (!language.isEmpty() && !"en".equals(language)) {
			error(place + ".DATE_LANG", "must be en or empty: dates are read in English only");
		}
		String zoneName = field(record, columns, "TIMEZONE").trim();
		ZoneId zone = ZoneId.getAvailableZoneIds().contains(zoneName) ? ZoneId.of(zoneName) : this.callerZone;
		QuickAdd date = date(field(record, columns, "DATE"), zone, place + ".DATE");
		// A refused row still takes its place, so that the rows below it are not refused
		// for its sake.
		int depth = Math.min(indent, this.above.size() + 1) - 1;
		while (this.above.size() > depth) {
			this.above.remove(this.above.size() - 1);
		}
		Long parent = (depth > 0) ? this.above.get(depth - 1) : null;
		this.above.add(number);
		if (this.errors.size() > before) {
			return null;
		}
		Due due = null;
		if (date != null && date.date() != null) {
			due = (date.time() != null) ? Due.at(ZonedDateTime.of(date.date(), date.time(), zone).toInstant())
					: Due.onDate(date.date());
		}
		return new Row(number, title, labels, field(record, columns, "DESCRIPTION"), priority, due,
				(date != null) ? date.recurrence() : null, parent, depth);
	}

	/** Todoist's 1 (p1, highest) to 4 (p4) as the API's 4 to 1; empty is p1. */
	private int priority(String text, String place) {
		String priority = text.trim();
		if (priority.isEmpty()) {
			return 4;
		}
		if (!priority.matches("[1-4]")) {
			error(place, "must be 1 (p1, highest) to 4 (p4, lowest), or empty for p1");
			return 1;
		}
		return 5 - Integer.parseInt(priority);
	}

	/**
	 * 1 (or empty) for a root, up to one more than the nearest task above.
	 * @param depth how many levels the task above has, 0 for none
	 */
	private int indent(String text, String place, int depth) {
		String indent = text.trim();
		if (indent.isEmpty()) {
			return 1;
		}
		if (!indent.matches("[1-9]")) {
			error(place, "must be 1 (a task) to " + MAX_INDENT + " (4 levels below it), or empty for 1");
			return 1;
		}
		int level = Integer.parseInt(indent);
		if (level > MAX_INDENT) {
			error(place, "must be at most " + MAX_INDENT + ": a task can be at most 4 levels below its root");
		}
		else if (level > depth + 1) {
			error(place, "is " + level + ", more than one level below the task above (" + depth
					+ ((depth == 0) ? ": there is none in this section" : "") + ")");
		}
		return level;
	}

	/**
	 * The date as quick add reads it from today in the zone, or null when there is none;
	 * a date it cannot read whole is refused rather than guessed.
	 */
	private @Nullable QuickAdd date(String text, ZoneId zone, String place) {
		if (text.isBlank()) {
			return null;
		}
		QuickAdd read = QuickAdd.parse(text, LocalDate.ofInstant(this.now, zone));
		if (read.date() == null || !read.title().isEmpty() || read.project() != null || !read.labels().isEmpty()
				|| read.priority() != 1 || !read.warnings().isEmpty()) {
			error(place, "is not a date the service reads: use a date such as 2026-12-20, Dec 20, tomorrow or "
					+ "friday, with a time such as at 9am, or a repetition such as every monday");
			return null;
		}
		return read;
	}

	/**
	 * The rows as the document's tasks, each checked as {@code POST /tasks} checks one
	 * (its notes appended), a refusal named by the column it came from.
	 */
	private List<ImportDocument.TaskEntry> entries(List<Row> rows) {
		List<ImportDocument.TaskEntry> entries = new ArrayList<>();
		Set<Long> read = new HashSet<>();
		for (Row row : rows) {
			ObjectNode body = JsonNodeFactory.instance.objectNode();
			body.put("title", row.title);
			if (!row.description.isEmpty()) {
				body.put("description", row.description.toString());
			}
			row.labels.forEach(body.putArray("labels")::add);
			body.put("priority", row.priority);
			if (row.due != null) {
				ObjectNode due = body.putObject("due");
				if (row.due.date() != null) {
					due.put("date", row.due.date());
				}
				else {
					due.put("datetime", row.due.datetime());
				}
			}
			if (row.recurrence != null) {
				body.putObject("recurrence").put("rule", row.recurrence.rule()).put("from", row.recurrence.from());
			}
			NewTask task;
			try {
				task = TaskRequests.newTask(body, TaskRequests.RuleSubset.API);
			}
			catch (InvalidRequestException ex) {
				ex.getErrors()
					.forEach((error) -> error("rows[" + row.number + "]." + column(error.field()), error.message()));
				continue;
			}
			if (row.parent != null && !read.contains(row.parent)) {
				// Its parent was refused, and named.
				continue;
			}
			read.add(row.number);
			NewTask placed = new NewTask(task.title(), task.description(), (row.parent == null) ? PROJECT : null,
					task.labels(), task.priority(), task.due(), task.recurrence(), row.parent, task.reminders());
			entries.add(
					new ImportDocument.TaskEntry(row.number, placed, false, null, null, 1, List.of(), row.depth, null));
		}
		return entries;
	}

	/** The column a field of {@code POST /tasks} is read from. */
	private static String column(String field) {
		if (field.equals("title") || field.equals("labels")) {
			return "CONTENT";
		}
		if (field.equals("description")) {
			return "DESCRIPTION";
		}
		if (field.equals("priority")) {
			return "PRIORITY";
		}
		return "DATE";
	}

	private void error(String field, String message) {
		if (this.errors.size() < MAX_ERRORS) {
			this.errors.add(new FieldError(field, message));
		}
	}

	/**
	 * The text as it is read, refusing a quote inside a field that does not start with
	 * one ({@code Bu"y milk}): RFC 4180 (2.5) allows none, and the CSV library would take
	 * it as a character of the field.
	 */
	private static final class QuoteChecks extends java.io.FilterReader {

		private static final String BARE = "bare quote: ";

		/** Where a bare quote was: the row (0 the header) and the line. */
		record Bare(long row, long line) {

			static @Nullable Bare of(CSVException broken) {
				String message = String.valueOf(broken.getMessage());
				if (!message.startsWith(BARE)) {
					return null;
				}
				String[] place = message.substring(BARE.length()).split(" ");
				return new Bare(Long.parseLong(place[0]), Long.parseLong(place[1]));
			}

			void refuse(java.util.function.BiConsumer<String, String> error) {
				error.accept((this.row == 0) ? "header" : "rows[" + this.row + "]",
						"is not valid CSV: on line " + this.line + ", a quote inside a field that is not in quotes; "
								+ "a field with a comma, a quote or a line break must be in double quotes, "
								+ "its quotes doubled");
			}

		}

		private enum State {

			FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED

		}

		private State state = State.FIELD_START;

		private long line = 1;

		/** Rows ended so far: line breaks outside quotes. */
		private long rows;

		QuoteChecks(Reader in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int c = super.read();
			if (c >= 0) {
				check((char) c);
			}
			return c;
		}

		@Override
		public int read(char[] buffer, int offset, int length) throws IOException {
			int read = super.read(buffer, offset, length);
			for (int i = offset; i < offset + Math.max(read, 0); i++) {
				check(buffer[i]);
			}
			return read;
		}

		private void check(char c) throws CSVException {
			boolean ends = c == ',' || c == '\r' || c == '\n';
			if (c == '\n') {
				this.line++;
				if (this.state != State.QUOTED) {
					this.rows++;
				}
			}
			this.state = switch (this.state) {
				case FIELD_START -> (c == '"') ? State.QUOTED : ends ? State.FIELD_START : State.UNQUOTED;
				case UNQUOTED -> {
					if (c == '"') {
						throw new CSVException(BARE + this.rows + " " + this.line);
					}
					yield ends ? State.FIELD_START : State.UNQUOTED;
				}
				case QUOTED -> (c == '"') ? State.QUOTE_IN_QUOTED : State.QUOTED;
				// Anything else after a closing quote the CSV library refuses itself.
				case QUOTE_IN_QUOTED -> (c == '"') ? State.QUOTED : ends ? State.FIELD_START : State.UNQUOTED;
			};
		}

	}

}
