package org.tasktracker.database;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;

/**
 * Runs the service's background jobs once across every instance that shares the database,
 * through db-scheduler: each job is a row in {@code scheduled_tasks}, and only the
 * instance that picks a due row runs it. A module declares a job as a bean made by
 * {@link #every}; this class starts them once the application has started and stops them
 * (waiting for a running job a few seconds) before the connection pool closes.
 */
public final class BackgroundJobs implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BackgroundJobs.class);

	private final DataSource dataSource;

	private final List<RecurringTask<?>> jobs;

	private final Duration pollingInterval;

	private volatile @Nullable Scheduler scheduler;

	BackgroundJobs(DataSource dataSource, List<RecurringTask<?>> jobs, Duration pollingInterval) {
		this.dataSource = dataSource;
		this.jobs = List.copyOf(jobs);
		this.pollingInterval = pollingInterval;
	}

	/**
	 * A job that runs {@code work} every {@code interval} across all instances: first one
	 * interval after the job is first registered (start-up has enough to do), then one
	 * interval after each run ends, wherever it ran. A run that fails (the database gone,
	 * a statement cancelled) is one warning line, and the job runs again on time.
	 */
	public static RecurringTask<Void> every(String name, Duration interval, Runnable work) {
		return Tasks.recurring(name, new DelayedFixedDelay(interval)).execute((instance, context) -> {
			try {
				work.run();
			}
			catch (RuntimeException ex) {
				log.warn("Background job {} did not finish this time: {}", name,
						NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
			}
		});
	}

	/**
	 * A new scheduler on each start: a stopped one cannot start again, and a context may
	 * be stopped and started (as the test framework does with the contexts it caches).
	 */
	@Override
	public void start() {
		Scheduler started = Scheduler.create(this.dataSource)
			.startTasks(this.jobs)
			.threads(1)
			.pollingInterval(this.pollingInterval)
			.shutdownMaxWait(Duration.ofSeconds(5))
			.build();
		started.start();
		this.scheduler = started;
	}

	@Override
	public void stop() {
		Scheduler running = this.scheduler;
		if (running != null) {
			running.stop();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/** Runs due jobs now rather than at the next poll: for tests. */
	public void checkForDueJobs() {
		Scheduler running = this.scheduler;
		if (running != null) {
			running.triggerCheckForDueExecutions();
		}
	}

	/**
	 * db-scheduler's FixedDelay, but with the first run one interval away, not at once.
	 */
	private record DelayedFixedDelay(Duration interval) implements Schedule {

		@Override
		public Instant getNextExecutionTime(ExecutionComplete complete) {
			return complete.getTimeDone().plus(this.interval);
		}

		@Override
		public Instant getInitialExecutionTime(Instant now) {
			return now.plus(this.interval);
		}

		@Override
		public boolean isDeterministic() {
			return false;
		}

	}

}
