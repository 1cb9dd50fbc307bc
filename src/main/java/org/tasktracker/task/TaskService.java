package org.tasktracker.task;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.tasktracker.system.DatabaseRetry;
import org.tasktracker.system.InvalidRequestException;
import org.tasktracker.system.ResponseInterruptedException;
import org.tasktracker.system.TaskTrackerProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;

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

	private final IdempotencyKeyRepository keys;

	private final DatabaseRetry retry;

	private final PlatformTransactionManager transactions;

	private final JsonMapper json;

	private final Duration keyRetention;

	private final Counter created;

	private final Counter completed;

	TaskService(TaskRepository tasks, IdempotencyKeyRepository keys, DatabaseRetry retry,
			PlatformTransactionManager transactions, JsonMapper json, TaskTrackerProperties properties,
			MeterRegistry meters) {
		this.tasks = tasks;
		this.creates = new StatementBatcher<>(tasks::create, tasks::createAll);
		this.completions = new StatementBatcher<>(tasks::complete, tasks::completeAll);
		this.keys = keys;
		this.retry = retry;
		this.transactions = transactions;
		this.json = json;
		this.keyRetention = properties.idempotency().retention();
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
	 * @throws InvalidRequestException if the key was used with a different request
	 */
	Creation create(NewTask task, String idempotencyKey) {
		String requestHash = hash(task);
		return this.retry.idempotent(() -> inTransaction(() -> {
			Optional<Task> created = this.tasks.createClaimingKey(task, idempotencyKey, requestHash, this.keyRetention);
			if (created.isPresent()) {
				this.keys.recordResponse(idempotencyKey, created.get().id(),
						this.json.writeValueAsString(created.get()));
				return new Creation(created.get(), false);
			}
			IdempotencyKeyRepository.StoredResponse stored = this.keys.find(idempotencyKey)
				.orElseThrow(() -> new IllegalStateException("Idempotency key claimed but not stored"));
			if (!stored.requestHash().equals(requestHash)) {
				throw new InvalidRequestException("Idempotency-Key", "was already used with a different request body");
			}
			return new Creation(this.json.readValue(stored.response(), Task.class), true);
		}));
	}

	/**
	 * Streams one page into {@code sink}. Retried like any read until the sink has begun;
	 * from then on the page is on its way to the client and a failure cannot be undone.
	 * @throws ResponseInterruptedException if the page failed after the sink had begun
	 */
	void list(TaskListQuery query, TaskPageSink sink) {
		BegunSink tracked = new BegunSink(sink);
		this.retry.idempotent(() -> {
			try {
				Supplier<@Nullable Void> page = () -> {
					this.tasks.streamPage(query, tracked);
					return null;
				};
				return TaskRepository.pageNeedsTransaction(query) ? inTransaction(page) : page.get();
			}
			catch (RuntimeException ex) {
				if (tracked.begun) {
					throw new ResponseInterruptedException(
							"Listing failed after " + tracked.added + " tasks had been passed on", ex);
				}
				throw ex;
			}
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

	/**
	 * Runs {@code work} in a transaction. When the connection breaks, the rollback fails
	 * too; the failure that caused it is still the one thrown (the rollback's is attached
	 * as suppressed), so that retries and the 503 answer see a connection failure. Unlike
	 * TransactionTemplate, this logs nothing: the caller decides what a failure is worth
	 * logging, once.
	 */
	private <T> T inTransaction(Supplier<T> work) {
		TransactionStatus status = this.transactions.getTransaction(TransactionDefinition.withDefaults());
		T result;
		try {
			result = work.get();
		}
		catch (RuntimeException | Error ex) {
			try {
				this.transactions.rollback(status);
			}
			catch (TransactionException rollbackFailure) {
				ex.addSuppressed(rollbackFailure);
			}
			throw ex;
		}
		this.transactions.commit(status);
		return result;
	}

	private static String hash(NewTask task) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(task.title().getBytes(StandardCharsets.UTF_8));
			@Nullable String description = task.description();
			digest.update((byte) 0);
			digest.update((description != null) ? ("+" + description).getBytes(StandardCharsets.UTF_8) : new byte[0]);
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/** A sink that remembers whether anything reached it. */
	private static final class BegunSink implements TaskPageSink {

		private final TaskPageSink sink;

		private boolean begun;

		private int added;

		BegunSink(TaskPageSink sink) {
			this.sink = sink;
		}

		@Override
		public void begin(@Nullable Long nextAfter) {
			this.begun = true;
			this.sink.begin(nextAfter);
		}

		@Override
		public void add(Task task) {
			this.sink.add(task);
			this.added++;
		}

		@Override
		public void end() {
			this.sink.end();
		}

	}

	/**
	 * @param task the task as first created
	 * @param replayed whether this answers a repeat of an earlier request
	 */
	record Creation(Task task, boolean replayed) {
	}

}
