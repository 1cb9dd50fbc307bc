package org.tasktracker.task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Writes the creates that arrive together in one statement. At most
 * {@value #MAX_STATEMENTS} create statements are in the database at once; a create that
 * arrives while they all are waits, and when one of them ends, the create that has waited
 * longest takes every create queued behind it (up to {@value #MAX_BATCH}) into the next
 * statement. A create that finds a statement free goes to the database straight away, so
 * a quiet service writes each create alone, as it would without this.
 * <p>
 * Why: a statement costs PostgreSQL and the JVM about as much for one row as for a few.
 * With 64 clients on 2 cores (two services side by side, alternating 4 s bursts),
 * creates/s went from 4180 written one by one to 8443 gathered with 10 statements at once
 * (JVM CPU per create 248 to 137 µs); 4 statements made 16% more than 10 (10789 to
 * 12514), and 2 made 19% more than 4 (9229 to 10960). Against creates one by one, 2
 * statements at once made 10819 creates/s instead of 4051 (JVM CPU per create 239 to 108
 * µs, p99 26-36 to 13 ms) and 22% more mixed requests/s.
 * <p>
 * Tasks written together share one transaction: they get the same {@code created_at}, and
 * a failure of the statement (the database away, say) fails each of their creates. When
 * PostgreSQL refuses the data itself, each is written again alone, so that only the
 * create at fault fails.
 */
@Component
class CreateBatcher {

	static final int MAX_STATEMENTS = 2;

	static final int MAX_BATCH = 100;

	private final TaskRepository tasks;

	private final ReentrantLock lock = new ReentrantLock();

	/** Creates not yet taken into a statement, longest waiting first. */
	private final ArrayDeque<Waiting> queue = new ArrayDeque<>();

	private int statements;

	CreateBatcher(TaskRepository tasks) {
		this.tasks = tasks;
	}

	/**
	 * Creates a task, alone or with the creates waiting beside it.
	 * @throws RuntimeException whatever the statement that carried this create threw
	 */
	Task create(NewTask task) {
		Waiting self = new Waiting(task, this.lock.newCondition());
		List<Waiting> batch;
		this.lock.lock();
		try {
			this.queue.add(self);
			while (!self.done && !(this.statements < MAX_STATEMENTS && this.queue.peek() == self)) {
				self.turn.awaitUninterruptibly();
			}
			if (self.done) {
				return self.outcome();
			}
			batch = takeBatch();
		}
		finally {
			this.lock.unlock();
		}
		try {
			write(batch);
		}
		finally {
			finish(batch);
		}
		return self.outcome();
	}

	/** How many creates wait for a statement. */
	int queued() {
		this.lock.lock();
		try {
			return this.queue.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Called holding the lock, by the create at the head of the queue. */
	private List<Waiting> takeBatch() {
		List<Waiting> batch = new ArrayList<>(Math.min(this.queue.size(), MAX_BATCH));
		while (batch.size() < MAX_BATCH && !this.queue.isEmpty()) {
			batch.add(this.queue.remove());
		}
		this.statements++;
		wakeNextIfFree();
		return batch;
	}

	private void finish(List<Waiting> batch) {
		this.lock.lock();
		try {
			this.statements--;
			for (Waiting waiting : batch) {
				waiting.done = true;
				waiting.turn.signal();
			}
			wakeNextIfFree();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void wakeNextIfFree() {
		Waiting next = this.queue.peek();
		if (next != null && this.statements < MAX_STATEMENTS) {
			next.turn.signal();
		}
	}

	/** Outside the lock: sets every create's task or failure. */
	private void write(List<Waiting> batch) {
		try {
			if (batch.size() == 1) {
				batch.get(0).created = this.tasks.create(batch.get(0).task);
				return;
			}
			List<Task> created = this.tasks.createAll(batch.stream().map((waiting) -> waiting.task).toList());
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).created = created.get(i);
			}
		}
		catch (DataIntegrityViolationException ex) {
			if (batch.size() == 1) {
				batch.get(0).failure = ex;
				return;
			}
			for (Waiting waiting : batch) {
				write(List.of(waiting));
			}
		}
		catch (RuntimeException ex) {
			for (Waiting waiting : batch) {
				waiting.failure = ex;
			}
		}
	}

	/**
	 * One create's place in the queue. Its fields are written by whichever thread writes
	 * its statement, and read after {@link #done} under the lock.
	 */
	private static final class Waiting {

		final NewTask task;

		final Condition turn;

		boolean done;

		@Nullable Task created;

		@Nullable RuntimeException failure;

		Waiting(NewTask task, Condition turn) {
			this.task = task;
			this.turn = turn;
		}

		Task outcome() {
			if (this.failure != null) {
				throw this.failure;
			}
			if (this.created == null) {
				throw new IllegalStateException("The statement carrying this create ended without an outcome");
			}
			return this.created;
		}

	}

}
