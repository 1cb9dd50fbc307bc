package org.tasktracker.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.tasktracker.database.DatabaseProperties;
import org.tasktracker.database.DatabaseRetry;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

/**
 * Token checks with the store mocked: how often the database is asked, and that a
 * revocation here is honoured at once.
 */
class TokenServiceUnitTests {

	private static final String TOKEN = "tt_0123456789abcdefghijABCDEFGHIJ0123456789";

	private static final Account ADA = new Account(7, "ada", false);

	private static final String ADDRESS = "192.0.2.1";

	private final TokenRepository repository = mock(TokenRepository.class);

	private final TokenService tokens = new TokenService(this.repository,
			new DatabaseRetry(
					new DatabaseProperties(Duration.ofSeconds(60), Duration.ofMillis(2500), Duration.ofSeconds(3)),
					new SimpleMeterRegistry()),
			TransactionOperations.withoutTransaction(), mock(AccountChanges.class),
			new SharedLimits(JdbcClient.create(new DriverManagerDataSource()), false));

	@Test
	void asksTheDatabaseOnceForManyChecksOfOneToken() {
		given(this.repository.findLive(any())).willReturn(Optional.of(grant(Instant.now().plusSeconds(3600))));

		for (int i = 0; i < 1000; i++) {
			assertThat(this.tokens.check(TOKEN, ADDRESS)).isPresent();
		}

		then(this.repository).should(times(1)).findLive(any());
	}

	@Test
	void neverAsksTheDatabaseAboutAMalformedToken() {
		for (String malformed : List.of("", "tt_", "tt_short", "xx_0123456789abcdefghijABCDEFGHIJ0123456789",
				"tt_0123456789abcdefghijABCDEFGHIJ012345678!", "tt_" + "a".repeat(201))) {
			assertThat(this.tokens.check(malformed, ADDRESS)).as(malformed).isEmpty();
		}
		then(this.repository).should(never()).findLive(any());
	}

	@Test
	void forgetsARevokedTokenAtOnce() {
		given(this.repository.findLive(any())).willReturn(Optional.of(grant(Instant.now().plusSeconds(3600))),
				Optional.empty());
		given(this.repository.delete(eq(ADA.id()), anyLong())).willReturn(true);
		assertThat(this.tokens.check(TOKEN, ADDRESS)).isPresent();

		assertThat(this.tokens.revoke(ADA, 12)).isTrue();

		assertThat(this.tokens.check(TOKEN, ADDRESS)).isEmpty();
	}

	@Test
	void remembersAnUnknownTokenSoARepeatedOneCostsOneRead() {
		given(this.repository.findLive(any())).willReturn(Optional.empty());

		for (int i = 0; i < 1000; i++) {
			assertThat(this.tokens.check(TOKEN, ADDRESS)).isEmpty();
		}

		then(this.repository).should(times(1)).findLive(any());
	}

	@Test
	void aFloodOfRandomTokensFromOneAddressStopsReachingTheDatabase() {
		given(this.repository.findLive(any())).willReturn(Optional.empty());
		int refused = 0;
		for (int i = 0; i < 1500; i++) {
			try {
				assertThat(this.tokens.check(randomToken(i), ADDRESS)).isEmpty();
			}
			catch (TooManyAttemptsException ex) {
				assertThat(ex.retryAfterSeconds()).isBetween(1L, 61L);
				assertThat(ex.detail()).startsWith("Too many invalid tokens from this address");
				refused++;
			}
		}

		then(this.repository).should(times(TokenService.FAILED_CHECKS_LIMIT)).findLive(any());
		assertThat(refused).isEqualTo(1500 - TokenService.FAILED_CHECKS_LIMIT);
	}

	@Test
	void aFloodFromOneAddressNeitherBlocksOtherAddressesNorTokensAlreadyChecked() {
		given(this.repository.findLive(any()))
			.willAnswer((invocation) -> Arrays.equals(invocation.getArgument(0), TokenService.hash(TOKEN))
					? Optional.of(grant(Instant.now().plusSeconds(3600))) : Optional.empty());
		assertThat(this.tokens.check(TOKEN, ADDRESS)).isPresent();
		for (int i = 0; i < TokenService.FAILED_CHECKS_LIMIT; i++) {
			this.tokens.check(randomToken(i), ADDRESS);
		}

		assertThat(this.tokens.check(TOKEN, ADDRESS)).as("a token known here, from the flooding address").isPresent();
		assertThat(this.tokens.check(randomToken(-1), "192.0.2.2")).as("another address").isEmpty();
	}

	@Test
	void refusesACachedGrantOnceItExpires() {
		given(this.repository.findLive(any())).willReturn(Optional.of(grant(Instant.now().minusMillis(1))));

		assertThat(this.tokens.check(TOKEN, ADDRESS)).isEmpty();
	}

	@Test
	void issuesRandomTokensOfTheContractsShapeAndStoresOnlyTheirHash() {
		given(this.repository.create(anyLong(), any(), any())).willAnswer((invocation) -> new ApiToken(1, "t",
				List.of("tasks:read"), Instant.now(), Instant.now().plusSeconds(86400), null));

		IssuedToken first = this.tokens.issue(ADA, new NewToken("t", java.util.Set.of(Scope.TASKS_READ), 1));
		IssuedToken second = this.tokens.issue(ADA, new NewToken("t", java.util.Set.of(Scope.TASKS_READ), 1));

		assertThat(first.token()).matches("tt_[0-9A-Za-z]{40}").isNotEqualTo(second.token());
		then(this.repository).should().create(eq(ADA.id()), any(), eq(TokenService.hash(first.token())));
		assertThat(first.toString()).doesNotContain(first.token());
	}

	@Test
	void aDatabaseThatCannotBeReachedEndsTheCheckBeforeTheTokenIsLookedUp() {
		SharedLimits shared = mock(SharedLimits.class);
		given(shared.ifEnabled()).willReturn(shared);
		given(shared.attempts(any(), any(), any())).willThrow(new CannotGetJdbcConnectionException("unreachable"));
		TokenService checks = new TokenService(this.repository,
				new DatabaseRetry(
						new DatabaseProperties(Duration.ofSeconds(60), Duration.ofMillis(1), Duration.ofSeconds(3)),
						new SimpleMeterRegistry()),
				TransactionOperations.withoutTransaction(), mock(AccountChanges.class), shared);

		assertThatExceptionOfType(CannotGetJdbcConnectionException.class)
			.isThrownBy(() -> checks.check(TOKEN, ADDRESS));

		then(this.repository).should(never()).findLive(any());
	}

	private static String randomToken(int seed) {
		return "tt_" + String.format("%040d", seed & 0x7fffffff);
	}

	private static TokenRepository.Grant grant(Instant expiresAt) {
		return new TokenRepository.Grant(12, ADA, List.of("tasks:read"), expiresAt);
	}

}
