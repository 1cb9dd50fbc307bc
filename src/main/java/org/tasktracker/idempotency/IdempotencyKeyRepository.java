package org.tasktracker.idempotency;

import java.time.Duration;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stored {@code Idempotency-Key}s with the response first given for each. A plain
 * component rather than a {@code @Repository}: {@link JdbcClient} already translates
 * every {@code SQLException}, and the translating proxy would cost a reflective call per
 * statement.
 */
@Component
class IdempotencyKeyRepository {

	private final JdbcClient jdbc;

	IdempotencyKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims {@code key} for this transaction: it is new, or its earlier use is older
	 * than {@code retention}. A concurrent claim of the same key waits for the first
	 * one's transaction and then finds the key taken.
	 * @return whether this call claimed the key
	 */
	boolean claim(long ownerId, String key, String requestHash, Duration retention) {
		return this.jdbc.sql("""
				INSERT INTO idempotency_keys (owner_id, key, request_hash)
				VALUES (:owner, :key, :requestHash)
				ON CONFLICT (owner_id, key) DO UPDATE
				    SET request_hash = EXCLUDED.request_hash, response = NULL, created_at = now()
				    WHERE idempotency_keys.created_at < now() - make_interval(secs => :retentionSeconds)
				""")
			.param("owner", ownerId)
			.param("key", key)
			.param("requestHash", requestHash)
			.param("retentionSeconds", (double) retention.toSeconds())
			.update() == 1;
	}

	/** Records the answer given for a key claimed in the same transaction. */
	void recordResponse(long ownerId, String key, String response) {
		this.jdbc.sql("UPDATE idempotency_keys SET response = :response WHERE owner_id = :owner AND key = :key")
			.param("owner", ownerId)
			.param("key", key)
			.param("response", response)
			.update();
	}

	Optional<StoredResponse> find(long ownerId, String key) {
		return this.jdbc
			.sql("SELECT request_hash, response FROM idempotency_keys WHERE owner_id = :owner AND key = :key")
			.param("owner", ownerId)
			.param("key", key)
			.query((row, rowNumber) -> new StoredResponse(row.getString("request_hash"), row.getString("response")))
			.optional();
	}

	/** Deletes every key of a deleted user. */
	void deleteOwnedBy(long ownerId) {
		this.jdbc.sql("DELETE FROM idempotency_keys WHERE owner_id = :owner").param("owner", ownerId).update();
	}

	/**
	 * @return how many expired keys were deleted
	 */
	int deleteExpired(Duration retention) {
		return this.jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => :seconds)")
			.param("seconds", (double) retention.toSeconds())
			.update();
	}

	/**
	 * @param requestHash the hash of the request first sent with the key
	 * @param response the JSON body first answered
	 */
	record StoredResponse(String requestHash, String response) {
	}

}
