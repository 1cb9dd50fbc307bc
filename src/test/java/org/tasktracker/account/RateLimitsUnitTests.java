package org.tasktracker.account;

import org.junit.jupiter.api.Test;

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

}
