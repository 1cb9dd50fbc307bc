package org.tasktracker.idempotency;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes {@code Idempotency-Key}s older than their retention, every
 * {@code tasktracker.idempotency.cleanup-interval}.
 */
@Component
class IdempotencyKeyCleanup {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

	private final IdempotencyKeyRepository keys;

	private final Duration retention;

	IdempotencyKeyCleanup(IdempotencyKeyRepository keys, IdempotencyProperties properties) {
		this.keys = keys;
		this.retention = properties.retention();
	}

	/** First run one interval after start: start-up has enough to do. */
	@Scheduled(fixedDelayString = "${tasktracker.idempotency.cleanup-interval:10m}",
			initialDelayString = "${tasktracker.idempotency.cleanup-interval:10m}")
	void deleteExpired() {
		try {
			int deleted = this.keys.deleteExpired(this.retention);
			if (deleted > 0) {
				log.info("Deleted {} idempotency keys older than {}", deleted, this.retention);
			}
		}
		catch (DataAccessException ex) {
			log.warn("Idempotency key clean-up skipped: {}", ex.getMostSpecificCause().getMessage());
		}
	}

}
