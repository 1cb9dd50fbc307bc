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

import org.springframework.context.SmartLifecycle;

/**
 * Runs the service's background jobs once across every instance that shares the database,
 * through db-scheduler: each job is a row in {@code scheduled_tasks}, and only the
 * instance that picks a due row runs it. A module declares a job as a bean made by
 * {@link #every}; this class starts them once the application has started and stops them
 * (waiting for a running job a few seconds) before the connection pool closes.
 */
public final class BackgroundJobs implements SmartLifecycle {

	private final Scheduler scheduler;

	private volatile boolean running;

	BackgroundJobs(DataSource dataSource, List<RecurringTask<?>> jobs, Duration pollingInterval) {
		this.scheduler = Scheduler.create(dataSource)
			.startTasks(jobs)
			.threads(1)
			.pollingInterval(pollingInterval)
			.shutdownMaxWait(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * A job that runs {@code work} every {@code interval} across all instances: first one
	 * interval after the job is first registered (start-up has enough to do), then one
	 * interval after each run ends, wherever it ran.
	 */
	public static RecurringTask<Void> every(String name, Duration interval, Runnable work) {
		return Tasks.recurring(name, new DelayedFixedDelay(interval)).execute((instance, context) -> work.run());
	}

	@Override
	public void start() {
		this.scheduler.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.scheduler.stop();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Runs due jobs now rather than at the next poll: for tests. */
	public void checkForDueJobs() {
		this.scheduler.triggerCheckForDueExecutions();
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
