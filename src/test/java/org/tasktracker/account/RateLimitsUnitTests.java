package org.tasktracker.account;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The token buckets of the per-user limit, and the window of failed password checks. */
class RateLimitsUnitTests {

	@Test
	void allowsABurstThenRefusesWithTheWaitForTheNextRequest() {
		RateLimits limits = new RateLimits(
				new AccountProperties(AuthMode.LOCAL, AccountProperties.Registration.CLOSED, null, null, 1, 3, 10));

		for (int remaining = 2; remaining >= 0; remaining--) {
			RateLimits.Decision decision = limits.take(7);
			assertThat(decision.allowed()).isTrue();
			assertThat(decision.remaining()).isEqualTo(remaining);
		}
		RateLimits.Decision refused = limits.take(7);

		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfterSeconds()).isEqualTo(1);
		assertThat(refused.resetSeconds()).isBetween(1L, 3L);
		assertThat(limits.take(8).allowed()).as("another user's bucket").isTrue();
	}

	@Test
	void aZeroRateLiftsTheLimit() {
		assertThat(new RateLimits(
				new AccountProperties(AuthMode.LOCAL, AccountProperties.Registration.CLOSED, null, null, 0, 200, 10))
			.enabled()).isFalse();
	}

	@Test
	void tenFailedPasswordChecksBlockTheAddressButNotTheUserElsewhere() {
		PasswordAttempts attempts = new PasswordAttempts(
				new SharedLimits(JdbcClient.create(new DriverManagerDataSource()), false));
		for (int i = 0; i < PasswordAttempts.LIMIT; i++) {
			attempts.checkAllowed("10.0.0.1");
			attempts.failed("10.0.0.1");
		}

		assertThatExceptionOfType(TooManyAttemptsException.class).isThrownBy(() -> attempts.checkAllowed("10.0.0.1"))
			.satisfies((ex) -> assertThat(ex.retryAfterSeconds()).isBetween(1L, 61L));
		assertThatExceptionOfType(TooManyAttemptsException.class).isThrownBy(() -> attempts.checkAllowed("10.0.0.1"));
		attempts.checkAllowed("10.0.0.2");
	}

	@Test
	void withPeersAnInstanceSpendsItsShareOfWhatTheSharedBucketHolds() {
		AtomicLong clock = new AtomicLong();
		FakeShared shared = new FakeShared(2);
		RateLimits limits = new RateLimits(properties(1, 10), shared, clock::get);
		assertThat(limits.take(7).allowed()).isTrue();

		shared.aheadSeconds = 0;
		limits.reconcile();

		assertThat(shared.sent).containsExactly(1);
		assertThat(allowedOf(limits, 20)).as("half of a full bucket of 10").isEqualTo(5);
		shared.aheadSeconds = 10;
		limits.reconcile();
		assertThat(shared.sent).containsExactly(1, 5);
		assertThat(allowedOf(limits, 5)).as("the bucket spent everywhere").isZero();
		clock.addAndGet(2_000_000_000L);
		assertThat(allowedOf(limits, 5)).as("two seconds of half the rate").isEqualTo(1);
	}

	@Test
	void aCallerThatReadTheClockBeforeAReconciliationGainsNothingAndLosesNothing() {
		AtomicLong clock = new AtomicLong();
		FakeShared shared = new FakeShared(1);
		RateLimits limits = new RateLimits(properties(1, 3), shared, clock::get);
		assertThat(allowedOf(limits, 3)).isEqualTo(3);

		clock.set(1_000_000_000L);
		shared.aheadSeconds = 2;
		limits.reconcile();
		clock.set(500_000_000L);

		assertThat(allowedOf(limits, 3)).as("the one request the shared bucket holds").isEqualTo(1);
	}

	@Test
	void requestsNotSentBecauseTheDatabaseFailedAreSentNextTime() {
		FakeShared shared = new FakeShared(1);
		RateLimits limits = new RateLimits(properties(1, 10), shared, () -> 0L);
		assertThat(allowedOf(limits, 4)).isEqualTo(4);

		shared.failing = true;
		limits.reconcile();
		assertThat(allowedOf(limits, 2)).isEqualTo(2);
		shared.failing = false;
		limits.reconcile();

		assertThat(shared.sent).containsExactly(6);
	}

	private static int allowedOf(RateLimits limits, int requests) {
		int allowed = 0;
		for (int i = 0; i < requests; i++) {
			allowed += limits.take(7).allowed() ? 1 : 0;
		}
		return allowed;
	}

	private static AccountProperties properties(int rate, int burst) {
		return new AccountProperties(AuthMode.REQUIRED, AccountProperties.Registration.CLOSED, null, null, rate, burst,
				10);
	}

	/** The database's side as another instance would leave it: a bucket so far ahead. */
	private static final class FakeShared extends SharedLimits {

		private final int instances;

		private final List<Integer> sent = new ArrayList<>();

		private double aheadSeconds;

		private boolean failing;

		FakeShared(int instances) {
			super(JdbcClient.create(new DriverManagerDataSource()), true);
			this.instances = instances;
		}

		@Override
		Reconciled reconcile(UUID instance, long[] owners, int[] used, double perSecond) {
			if (this.failing) {
				throw new DataAccessResourceFailureException("the database is away");
			}
			Map<Long, Double> ahead = new HashMap<>();
			for (int i = 0; i < owners.length; i++) {
				this.sent.add(used[i]);
				ahead.put(owners[i], this.aheadSeconds);
			}
			return new Reconciled(ahead, this.instances);
		}

	}

}
