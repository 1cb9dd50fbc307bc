package org.tasktracker.database;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Runs the writes of one kind that arrive together as one statement. At most
 * {@value #MAX_STATEMENTS} of its statements are in the database at once; a write that
 * arrives while they all are waits, and when one of them ends, the write that has waited
 * longest takes every write queued behind it (up to {@value #MAX_BATCH}) into the next
 * statement. A write that finds a statement free goes to the database straight away, so a
 * quiet service runs each write alone, as it would without this.
 * <p>
 * Why: a statement costs PostgreSQL and the JVM about as much for one row as for a few;
 * {@code docs/performance.md} has the figures that keep this class.
 * <p>
 * Writes run together share one transaction: a failure of the statement (the database
 * away, say) fails each of them. When PostgreSQL refuses the statement and rolls it back
 * (data it cannot take, a deadlock), each write is run again alone, so that only the
 * write at fault fails.
 *
 * @param <T> what one write asks for
 * @param <R> what it answers
 */
public final class StatementBatcher<T, R> {

	static final int MAX_STATEMENTS = 2;

	static final int MAX_BATCH = 100;

	private final Function<T, R> alone;

	private final Function<List<T>, List<R>> together;

	private final ReentrantLock lock = new ReentrantLock();

	/** Writes not yet taken into a statement, longest waiting first. */
	private final ArrayDeque<Waiting<T, R>> queue = new ArrayDeque<>();

	private int statements;

	/**
	 * @param name what the writes are, for the gauge of those waiting
	 * @param alone runs one write
	 * @param together runs several in one statement, answering in their order
	 */
	public StatementBatcher(String name, Function<T, R> alone, Function<List<T>, List<R>> together,
			MeterRegistry meters) {
		this.alone = alone;
		this.together = together;
		Gauge.builder("tasktracker.database.gathered.waiting", this, StatementBatcher::queued)
			.description("Writes waiting for a statement to carry them")
			.tag("writes", name)
			.register(meters);
	}

	/**
	 * Runs a write, alone or with the writes waiting beside it.
	 * @throws RuntimeException whatever the statement that carried this write threw
	 */
	public R run(T request) {
		Waiting<T, R> self = new Waiting<>(request, this.lock.newCondition());
		List<Waiting<T, R>> batch;
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
			execute(batch);
		}
		finally {
			finish(batch);
		}
		return self.outcome();
	}

	/** How many writes wait for a statement. */
	int queued() {
		this.lock.lock();
		try {
			return this.queue.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Called holding the lock, by the write at the head of the queue. */
	private List<Waiting<T, R>> takeBatch() {
		List<Waiting<T, R>> batch = new ArrayList<>(Math.min(this.queue.size(), MAX_BATCH));
		while (batch.size() < MAX_BATCH && !this.queue.isEmpty()) {
			batch.add(this.queue.remove());
		}
		this.statements++;
		wakeNextIfFree();
		return batch;
	}

	private void finish(List<Waiting<T, R>> batch) {
		this.lock.lock();
		try {
			this.statements--;
			for (Waiting<T, R> waiting : batch) {
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
		Waiting<T, R> next = this.queue.peek();
		if (next != null && this.statements < MAX_STATEMENTS) {
			next.turn.signal();
		}
	}

	/** Outside the lock: sets every write's answer or failure. */
	private void execute(List<Waiting<T, R>> batch) {
		try {
			if (batch.size() == 1) {
				batch.get(0).answer = this.alone.apply(batch.get(0).request);
				return;
			}
			List<R> answers = this.together.apply(batch.stream().map((waiting) -> waiting.request).toList());
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).answer = answers.get(i);
			}
		}
		catch (DataIntegrityViolationException | PessimisticLockingFailureException ex) {
			if (batch.size() == 1) {
				batch.get(0).failure = ex;
				return;
			}
			for (Waiting<T, R> waiting : batch) {
				execute(List.of(waiting));
			}
		}
		catch (RuntimeException ex) {
			for (Waiting<T, R> waiting : batch) {
				waiting.failure = ex;
			}
		}
	}

	/**
	 * One write's place in the queue. Its fields are written by whichever thread runs its
	 * statement, and read after {@link #done} under the lock.
	 */
	private static final class Waiting<T, R> {

		final T request;

		final Condition turn;

		boolean done;

		@Nullable R answer;

		@Nullable RuntimeException failure;

		Waiting(T request, Condition turn) {
			this.request = request;
			this.turn = turn;
		}

		R outcome() {
			if (this.failure != null) {
				throw this.failure;
			}
			if (this.answer == null) {
				throw new IllegalStateException("The statement carrying this write ended without an answer");
			}
			return this.answer;
		}

	}

}
