package org.tasktracker.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.idempotency.IdempotentCreations;
import org.tasktracker.web.SpooledBody;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@code GET /export} and {@code POST /import}: all of a user's projects, tasks (with
 * their trees, order, recurrence, reminders and completions) and label spellings as one
 * JSON document, and such a document added to an account in one transaction.
 */
@Service
class DataTransferService {

	private static final int MEMORY_LIMIT = 256 * 1024;

	private final TaskRepository tasks;

	private final ProjectRepository projects;

	private final LabelRepository labels;

	private final CompletionRepository completions;

	private final SyncRepository sync;

	private final DatabaseRetry retry;

	private final TransactionOperations transactions;

	private final IdempotentCreations idempotentCreations;

	private final JsonMapper json;

	DataTransferService(TaskRepository tasks, ProjectRepository projects, LabelRepository labels,
			CompletionRepository completions, SyncRepository sync, DatabaseRetry retry,
			TransactionOperations transactions, IdempotentCreations idempotentCreations, JsonMapper json) {
		this.tasks = tasks;
		this.projects = projects;
		this.labels = labels;
		this.completions = completions;
		this.sync = sync;
		this.retry = retry;
		this.transactions = transactions;
		this.idempotentCreations = idempotentCreations;
		this.json = json;
	}

	/**
	 * The owner's export, read in one snapshot and written into memory, then a temporary
	 * file once large, so that the connection is back in the pool before the client
	 * reads.
	 */
	SpooledBody export(long ownerId) {
		return this.retry.idempotent(() -> this.transactions.execute((status) -> {
			this.sync.begin();
			SpooledBody body = new SpooledBody(MEMORY_LIMIT);
			try (JsonGenerator out = this.json.createGenerator(body)) {
				out.writeStartObject();
				out.writeStringProperty("format", ImportDocument.FORMAT);
				out.writeNumberProperty("version", 1);
				out.writeName("exported_at");
				out.writePOJO(Instant.now());
				out.writeArrayPropertyStart("labels");
				for (Label label : this.labels.findAll(ownerId)) {
					out.writeString(label.name());
				}
				out.writeEndArray();
				out.writeName("projects");
				out.writePOJO(this.projects.findAll(ownerId, null));
				Map<Long, List<CompletionRepository.Completion>> done = this.completions.allOf(ownerId);
				out.writeArrayPropertyStart("tasks");
				this.tasks.eachOf(ownerId, (task) -> {
					ObjectNode node = this.json.valueToTree(task);
					List<CompletionDocument> history = done.getOrDefault(task.id(), List.of())
						.stream()
						.map(CompletionDocument::of)
						.toList();
					node.set("completions", this.json.valueToTree(history));
					out.writeTree(node);
				});
				out.writeEndArray();
				out.writeEndObject();
			}
			catch (RuntimeException ex) {
				body.discard();
				throw ex;
			}
			try {
				body.close();
			}
			catch (IOException ex) {
				body.discard();
				throw new UncheckedIOException(ex);
			}
			return body;
		}));
	}

	/**
	 * Adds a read document to the owner's account in one transaction; with a key, a
	 * repeat of the same document answers the first import again and adds nothing.
	 * @param digest what identifies the document under an {@code Idempotency-Key}
	 */
	IdempotentCreations.Outcome<ImportResult> importDocument(long ownerId, ImportDocument document,
			@org.jspecify.annotations.Nullable String idempotencyKey, String digest) {
		if (idempotencyKey == null) {
			return new IdempotentCreations.Outcome<>(
					this.retry
						.onceOnly(() -> this.transactions.execute((status) -> importInTransaction(ownerId, document))),
					false);
		}
		return this.retry.idempotent(() -> this.idempotentCreations.create(ownerId, idempotencyKey,
				new ImportRequest(digest), ImportResult.class, () -> importInTransaction(ownerId, document)));
	}

	/**
	 * What identifies an import under an {@code Idempotency-Key}: the document's digest.
	 */
	record ImportRequest(String importDigest) {
	}

	private ImportResult importInTransaction(long ownerId, ImportDocument document) {
		Map<Long, Long> projectIds = new LinkedHashMap<>();
		Set<String> names = this.projects.namesOf(ownerId);
		for (ImportDocument.ProjectEntry project : document.projects()) {
			String name = unused(project.name(), names);
			projectIds.put(project.id(), this.projects.insertImported(ownerId, name, project.color(),
					project.archived(), project.version()));
		}
		// Every spelling the document uses, in its order: spellLabels keeps one label per
		// key (labels compare case-insensitively), a new one spelled as first given.
		List<String> labelList = new ArrayList<>(document.labels());
		document.tasks().forEach((entry) -> labelList.addAll(entry.task().labels()));
		List<String> spellings = this.tasks.spellLabels(ownerId, labelList);
		Map<String, String> spelled = new HashMap<>();
		for (int i = 0; i < labelList.size(); i++) {
			spelled.put(TaskRequests.labelKey(labelList.get(i)), spellings.get(i));
		}
		// Ids in the order of the sorted entries: siblings get ascending ids, so their
		// keys of position (those of their ids) keep the document's order.
		List<Long> ids = this.tasks.newIds(document.tasks().size());
		Map<Long, Long> taskIds = new LinkedHashMap<>();
		// Each subtask's arrival moves its parent's counts, and so its version, once.
		Map<Long, Integer> children = new HashMap<>();
		document.tasks().forEach((entry) -> {
			if (entry.task().parentId() != null) {
				children.merge(entry.task().parentId(), 1, Integer::sum);
			}
		});
		Map<Long, Long> rootProject = new HashMap<>();
		Instant now = Instant.now();
		int completionCount = 0;
		for (int i = 0; i < document.tasks().size(); i++) {
			ImportDocument.TaskEntry entry = document.tasks().get(i);
			NewTask task = entry.task();
			long id = ids.get(i);
			taskIds.put(entry.id(), id);
			Long parent = (task.parentId() != null) ? taskIds.get(task.parentId()) : null;
			// A subtask is always in its root's project.
			Long project = (parent != null) ? rootProject.get(parent)
					: (task.projectId() != null) ? projectIds.get(task.projectId()) : null;
			rootProject.put(id, project);
			Instant created = (entry.createdAt() != null) ? entry.createdAt() : now;
			Instant completedAt = entry.completed() ? ((entry.completedAt() != null) ? entry.completedAt() : now)
					: null;
			List<String> taskLabels = task.labels()
				.stream()
				.map((label) -> spelled.getOrDefault(TaskRequests.labelKey(label), label))
				.toList();
			Task written = new Task(id, task.title(), task.description(), entry.completed(), created, now, completedAt,
					project, taskLabels, task.priority(), task.due(), task.recurrence(), parent, Task.idPosition(id),
					task.reminders(), SubtaskCounts.NONE,
					Math.max(0, entry.version() - 1 - children.getOrDefault(entry.id(), 0)));
			this.tasks.restore(ownerId, written)
				.orElseThrow(() -> new IllegalStateException("A fresh task id was taken: " + id));
			if (!entry.completions().isEmpty()) {
				this.completions.insertImported(ownerId, id, entry.completions()
					.stream()
					.map((completion) -> new CompletionRepository.Completion(0,
							(completion.due() != null && completion.due().date() != null)
									? java.time.LocalDate.parse(completion.due().date()) : null,
							(completion.due() != null && completion.due().datetime() != null)
									? Instant.parse(completion.due().datetime()) : null,
							0, completion.completedAt()))
					.toList());
				completionCount += entry.completions().size();
			}
		}
		return new ImportResult(projectIds.size(), taskIds.size(), completionCount, spelled.size(), projectIds,
				taskIds);
	}

	/**
	 * A project name the owner does not use yet: the name itself, or it with " (2)", "
	 * (3)" and so on, within the 100 characters a name may have.
	 */
	private static String unused(String name, Set<String> names) {
		String candidate = name;
		for (int n = 2; !names.add(candidate.toLowerCase(java.util.Locale.ROOT)); n++) {
			String suffix = " (" + n + ")";
			candidate = name.substring(0, Math.min(name.length(), ProjectController.NAME_MAX - suffix.length()))
					+ suffix;
		}
		return candidate;
	}

}
