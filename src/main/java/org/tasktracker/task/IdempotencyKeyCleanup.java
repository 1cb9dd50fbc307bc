package org.tasktracker.task;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tasktracker.system.TaskTrackerProperties;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes {@code Idempotency-Key}s older than their retention, every
 * {@code tasktracker.idempotency.cleanup-interval}.
 */
@Component
class IdempotencyKeyCleanup implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

	private final IdempotencyKeyRepository keys;

	private final Duration retention;

	private final Duration interval;

	IdempotencyKeyCleanup(IdempotencyKeyRepository keys, TaskTrackerProperties properties) {
		this.keys = keys;
		this.retention = properties.idempotency().retention();
		this.interval = properties.idempotency().cleanupInterval();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		// First run one interval after start: start-up has enough to do.
		registrar.addFixedDelayTask(new FixedDelayTask(this::deleteExpired, this.interval, this.interval));
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

}
