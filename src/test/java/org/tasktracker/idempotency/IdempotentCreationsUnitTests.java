package org.tasktracker.idempotency;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tasktracker.web.InvalidRequestException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * The claim-or-replay rules with the key store mocked.
 */
class IdempotentCreationsUnitTests {

	private static final long OWNER = 7;

	private final IdempotencyKeyRepository keys = mock(IdempotencyKeyRepository.class);

	private final IdempotentCreations creations = new IdempotentCreations(this.keys,
			TransactionOperations.withoutTransaction(), JsonMapper.builder().build(),
			new IdempotencyProperties(Duration.ofHours(24), Duration.ofMinutes(10)));

	private final AtomicInteger created = new AtomicInteger();

	@ParameterizedTest
	@ValueSource(strings = { "", "caf\u00e9", "tab\tkey", "line\nbreak" })
	void refusesMalformedKeysByNameWithoutTouchingTheStore(String key) {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> create(key, "a"))
			.satisfies((ex) -> assertThat(ex.getErrors()).extracting("field").containsExactly("Idempotency-Key"));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> create("x".repeat(256), "a"));
		then(this.keys).shouldHaveNoInteractions();
		assertThat(this.created).hasValue(0);
	}

	@Test
	void createsAndRecordsTheAnswerWhenTheKeyIsNew() {
		given(this.keys.claim(eq(OWNER), eq("k"), anyString(), any())).willReturn(true);

		IdempotentCreations.Outcome<Answer> outcome = create("k", "a");

		assertThat(outcome).isEqualTo(new IdempotentCreations.Outcome<>(new Answer(1, "a"), false));
		then(this.keys).should().recordResponse(OWNER, "k", "{\"id\":1,\"name\":\"a\"}");
	}

	@Test
	void replaysTheStoredAnswerForTheSameRequest() {
		given(this.keys.claim(eq(OWNER), eq("k"), anyString(), any())).willReturn(true, false);
		create("k", "a");
		String hash = storedHash();
		given(this.keys.find(OWNER, "k"))
			.willReturn(Optional.of(new IdempotencyKeyRepository.StoredResponse(hash, "{\"id\":1,\"name\":\"a\"}")));

		IdempotentCreations.Outcome<Answer> again = create("k", "a");

		assertThat(again).isEqualTo(new IdempotentCreations.Outcome<>(new Answer(1, "a"), true));
		assertThat(this.created).hasValue(1);
	}

	@Test
	void refusesTheKeyWithAnotherRequest() {
		given(this.keys.claim(eq(OWNER), eq("k"), anyString(), any())).willReturn(true, false);
		create("k", "a");
		String hash = storedHash();
		given(this.keys.find(OWNER, "k"))
			.willReturn(Optional.of(new IdempotencyKeyRepository.StoredResponse(hash, "{\"id\":1}")));

		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> create("k", "b"))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail())
				.isEqualTo("Idempotency-Key: was already used with a different request body"));
		assertThat(this.created).hasValue(1);
	}

	private String storedHash() {
		org.mockito.ArgumentCaptor<String> hash = org.mockito.ArgumentCaptor.forClass(String.class);
		then(this.keys).should(org.mockito.Mockito.atLeastOnce()).claim(eq(OWNER), eq("k"), hash.capture(), any());
		return hash.getValue();
	}

	private IdempotentCreations.Outcome<Answer> create(String key, String name) {
		return this.creations.create(OWNER, key, new Request(name), Answer.class,
				() -> new Answer(this.created.incrementAndGet(), name));
	}

	record Request(String name) {
	}

	record Answer(long id, String name) {
	}

}
