package org.tasktracker.database;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which failures are retried, and for how long.
 */
class DatabaseRetryTests {

	private final DatabaseRetry retry = new DatabaseRetry(properties(Duration.ofMillis(2500)),
			new SimpleMeterRegistry());

	@Test
	void retriesIdempotentWorkOnAnyConnectionFailure() {
		AtomicInteger attempts = new AtomicInteger();
		String result = this.retry.idempotent(failingTimes(2, attempts,
				() -> new DataAccessResourceFailureException("I/O error while sending to the backend")));
		assertThat(result).isEqualTo("done");
		assertThat(attempts).hasValue(3);
	}

	@Test
	void retriesOnceOnlyWorkWhenNoConnectionCouldBeHad() {
		AtomicInteger attempts = new AtomicInteger();
		assertThat(this.retry.onceOnly(failingTimes(1, attempts, () -> new CannotGetJdbcConnectionException("pool"))))
			.isEqualTo("done");
		assertThat(this.retry.onceOnly(failingTimes(1, new AtomicInteger(),
				() -> new CannotCreateTransactionException("Could not open JDBC Connection for transaction"))))
			.isEqualTo("done");
		assertThat(attempts).hasValue(2);
	}

	@Test
	void neverRepeatsOnceOnlyWorkThatMayHaveReachedTheDatabase() {
		AtomicInteger attempts = new AtomicInteger();
		assertThatExceptionOfType(DataAccessResourceFailureException.class).isThrownBy(() -> this.retry
			.onceOnly(failingTimes(1, attempts, () -> new DataAccessResourceFailureException("connection reset"))));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void neverRetriesFailuresThatARetryCannotMend() {
		AtomicInteger attempts = new AtomicInteger();
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.retry
			.idempotent(failingTimes(1, attempts, () -> new DataIntegrityViolationException("check constraint"))));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void givesUpWhenTheBudgetIsSpent() {
		DatabaseRetry shortRetry = new DatabaseRetry(properties(Duration.ofMillis(300)), new SimpleMeterRegistry());
		AtomicInteger attempts = new AtomicInteger();
		long started = System.nanoTime();
		assertThatExceptionOfType(CannotGetJdbcConnectionException.class).isThrownBy(() -> shortRetry
			.idempotent(failingTimes(Integer.MAX_VALUE, attempts, () -> new CannotGetJdbcConnectionException("down"))));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		assertThat(attempts.get()).isBetween(2, 5);
	}

	private static DatabaseProperties properties(Duration retryBudget) {
		return new DatabaseProperties(Duration.ofSeconds(60), retryBudget, Duration.ofSeconds(3));
	}

	private static Supplier<String> failingTimes(int failures, AtomicInteger attempts,
			Supplier<RuntimeException> failure) {
		return () -> {
			if (attempts.incrementAndGet() <= failures) {
				throw failure.get();
			}
			return "done";
		};
	}

}
