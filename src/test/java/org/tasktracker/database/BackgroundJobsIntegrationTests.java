package org.tasktracker.database;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Background jobs against the real PostgreSQL, with two schedulers on one database
 * standing for two instances of the service.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@ExtendWith(OutputCaptureExtension.class)
class BackgroundJobsIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void aDueJobRunsOnOneInstanceOnlyAndIsThenDueOneIntervalLater() {
		String name = "test-once-" + System.nanoTime();
		AtomicInteger runs = new AtomicInteger();
		// Due at once (db-scheduler's own FixedDelay), so that the test need not wait an
		// interval; each instance declares the same job, as each service instance does.
		BackgroundJobs first = instance(name, runs);
		BackgroundJobs second = instance(name, runs);
		first.start();
		second.start();
		try {
			await().atMost(PATIENCE).until(() -> lastSuccess(name) != null);
			// Both instances look again: the job is not due for an hour, so neither runs
			// it.
			first.checkForDueJobs();
			second.checkForDueJobs();
			await().atMost(PATIENCE).until(() -> !picked(name));

			assertThat(runs).hasValue(1);
			assertThat(nextRun(name)).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
		}
		finally {
			first.stop();
			second.stop();
		}
	}

	@Test
	void everyFirstRunsOneIntervalAfterTheJobIsFirstRegistered() {
		String name = "test-later-" + System.nanoTime();
		AtomicInteger runs = new AtomicInteger();
		RecurringTask<Void> job = BackgroundJobs.every(name, Duration.ofHours(2), runs::incrementAndGet);
		BackgroundJobs instance = new BackgroundJobs(this.dataSource, List.of(job), Duration.ofMillis(200));
		Instant started = Instant.now();
		instance.start();
		try {
			await().atMost(PATIENCE).until(() -> nextRun(name) != null);

			assertThat(nextRun(name)).isBetween(started.plus(Duration.ofMinutes(119)),
					Instant.now().plus(Duration.ofMinutes(121)));
			assertThat(runs).hasValue(0);
		}
		finally {
			instance.stop();
		}
	}

	@Test
	void aRunThatFailsIsOneWarningAndTheJobRunsAgain(CapturedOutput output) {
		String name = "test-failing-" + System.nanoTime();
		AtomicInteger runs = new AtomicInteger();
		RecurringTask<Void> job = BackgroundJobs.every(name, Duration.ofMillis(100), () -> {
			runs.incrementAndGet();
			throw new DataAccessResourceFailureException("the database is gone",
					new IllegalStateException("Connection refused"));
		});
		BackgroundJobs instance = new BackgroundJobs(this.dataSource, List.of(job), Duration.ofMillis(100));
		instance.start();
		try {
			await().atMost(PATIENCE).until(() -> runs.get() >= 2);
		}
		finally {
			instance.stop();
		}
		assertThat(output.getOut() + output.getErr())
			.contains("Background job " + name + " did not finish this time: Connection refused")
			.doesNotContain("DataAccessResourceFailureException");
	}

	private BackgroundJobs instance(String name, AtomicInteger runs) {
		RecurringTask<Void> job = Tasks.recurring(name, FixedDelay.ofHours(1))
			.execute((instance, context) -> runs.incrementAndGet());
		return new BackgroundJobs(this.dataSource, List.of(job), Duration.ofMillis(200));
	}

	private Instant lastSuccess(String name) {
		return this.jdbc.sql("SELECT last_success FROM scheduled_tasks WHERE task_name = :name")
			.param("name", name)
			.query(OffsetDateTime.class)
			.optional()
			.map(OffsetDateTime::toInstant)
			.orElse(null);
	}

	private boolean picked(String name) {
		return this.jdbc.sql("SELECT picked FROM scheduled_tasks WHERE task_name = :name")
			.param("name", name)
			.query(Boolean.class)
			.single();
	}

	private Instant nextRun(String name) {
		return this.jdbc.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = :name")
			.param("name", name)
			.query(OffsetDateTime.class)
			.optional()
			.map(OffsetDateTime::toInstant)
			.orElse(null);
	}

}
