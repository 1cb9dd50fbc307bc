package org.tasktracker.idempotency;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled clean-up against the real PostgreSQL: only keys past their retention go.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(IdempotencyKeyRepository.class)
class IdempotencyKeyCleanupIntegrationTests {

	private static final long OWNER = 1;

	@Autowired
	private IdempotencyKeyRepository keys;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void deletesOnlyExpiredKeys() {
		String expired = "key-" + UUID.randomUUID();
		String fresh = "key-" + UUID.randomUUID();
		assertThat(this.keys.claim(OWNER, expired, "hash", Duration.ofHours(24))).isTrue();
		assertThat(this.keys.claim(OWNER, fresh, "hash", Duration.ofHours(24))).isTrue();
		this.jdbc.sql("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = :key")
			.param("key", expired)
			.update();

		new IdempotencyKeyCleanup(this.keys, new IdempotencyProperties(Duration.ofHours(24), Duration.ofMinutes(10)))
			.deleteExpired();

		assertThat(exists(expired)).isFalse();
		assertThat(exists(fresh)).isTrue();
	}

	@Test
	void claimsAKeyOnlyOnceWithinItsRetention() {
		String key = "key-" + UUID.randomUUID();
		assertThat(this.keys.claim(OWNER, key, "first", Duration.ofHours(24))).isTrue();

		assertThat(this.keys.claim(OWNER, key, "second", Duration.ofHours(24))).isFalse();
		assertThat(this.keys.find(OWNER, key))
			.hasValueSatisfying((stored) -> assertThat(stored.requestHash()).isEqualTo("first"));
	}

	@Test
	void claimsAnExpiredKeyAfresh() {
		String key = "key-" + UUID.randomUUID();
		this.keys.claim(OWNER, key, "first", Duration.ofHours(24));
		this.keys.recordResponse(OWNER, key, "{}");
		this.jdbc.sql("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = :key")
			.param("key", key)
			.update();

		assertThat(this.keys.claim(OWNER, key, "second", Duration.ofHours(24))).isTrue();
		assertThat(this.keys.find(OWNER, key)).hasValueSatisfying((stored) -> {
			assertThat(stored.requestHash()).isEqualTo("second");
			assertThat(stored.response()).isNull();
		});
	}

	private boolean exists(String key) {
		return this.jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE key = :key")
			.param("key", key)
			.query(Long.class)
			.single() == 1;
	}

}
