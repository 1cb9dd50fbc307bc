package org.tasktracker.task;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.tasktracker.web.FieldError;
import org.tasktracker.web.InvalidRequestException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A document of {@code GET /export}, read and checked whole before anything is written:
 * each task by the rules of {@code POST /tasks}, its project and parent among the
 * document's own, no cycle, at most four levels below a root. A refusal names the place
 * ({@code tasks[12].due}); every refusal found is named at once, up to
 * {@value #MAX_ERRORS}.
 *
 * @param labels the labels of the document in its order: those it lists, then each
 * task's, tasks in the document's order (so the first of a label's spellings is the one
 * the document first uses)
 * @param projects the projects, in the document's order
 * @param tasks the tasks, parents before their subtasks, siblings in their order
 */
record ImportDocument(List<String> labels, List<ProjectEntry> projects, List<TaskEntry> tasks) {

	static final String FORMAT = "tasktracker-export";

	static final int MAX_TASKS = 20_000;

	static final int MAX_PROJECTS = 1_000;

	private static final int MAX_ERRORS = 100;

	private static final String DATE_TIME = "must be an ISO 8601 date-time with an offset, such as 2026-12-01T09:00:00Z";

	private static final Pattern POSITION = Pattern.compile("[0-9A-Za-z]{1," + PositionKeys.MAX_LENGTH + "}");

	/** What a task of an export carries beyond what {@code POST /tasks} takes. */
	private static final Set<String> TASK_STATE = Set.of("id", "completed", "completed_at", "created_at", "updated_at",
			"position", "subtasks", "version", "completions");

	private static final Set<String> PROJECT_STATE = Set.of("id", "open_tasks", "created_at", "updated_at", "version");

	/**
	 * @param id the project's id in the document
	 */
	record ProjectEntry(long id, String name, boolean archived, @Nullable String color, long version) {
	}

	/**
	 * @param id the task's id in the document
	 * @param task what the task is, with the document's project and parent ids
	 * @param depth 0 for a root task
	 */
	record TaskEntry(long id, NewTask task, boolean completed, @Nullable Instant createdAt,
			@Nullable Instant completedAt, long version, List<CompletionEntry> completions, int depth,
			@Nullable String position) {
	}

	record CompletionEntry(@Nullable Due due, Instant completedAt) {
	}

	/**
	 * @param document a JSON object: the controller refuses anything else first, with a
	 * 400, as {@code POST /tasks} does
	 * @throws InvalidRequestException naming each place at fault
	 */
	static ImportDocument read(JsonNode document) {
		Reader reader = new Reader();
		ImportDocument read = reader.read(document);
		if (!reader.errors.isEmpty()) {
			throw new InvalidRequestException(reader.errors);
		}
		return read;
	}

	private static final class Reader {

		private final List<FieldError> errors = new ArrayList<>();

		/** Each task's labels, tasks in the document's order rather than the import's. */
		private final List<String> taskLabels = new ArrayList<>();

		ImportDocument read(JsonNode document) {
			for (String field : document.propertyNames()) {
				if (!Set.of("format", "version", "exported_at", "labels", "projects", "tasks").contains(field)) {
					error(field, "is not a field of an export document");
				}
			}
			JsonNode format = document.get("format");
			if (format == null || !FORMAT.equals(format.asString(""))) {
				error("format", "must be \"" + FORMAT + "\", as GET /export writes it");
			}
			JsonNode version = document.get("version");
			if (version == null || !version.isIntegralNumber() || version.longValue() != 1) {
				error("version", "must be 1");
			}
			// Not kept, but checked: a document that says when it was written says it as
			// GET /export does.
			JsonNode exportedAt = document.get("exported_at");
			if (exportedAt != null && exportedAt.isNull()) {
				error("exported_at", DATE_TIME);
			}
			else {
				instant(exportedAt, "exported_at");
			}
			List<String> labels = labels(document.get("labels"));
			List<ProjectEntry> projects = projects(document.get("projects"));
			List<TaskEntry> tasks = tasks(document.get("tasks"), projects);
			labels.addAll(this.taskLabels);
			return new ImportDocument(labels, projects, tasks);
		}

		private List<String> labels(@Nullable JsonNode node) {
			List<String> labels = new ArrayList<>();
			if (node == null) {
				return labels;
			}
			if (!node.isArray()) {
				error("labels", "must be an array of label names");
				return labels;
			}
			for (int i = 0; i < node.size(); i++) {
				// Each checked as a task's label is.
				List<FieldError> labelErrors = new ArrayList<>();
				List<String> label = TaskRequests.labels(JsonNodeFactory.instance.arrayNode().add(node.get(i)),
						labelErrors);
				String place = "labels[" + i + "]";
				labelErrors.forEach((error) -> error(place, error.message()));
				labels.addAll(label);
			}
			return labels;
		}

		private List<ProjectEntry> projects(@Nullable JsonNode node) {
			List<ProjectEntry> projects = new ArrayList<>();
			if (node == null) {
				return projects;
			}
			if (!node.isArray()) {
				error("projects", "must be an array of projects");
				return projects;
			}
			if (node.size() > MAX_PROJECTS) {
				error("projects", "must hold at most " + MAX_PROJECTS + " projects in one import");
				return projects;
			}
			Set<Long> ids = new HashSet<>();
			for (int i = 0; i < node.size(); i++) {
				String place = "projects[" + i + "]";
				JsonNode project = node.get(i);
				if (!project.isObject()) {
					error(place, "must be a project object");
					continue;
				}
				Long id = id(project, place, ids);
				ObjectNode fields = ((ObjectNode) project).deepCopy();
				PROJECT_STATE.forEach(fields::remove);
				long version = version(project, place);
				// Not kept (the import sets them), but checked like the rest.
				instant(project.get("created_at"), place + ".created_at");
				instant(project.get("updated_at"), place + ".updated_at");
				JsonNode openTasks = project.get("open_tasks");
				if (openTasks != null && !(openTasks.isIntegralNumber() && openTasks.canConvertToInt()
						&& openTasks.intValue() >= 0)) {
					error(place + ".open_tasks", "must be a non-negative integer");
				}
				try {
					ProjectController.Fields read = ProjectController.fields(fields, false);
					if (read.name() == null) {
						error(place + ".name", "is required");
					}
					else if (id != null) {
						projects.add(new ProjectEntry(id, read.name(), Boolean.TRUE.equals(read.archived()),
								read.color(), version));
					}
				}
				catch (InvalidRequestException ex) {
					ex.getErrors().forEach((error) -> error(place + "." + error.field(), error.message()));
				}
			}
			return projects;
		}

		private List<TaskEntry> tasks(@Nullable JsonNode node, List<ProjectEntry> projects) {
			if (node == null) {
				// Without it a document imports nothing and answers as if it had: most
				// likely not an export, or one cut short.
				error("tasks", "is required: the array of tasks GET /export writes, [] for none");
				return List.of();
			}
			if (!node.isArray()) {
				error("tasks", "must be an array of tasks");
				return List.of();
			}
			if (node.size() > MAX_TASKS) {
				error("tasks", "must hold at most " + MAX_TASKS + " tasks in one import; split the document");
				return List.of();
			}
			Set<Long> projectIds = new HashSet<>();
			projects.forEach((project) -> projectIds.add(project.id()));
			Set<Long> ids = new HashSet<>();
			Map<Long, Integer> index = new HashMap<>();
			List<TaskEntry> read = new ArrayList<>();
			List<Integer> places = new ArrayList<>();
			for (int i = 0; i < node.size(); i++) {
				String place = "tasks[" + i + "]";
				JsonNode task = node.get(i);
				if (!task.isObject()) {
					error(place, "must be a task object");
					continue;
				}
				Long id = id(task, place, ids);
				ObjectNode fields = ((ObjectNode) task).deepCopy();
				TASK_STATE.forEach(fields::remove);
				NewTask newTask;
				try {
					newTask = TaskRequests.newTask(fields, TaskRequests.RuleSubset.CALENDAR);
				}
				catch (InvalidRequestException ex) {
					ex.getErrors().forEach((error) -> error(place + "." + error.field(), error.message()));
					continue;
				}
				this.taskLabels.addAll(newTask.labels());
				if (newTask.projectId() != null && !projectIds.contains(newTask.projectId())) {
					error(place + ".project_id", "is not a project of this document");
				}
				boolean completed = bool(task.get("completed"), place + ".completed");
				Instant createdAt = instant(task.get("created_at"), place + ".created_at");
				Instant completedAt = instant(task.get("completed_at"), place + ".completed_at");
				// Not kept (the import sets it), but checked like the rest.
				instant(task.get("updated_at"), place + ".updated_at");
				JsonNode subtasks = task.get("subtasks");
				if (subtasks != null && !subtasks.isObject()) {
					error(place + ".subtasks", "must be an object such as {\"open\": 0, \"total\": 0}");
				}
				List<CompletionEntry> completions = completions(task.get("completions"), place + ".completions");
				String position = position(task.get("position"), place + ".position");
				if (id != null) {
					index.put(id, read.size());
					places.add(i);
					read.add(new TaskEntry(id, newTask, completed, createdAt, completedAt, version(task, place),
							completions, 0, position));
				}
			}
			return ordered(read, index, places);
		}

		/**
		 * Parents before children and siblings in their order, each with its depth; a
		 * parent outside the document, a cycle or a fifth level is refused.
		 */
		private List<TaskEntry> ordered(List<TaskEntry> read, Map<Long, Integer> index, List<Integer> places) {
			int[] depths = new int[read.size()];
			for (int t = 0; t < read.size(); t++) {
				String place = "tasks[" + places.get(t) + "].parent_id";
				Long parent = read.get(t).task().parentId();
				int depth = 0;
				Set<Long> seen = new HashSet<>();
				seen.add(read.get(t).id());
				boolean bad = false;
				while (parent != null) {
					Integer at = index.get(parent);
					if (at == null) {
						error(place, "is not a task of this document");
						bad = true;
						break;
					}
					if (!seen.add(parent)) {
						error(place, "makes a cycle: a task cannot be below itself");
						bad = true;
						break;
					}
					depth++;
					parent = read.get(at).task().parentId();
				}
				if (!bad && depth > 4) {
					error(place, "is more than 4 levels below its root task");
				}
				depths[t] = depth;
			}
			List<TaskEntry> ordered = new ArrayList<>();
			for (int t = 0; t < read.size(); t++) {
				TaskEntry entry = read.get(t);
				ordered.add(new TaskEntry(entry.id(), entry.task(), entry.completed(), entry.createdAt(),
						entry.completedAt(), entry.version(), entry.completions(), depths[t], entry.position()));
			}
			// Siblings by position (compared as the service compares it), then id.
			ordered.sort(java.util.Comparator.comparingInt(TaskEntry::depth)
				.thenComparing((TaskEntry entry) -> (entry.position() != null) ? entry.position() : "")
				.thenComparingLong(TaskEntry::id));
			return ordered;
		}

		/**
		 * A position as the service writes it (base-62 digits, at most
		 * {@value PositionKeys#MAX_LENGTH}), or null when the task has none.
		 */
		private @Nullable String position(@Nullable JsonNode node, String place) {
			if (node == null) {
				return null;
			}
			if (!node.isString() || !POSITION.matcher(node.stringValue()).matches()) {
				error(place, "must be a position as GET /export writes it: 1-" + PositionKeys.MAX_LENGTH
						+ " base-62 digits (0-9, A-Z, a-z)");
				return null;
			}
			return node.stringValue();
		}

		private List<CompletionEntry> completions(@Nullable JsonNode node, String place) {
			List<CompletionEntry> completions = new ArrayList<>();
			if (node == null || node.isNull()) {
				return completions;
			}
			if (!node.isArray()) {
				error(place, "must be an array of completions");
				return completions;
			}
			for (int i = 0; i < node.size(); i++) {
				String at = place + "[" + i + "]";
				JsonNode completion = node.get(i);
				if (!completion.isObject()) {
					error(at, "must be a completion object");
					continue;
				}
				for (String name : completion.propertyNames()) {
					// An export's completions carry their ids too, which an import makes
					// anew.
					if (!"id".equals(name) && !"due".equals(name) && !"completed_at".equals(name)) {
						error(at + "." + name, "is not a known field");
					}
				}
				List<FieldError> dueErrors = new ArrayList<>();
				JsonNode dueNode = completion.get("due");
				Due due = (dueNode != null) ? TaskRequests.due(dueNode, dueErrors) : null;
				dueErrors.forEach((error) -> error(at + ".due", error.message()));
				Instant completedAt = instant(completion.get("completed_at"), at + ".completed_at");
				if (completedAt == null) {
					error(at + ".completed_at", "is required");
				}
				else if (dueErrors.isEmpty()) {
					completions.add(new CompletionEntry(due, completedAt));
				}
			}
			return completions;
		}

		private @Nullable Long id(JsonNode object, String place, Set<Long> ids) {
			JsonNode id = object.get("id");
			if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() < 1) {
				error(place + ".id", "must be a positive integer");
				return null;
			}
			if (!ids.add(id.longValue())) {
				error(place + ".id", "is the id of another entry of the document");
				return null;
			}
			return id.longValue();
		}

		private long version(JsonNode object, String place) {
			JsonNode version = object.get("version");
			if (version == null) {
				return 1;
			}
			if (!version.isIntegralNumber() || !version.canConvertToLong() || version.longValue() < 1) {
				error(place + ".version", "must be a positive integer");
				return 1;
			}
			return version.longValue();
		}

		private boolean bool(@Nullable JsonNode node, String place) {
			if (node == null) {
				return false;
			}
			if (!node.isBoolean()) {
				error(place, "must be true or false");
				return false;
			}
			return node.booleanValue();
		}

		private @Nullable Instant instant(@Nullable JsonNode node, String place) {
			if (node == null || node.isNull()) {
				return null;
			}
			try {
				if (node.isString()) {
					return OffsetDateTime.parse(node.stringValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
				}
			}
			catch (DateTimeParseException ex) {
				// The same refusal.
			}
			error(place, DATE_TIME);
			return null;
		}

		private void error(String field, String message) {
			if (this.errors.size() < MAX_ERRORS) {
				this.errors.add(new FieldError(field, message));
			}
		}

	}

}
