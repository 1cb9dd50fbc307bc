package org.tasktracker.task;

import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.database.StatementBatcher;
import org.tasktracker.idempotency.IdempotentCreations;
import org.tasktracker.web.InvalidRequestException;

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
	private final StatementBatcher<NewTask, Task> creates;

	/**
	 * Completes by {@code POST /tasks/{id}/complete}, gathered into shared statements.
	 */
	private final StatementBatcher<Long, Optional<Task>> completions;

	private final IdempotentCreations idempotentCreations;

	private final DatabaseRetry retry;

	private final TransactionOperations transactions;

	private final Counter created;

	private final Counter completed;

	TaskService(TaskRepository tasks, IdempotentCreations idempotentCreations, DatabaseRetry retry,
			TransactionOperations transactions, MeterRegistry meters) {
		this.tasks = tasks;
		this.creates = new StatementBatcher<>("task creations", tasks::create, tasks::createAll, meters);
		this.completions = new StatementBatcher<>("task completions", tasks::complete, tasks::completeAll, meters);
		this.idempotentCreations = idempotentCreations;
		this.retry = retry;
		this.transactions = transactions;
		this.created = Counter.builder("tasktracker.tasks.creations").description("Tasks created").register(meters);
		this.completed = Counter.builder("tasktracker.tasks.completions")
			.description("Successful complete requests (POST /tasks/{id}/complete and PATCH completed=true)")
			.register(meters);
	}

	Task create(NewTask task) {
		Task created = this.retry.onceOnly(() -> this.creates.run(task));
		this.created.increment();
		return created;
	}

	/**
	 * Creates a task once per key: a repeat with the same request gets the first answer
	 * back, a repeat with another request is refused.
	 * @throws InvalidRequestException if the key is malformed or was used with a
	 * different request
	 */
	IdempotentCreations.Outcome<Task> create(NewTask task, String idempotencyKey) {
		IdempotentCreations.Outcome<Task> outcome = this.retry.idempotent(
				() -> this.idempotentCreations.create(idempotencyKey, task, Task.class, () -> this.tasks.create(task)));
		if (!outcome.replayed()) {
			this.created.increment();
		}
		return outcome;
	}

	/**
	 * Reads one page into {@code sink}, retried like any read: a retry begins the page
	 * again.
	 */
	void list(TaskListQuery query, TaskPageSink sink) {
		this.retry.idempotent(() -> {
			if (TaskRepository.pageNeedsTransaction(query)) {
				this.transactions.executeWithoutResult((status) -> this.tasks.streamPage(query, sink));
			}
			else {
				this.tasks.streamPage(query, sink);
			}
			return null;
		});
	}

	Optional<Task> findById(long id) {
		return this.retry.idempotent(() -> this.tasks.findById(id));
	}

	Optional<Task> complete(long id) {
		Optional<Task> task = this.retry.idempotent(() -> this.completions.run(id));
		task.ifPresent((completedTask) -> this.completed.increment());
		return task;
	}

	Optional<Task> reopen(long id) {
		return this.retry.idempotent(() -> this.tasks.reopen(id));
	}

	Optional<Task> update(long id, TaskPatch patch) {
		Optional<Task> task = this.retry.idempotent(() -> this.tasks.update(id, patch));
		if (task.isPresent() && Boolean.TRUE.equals(patch.completed())) {
			this.completed.increment();
		}
		return task;
	}

	/**
	 * Deleting is retried only when the statement never reached the database: after an
	 * ambiguous failure a repeat could find the task already gone and wrongly answer 404.
	 */
	boolean delete(long id) {
		return this.retry.onceOnly(() -> this.tasks.delete(id));
	}

}
