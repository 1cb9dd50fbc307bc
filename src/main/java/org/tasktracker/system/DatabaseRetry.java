package org.tasktracker.system;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Retries database work on transient connection failures, briefly and with backoff, so
 * that a database restart or fail-over costs clients nothing but a little latency. A
 * retry starts only within {@code tasktracker.database.retry-budget} of the first
 * attempt, which keeps every answer (success or 503) within a few seconds.
 */
@Component
public class DatabaseRetry {

	private static final Logger log = LoggerFactory.getLogger(DatabaseRetry.class);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

	private static final Duration MAX_BACKOFF = Duration.ofMillis(800);

	private final Duration budget;

	private final Counter retries;

	public DatabaseRetry(TaskTrackerProperties properties, MeterRegistry meters) {
		this.budget = properties.database().retryBudget();
		this.retries = Counter.builder("tasktracker.database.retries")
			.description("Database attempts repeated after a transient connection failure")
			.register(meters);
	}

	/**
	 * For reads and for writes whose repetition changes nothing more than the first run
	 * did: retried on any connection failure, even one that may have struck after the
	 * statement reached the database.
	 */
	public <T> T idempotent(Supplier<T> work) {
		return run(work, true);
	}

	/**
	 * For writes that must not run twice: retried only when no connection could be had,
	 * that is when the statement certainly never reached the database.
	 */
	public <T> T onceOnly(Supplier<T> work) {
		return run(work, false);
	}

	private <T> T run(Supplier<T> work, boolean idempotent) {
		long deadline = System.nanoTime() + this.budget.toNanos();
		Backoff backoff = new Backoff(FIRST_BACKOFF, MAX_BACKOFF);
		for (int attempt = 1;; attempt++) {
			try {
				return work.get();
			}
			catch (RuntimeException ex) {
				if (!isRetryable(ex, idempotent) || System.nanoTime() + backoff.next().toNanos() > deadline) {
					throw ex;
				}
				log.info("Database attempt {} failed ({}); retrying in {} ms", attempt, ex.getClass().getSimpleName(),
						backoff.next().toMillis());
				this.retries.increment();
				backoff.sleep(backoff.next());
			}
		}
	}

	static boolean isRetryable(RuntimeException ex, boolean idempotent) {
		if (ex instanceof CannotGetJdbcConnectionException || ex instanceof CannotCreateTransactionException) {
			return true;
		}
		return idempotent && (ex instanceof DataAccessResourceFailureException
				|| ex instanceof TransientDataAccessResourceException);
	}

}
