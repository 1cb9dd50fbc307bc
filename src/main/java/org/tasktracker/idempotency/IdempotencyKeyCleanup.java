package org.tasktracker.idempotency;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tasktracker.database.BackgroundJobs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Deletes {@code Idempotency-Key}s older than their retention, every
 * {@code tasktracker.idempotency.cleanup-interval}, on one instance at a time.
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

	@Configuration(proxyBeanMethods = false)
	static class Job {

		@Bean
		RecurringTask<Void> idempotencyKeyCleanupJob(IdempotencyKeyCleanup cleanup, IdempotencyProperties properties) {
			return BackgroundJobs.every("idempotency-key-cleanup", properties.cleanupInterval(),
					cleanup::deleteExpired);
		}

	}

}
