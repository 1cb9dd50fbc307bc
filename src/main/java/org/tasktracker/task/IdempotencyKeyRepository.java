package org.tasktracker.task;

import java.time.Duration;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stored {@code Idempotency-Key}s with the response first given for each. A plain
 * component, for the reason {@link TaskRepository} gives.
 */
@Component
class IdempotencyKeyRepository {

	private final JdbcClient jdbc;

	IdempotencyKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records the answer given for a key claimed in the same transaction. */
	void recordResponse(String key, long taskId, String response) {
		this.jdbc.sql("UPDATE idempotency_keys SET task_id = :taskId, response = :response WHERE key = :key")
			.param("key", key)
			.param("taskId", taskId)
			.param("response", response)
			.update();
	}

	Optional<StoredResponse> find(String key) {
		return this.jdbc.sql("SELECT request_hash, response FROM idempotency_keys WHERE key = :key")
			.param("key", key)
			.query((row, rowNumber) -> new StoredResponse(row.getString("request_hash"), row.getString("response")))
			.optional();
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
