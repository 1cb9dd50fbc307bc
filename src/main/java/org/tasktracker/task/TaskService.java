package org.tasktracker.task;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.tasktracker.account.UserZones;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.database.StatementBatcher;
import org.tasktracker.idempotency.IdempotentCreations;
import org.tasktracker.web.EntityTags;
import org.tasktracker.web.InvalidRequestException;
import org.tasktracker.web.PreconditionFailedException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The task operations with their failure rules: reads and idempotent writes are retried
 * on transient connection failures; a plain create only when it certainly never reached
 * the database; a create with an {@code Idempotency-Key} claims the key and the task in
 * one transaction, so a retry of it (here or by the client) replays the first answer.
 */
@Service
class TaskService {

	private final TaskRepository tasks;

	/** Creates without an idempotency key, gathered into shared statements. */
	private final StatementBatcher<Owned<NewTask>, Task> creates;

	/**
	 * Completes by {@code POST /tasks/{id}/complete}, gathered into shared statements.
	 */
	private final StatementBatcher<Owned<Long>, Optional<Task>> completions;

	private final IdempotentCreations idempotentCreations;

	private final DatabaseRetry retry;

	private final TransactionOperations transactions;

	private final UserZones zones;

	private final TaskLifecycle lifecycle;

	private final TaskTreeRepository tree;

	private final CompletionRepository completionHistory;

	private final Counter created;

	private final Counter completed;

	private final SyncRepository keys;

	TaskService(TaskRepository tasks, IdempotentCreations idempotentCreations, DatabaseRetry retry,
			TransactionOperations transactions, MeterRegistry meters, UserZones zones, TaskLifecycle lifecycle,
			CompletionRepository completionHistory, TaskTreeRepository tree, SyncRepository keys) {
		this.keys = keys;
		this.tree = tree;
		this.lifecycle = lifecycle;
		this.completionHistory = completionHistory;
		this.tasks = tasks;
		this.creates = new StatementBatcher<>("task creations",
				(request) -> tasks.create(request.ownerId(), request.value()), tasks::createAll, meters);
		this.completions = new StatementBatcher<>("task completions",
				(request) -> tasks.complete(request.ownerId(), request.value()), tasks::completeAll, meters);
		this.idempotentCreations = idempotentCreations;
		this.retry = retry;
		this.transactions = transactions;
		this.zones = zones;
		this.created = Counter.builder("tasktracker.tasks.creations").description("Tasks created").register(meters);
		this.completed = Counter.builder("tasktracker.tasks.completions")
			.description("Successful complete requests (POST /tasks/{id}/complete and PATCH completed=true)")
			.register(meters);
	}

	/**
	 * Creates a task: gathered with others when it is plain, in a transaction of its own
	 * when its labels must be spelled and its project checked.
	 * @throws InvalidRequestException if the project is not one of the owner's
	 */
	Task create(long ownerId, NewTask task) {
		Task created = this.retry.onceOnly(() -> task.organised()
				? withProjectChecked(() -> this.transactions.execute((status) -> createSpelled(ownerId, task)))
				: this.creates.run(new Owned<>(ownerId, task)));
		this.created.increment();
		return created;
	}

	/**
	 * Creates a task with its labels spelled as the owner's, a subtask in its parent's
	 * project; run in a transaction.
	 */
	private Task createSpelled(long ownerId, NewTask task) {
		NewTask placed = (task.parentId() != null)
				? task.inProject(
						this.lifecycle.projectUnder(ownerId, task.parentId(), task.projectGiven(), task.projectId()))
				: task;
		return this.tasks.create(ownerId, placed.withLabels(this.tasks.spellLabels(ownerId, task.labels())));
	}

	/**
	 * Runs a write that names a project: a project that is not the owner's breaks the
	 * foreign key of the task's owner and project, and is answered as if it did not
	 * exist. The rules that a patch can break only together with the stored task (a
	 * recurrence or a reminder before the due on a task without one) are kept by
	 * constraints and answered the same way.
	 */
	private static <T> T withProjectChecked(java.util.function.Supplier<T> write) {
		try {
			return write.get();
		}
		catch (org.springframework.dao.DataIntegrityViolationException ex) {
			String message = String.valueOf(ex.getMessage());
			if (message.contains("tasks_project_fk")) {
				throw new InvalidRequestException("project_id", "is not one of your projects");
			}
			if (message.contains("tasks_parent_fk")) {
				// A restored subtask whose parent is gone, or a parent deleted meanwhile.
				throw new InvalidRequestException("parent_id", "is not one of your tasks");
			}
			if (message.contains("tasks_recurrence_whole")) {
				// A patch of recurrence.from alone, on a task that does not recur.
				throw new InvalidRequestException("recurrence.rule", "is required");
			}
			if (message.contains("tasks_recurrence_needs_due")) {
				throw new InvalidRequestException("recurrence", "needs a due");
			}
			if (message.contains("tasks_reminders_before_need_due")) {
				throw new InvalidRequestException("reminders", "a reminder before the due needs a due");
			}
			throw ex;
		}
	}

	/**
	 * Creates a task once per key: a repeat with the same request gets the first answer
	 * back, a repeat with another request is refused.
	 * @throws InvalidRequestException if the key is malformed or was used with a
	 * different request
	 */
	IdempotentCreations.Outcome<Task> create(long ownerId, NewTask task, String idempotencyKey) {
		IdempotentCreations.Outcome<Task> outcome = this.retry.idempotent(() -> this.idempotentCreations.create(ownerId,
				idempotencyKey, task, Task.class, () -> withProjectChecked(() -> createSpelled(ownerId, task))));
		if (!outcome.replayed()) {
			this.created.increment();
		}
		return outcome;
	}

	/** The cursor of the page that starts after {@code end} in a listing. */
	String cursor(long ownerId, TaskListQuery query, PageCursor end) {
		return end.encode(ownerId, query, this.retry.idempotent(this.keys::tokenKey));
	}

	/**
	 * Reads one page into {@code sink}, retried like any read: a retry begins the page
	 * again.
	 */
	void list(long ownerId, TaskListQuery requested, TaskPageSink sink) {
		String cursor = requested.filters().cursor();
		TaskListQuery query = (cursor != null)
				? requested
					.at(PageCursor.decode(cursor, ownerId, requested, this.retry.idempotent(this.keys::tokenKey)))
				: requested;
		TaskRepository.DueBounds bounds = query.filters().judgedInZone()
				? TaskRepository.DueBounds.of(query.filters(), this.zones.zoneOf(ownerId), java.time.Instant.now())
				: null;
		this.retry.idempotent(() -> {
			if (TaskRepository.pageNeedsTransaction(query)) {
				this.transactions.executeWithoutResult((status) -> this.tasks.streamPage(ownerId, query, bounds, sink));
			}
			else {
				this.tasks.streamPage(ownerId, query, bounds, sink);
			}
			return null;
		});
	}

	Optional<Task> findById(long ownerId, long id) {
		return this.retry.idempotent(() -> this.tasks.findById(ownerId, id));
	}

	/**
	 * Completes a task: a plain one (no recurrence, no subtasks) in a gathered statement,
	 * any other in a transaction of its own.
	 */
	Optional<Task> complete(long ownerId, long id) {
		return complete(ownerId, id, null);
	}

	/**
	 * Completes a task as {@link #complete(long, long)} does, or under the client's
	 * {@code If-Match} in a transaction of its own.
	 * @throws PreconditionFailedException if the task is at another version
	 */
	Optional<Task> complete(long ownerId, long id, @Nullable EntityTags ifMatch) {
		if (ifMatch != null) {
			Optional<Task> task = ifMatching(ownerId, id, ifMatch, () -> completeInTransaction(ownerId, id));
			task.ifPresent((completedTask) -> this.completed.increment());
			return task;
		}
		// The gathered statement has just found no plain task: the rest is the
		// lifecycle's.
		Optional<Task> task = this.retry.idempotent(() -> this.completions.run(new Owned<>(ownerId, id)))
			.or(() -> this.retry
				.onceOnly(() -> this.transactions.execute((status) -> this.lifecycle.complete(ownerId, id))));
		task.ifPresent((completedTask) -> this.completed.increment());
		return task;
	}

	/**
	 * Completes a task once per key: a repeat gets the first answer back, so a retried
	 * completion of a recurring task never skips an occurrence.
	 */
	IdempotentCreations.Outcome<Task> complete(long ownerId, long id, String idempotencyKey,
			@Nullable EntityTags ifMatch) {
		IdempotentCreations.Outcome<Task> outcome = this.retry.idempotent(() -> this.idempotentCreations.create(ownerId,
				idempotencyKey, new CompletionRequest(id), Task.class, () -> {
					if (ifMatch != null && !matchesVersion(ownerId, id, ifMatch)) {
						throw new TaskNotFoundException(id);
					}
					return completeInTransaction(ownerId, id).orElseThrow(() -> new TaskNotFoundException(id));
				}));
		if (!outcome.replayed()) {
			this.completed.increment();
		}
		return outcome;
	}

	/** What identifies a completion under an {@code Idempotency-Key}. */
	record CompletionRequest(long complete) {
	}

	private Optional<Task> completeInTransaction(long ownerId, long id) {
		return this.tasks.complete(ownerId, id).or(() -> this.lifecycle.complete(ownerId, id));
	}

	Optional<Task> reopen(long ownerId, long id) {
		return reopen(ownerId, id, null);
	}

	Optional<Task> reopen(long ownerId, long id, @Nullable EntityTags ifMatch) {
		if (ifMatch != null) {
			return ifMatching(ownerId, id, ifMatch, () -> this.lifecycle.reopen(ownerId, id));
		}
		return this.retry.onceOnly(() -> this.transactions.execute((status) -> this.lifecycle.reopen(ownerId, id)));
	}

	Optional<Task> update(long ownerId, long id, TaskPatch patch) {
		return update(ownerId, id, patch, null);
	}

	Optional<Task> update(long ownerId, long id, TaskPatch patch, @Nullable EntityTags ifMatch) {
		Optional<Task> task;
		if (ifMatch != null) {
			task = ifMatching(ownerId, id, ifMatch, () -> updateInTransaction(ownerId, id, patch));
		}
		else if (!patch.needsTransaction()) {
			return this.retry.idempotent(() -> withProjectChecked(() -> this.tasks.update(ownerId, id, patch)));
		}
		else {
			task = this.retry.onceOnly(() -> withProjectChecked(() -> this.transactions.execute((status) -> {
				Optional<Task> patched = updateInTransaction(ownerId, id, patch);
				if (patched.isEmpty()) {
					// No such task: the labels spelled for it go too.
					status.setRollbackOnly();
				}
				return patched;
			})));
		}
		if (task.isPresent() && Boolean.TRUE.equals(patch.completed())) {
			this.completed.increment();
		}
		return task;
	}

	private Optional<Task> updateInTransaction(long ownerId, long id, TaskPatch patch) {
		if ((patch.setsParent() || patch.setsProject()) && !this.lifecycle.place(ownerId, id, patch.setsProject(),
				patch.projectId(), patch.setsParent(), patch.parentId(), false, null, false)) {
			return Optional.empty();
		}
		TaskPatch fields = patch.withoutTree().withoutCompleted();
		Optional<Task> patched = this.tasks.update(ownerId, id, (fields.labels() != null)
				? fields.withLabels(this.tasks.spellLabels(ownerId, fields.labels())) : fields);
		if (patched.isEmpty()) {
			return patched;
		}
		if (Boolean.TRUE.equals(patch.completed())) {
			return completeInTransaction(ownerId, id);
		}
		if (Boolean.FALSE.equals(patch.completed()) && patched.get().completed()) {
			return this.tasks.reopen(ownerId, id);
		}
		return patched;
	}

	/**
	 * Runs a change of one task under the client's {@code If-Match}, in one transaction:
	 * the task's row is locked and its version compared before the change, so that no
	 * other change can come between the two.
	 * @return empty when the owner has no such task
	 * @throws PreconditionFailedException with the current version if it does not match
	 */
	private <T> Optional<T> ifMatching(long ownerId, long id, EntityTags ifMatch,
			java.util.function.Supplier<Optional<T>> change) {
		return this.retry.onceOnly(() -> withProjectChecked(() -> this.transactions
			.execute((status) -> matchesVersion(ownerId, id, ifMatch) ? change.get() : Optional.<T>empty())));
	}

	/**
	 * In a transaction: locks the task and compares its version with the client's
	 * {@code If-Match}.
	 * @return false when the owner has no such task
	 * @throws PreconditionFailedException with the current version if it does not match
	 */
	private boolean matchesVersion(long ownerId, long id, EntityTags ifMatch) {
		return ifMatch.admit(this.tasks.lockVersion(ownerId, id).orElse(null), "Task " + id);
	}

	/**
	 * Moves a task (with its subtree) right after a sibling, first, or last, in its own
	 * or another project and parent.
	 * @throws InvalidRequestException naming the field at fault; nothing changes
	 */
	Optional<Task> move(long ownerId, long id, TaskMove move) {
		return move(ownerId, id, move, null);
	}

	Optional<Task> move(long ownerId, long id, TaskMove move, @Nullable EntityTags ifMatch) {
		if (ifMatch != null) {
			return ifMatching(ownerId, id, ifMatch, () -> moveInTransaction(ownerId, id, move));
		}
		return this.retry.onceOnly(() -> withProjectChecked(
				() -> this.transactions.execute((status) -> moveInTransaction(ownerId, id, move))));
	}

	private Optional<Task> moveInTransaction(long ownerId, long id, TaskMove move) {
		if (!this.lifecycle.place(ownerId, id, move.setsProject(), move.projectId(), move.setsParent(), move.parentId(),
				move.setsAfter(), move.after(), true)) {
			return Optional.empty();
		}
		return this.tasks.findById(ownerId, id);
	}

	/**
	 * Puts a task back in the project, under the parent and at the position key it had,
	 * undoing a move or a change of project made in the web UI.
	 * @throws InvalidRequestException if that project or parent is gone; nothing changes
	 */
	Optional<Task> putBack(long ownerId, long id, @Nullable Long projectId, @Nullable Long parentId, String position) {
		return this.retry.onceOnly(() -> withProjectChecked(() -> this.transactions.execute((status) -> {
			if (!this.lifecycle.putBack(ownerId, id, projectId, parentId, position)) {
				return Optional.<Task>empty();
			}
			return this.tasks.findById(ownerId, id);
		})));
	}

	/**
	 * A page of a recurring task's completions, newest first.
	 * @return empty when the owner has no such task
	 */
	Optional<List<CompletionRepository.Completion>> completions(long ownerId, long id, @Nullable Long before,
			int limit) {
		return this.retry.idempotent(() -> this.tasks.findById(ownerId, id)
			.map((task) -> this.completionHistory.page(ownerId, id, before, limit)));
	}

	/**
	 * Deletes a task with its subtasks and answers them as they were, the task first and
	 * each parent before its children, so that the deletion can be undone with
	 * {@link #restoreDeleted}. Retried as {@link #delete} is.
	 * @return empty when the owner has no such task
	 */
	Optional<List<Task>> deleteForUndo(long ownerId, long id) {
		return this.retry.onceOnly(() -> this.transactions.execute((status) -> {
			List<Task> tree = this.tree.subtree(ownerId, id);
			if (tree.isEmpty() || !this.tasks.delete(ownerId, id)) {
				return Optional.<List<Task>>empty();
			}
			return Optional.of(tree);
		}));
	}

	/**
	 * Undoes a deletion: the tasks come back as {@link #deleteForUndo} answered them,
	 * with their ids, timestamps and fields, their labels spelled as the owner's are now,
	 * in one transaction. The caller must hold the tasks from the owner's own deletion;
	 * an id some task holds is left alone, with the subtasks below it.
	 * @return the first task, or empty when its id is taken (it was restored already)
	 * @throws InvalidRequestException if its project or its parent is gone
	 */
	Optional<Task> restoreDeleted(long ownerId, List<Task> deleted) {
		return this.retry.onceOnly(() -> withProjectChecked(() -> this.transactions.execute((status) -> {
			Optional<Task> root = restoreSpelled(ownerId, deleted.get(0));
			java.util.Set<Long> restored = new java.util.HashSet<>();
			root.ifPresent((task) -> restored.add(task.id()));
			// Parents come first, so a subtask is written once its parent is back.
			for (Task task : deleted.subList(1, deleted.size())) {
				if (restored.contains(task.parentId())) {
					restoreSpelled(ownerId, task).ifPresent((back) -> restored.add(back.id()));
				}
			}
			return root;
		})));
	}

	/** Writes a deleted task back, its labels spelled as the owner's are now. */
	private Optional<Task> restoreSpelled(long ownerId, Task deleted) {
		return this.tasks.restore(ownerId, deleted.withLabels(this.tasks.spellLabels(ownerId, deleted.labels())));
	}

	/**
	 * Deleting is retried only when the statement never reached the database: after an
	 * ambiguous failure a repeat could find the task already gone and wrongly answer 404.
	 */
	boolean delete(long ownerId, long id) {
		return delete(ownerId, id, null);
	}

	boolean delete(long ownerId, long id, @Nullable EntityTags ifMatch) {
		if (ifMatch != null) {
			return ifMatching(ownerId, id, ifMatch,
					() -> Optional.of(this.tasks.delete(ownerId, id)).filter((gone) -> gone))
				.isPresent();
		}
		return this.retry.onceOnly(() -> this.tasks.delete(ownerId, id));
	}

}
