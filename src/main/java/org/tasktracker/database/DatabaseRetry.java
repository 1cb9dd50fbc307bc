package org.tasktracker.database;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Retries database work on transient connection failures, briefly and with backoff, so
 * that a database restart or fail-over costs clients nothing but a little latency; and
 * work that lost a deadlock, which never happened. A retry starts only within
 * {@code tasktracker.database.retry-budget} of the first attempt, which keeps every
 * answer (success or 503) within a few seconds. Both kinds of retry are Spring's
 * {@link RetryTemplate}; this class only says which failures each may repeat.
 */
@Component
public class DatabaseRetry {

	private static final Logger log = LoggerFactory.getLogger(DatabaseRetry.class);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

	private static final Duration MAX_BACKOFF = Duration.ofMillis(800);

	private final RetryTemplate idempotent;

	private final RetryTemplate onceOnly;

	public DatabaseRetry(DatabaseProperties properties, MeterRegistry meters) {
		RetryListener listener = new LoggingListener(Counter.builder("tasktracker.database.retries")
			.description("Database attempts repeated after a transient connection failure")
			.register(meters));
		this.idempotent = template(properties.retryBudget(), (ex) -> isRetryable(ex, true), listener);
		this.onceOnly = template(properties.retryBudget(), (ex) -> isRetryable(ex, false), listener);
	}

	/**
	 * For reads and for writes whose repetition changes nothing more than the first run
	 * did: retried on any connection failure, even one that may have struck after the
	 * statement reached the database.
	 */
	public <T> T idempotent(Supplier<T> work) {
		return this.idempotent.invoke(work);
	}

	/**
	 * For writes that must not run twice: retried only when no connection could be had,
	 * that is when the statement certainly never reached the database.
	 */
	public <T> T onceOnly(Supplier<T> work) {
		return this.onceOnly.invoke(work);
	}

	static boolean isRetryable(Throwable ex, boolean idempotent) {
		if (ex instanceof CannotGetJdbcConnectionException || ex instanceof CannotCreateTransactionException) {
			return true;
		}
		if (ex instanceof PessimisticLockingFailureException) {
			// A deadlock's victim (or a lock not had in time): PostgreSQL rolled its
			// transaction back whole, or the one statement outside any, so none of it
			// happened. Writes that lock a task tree's rows in different orders (a
			// subtask's change locks it and then its parent, a parent's completion the
			// parent and then its subtasks) meet so under concurrent use.
			return true;
		}
		return idempotent && (ex instanceof DataAccessResourceFailureException
				|| ex instanceof TransientDataAccessResourceException);
	}

	private static RetryTemplate template(Duration budget, Predicate<Throwable> retryable, RetryListener listener) {
		RetryTemplate template = new RetryTemplate(
				doublingUntil(budget, FIRST_BACKOFF, MAX_BACKOFF).predicate(retryable).build());
		template.setRetryListener(listener);
		return template;
	}

	/**
	 * Waits that double from {@code first} up to {@code max} between attempts, for as
	 * many attempts as start within {@code budget} of the first: the time, not a count,
	 * ends them.
	 */
	static RetryPolicy.Builder doublingUntil(Duration budget, Duration first, Duration max) {
		return RetryPolicy.builder()
			.delay(first)
			.multiplier(2)
			.maxDelay(max)
			.maxRetries(Integer.MAX_VALUE)
			.timeout(budget);
	}

	/** One line in the log and one count per repeated attempt. */
	private record LoggingListener(Counter retries) implements RetryListener {

		@Override
		public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
			this.retries.increment();
			log.info("Database attempt {} failed ({}); retrying", state.getRetryCount(),
					state.getLastException().getClass().getSimpleName());
		}

	}

}
