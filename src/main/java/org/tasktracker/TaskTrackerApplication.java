package org.tasktracker;

import java.util.Properties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class TaskTrackerApplication {

	private static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";

	public static void main(String[] args) {
		defaultCarriers(System.getProperties(), Runtime.getRuntime().availableProcessors());
		SpringApplication.run(TaskTrackerApplication.class, args);
	}

	/**
	 * Runs the virtual threads that serve requests on twice as many platform threads as
	 * there are cores, unless {@code -Djdk.virtualThreadScheduler.parallelism} says
	 * otherwise. The JDK's default is one per core. On 2 cores shared with PostgreSQL and
	 * the load generator (64 connections, alternating 15 s runs after a 10 s warm-up), 4
	 * carriers instead of 2 brought mixed p99 from 27.8-32.0 ms to 23.5-25.4 ms (4 runs
	 * each) and list p99 from 21.3-25.3 to 16.7-17.3 ms, with creates, completes and
	 * mixed requests/s within the noise: the kernel shares the cores among threads, and
	 * with only 2 for the whole service, one of them preempted by a PostgreSQL backend
	 * held up every request queued on it. Must run before the first virtual thread
	 * starts.
	 */
	static void defaultCarriers(Properties system, int cores) {
		if (system.getProperty(CARRIERS) == null) {
			system.setProperty(CARRIERS, Integer.toString(2 * cores));
		}
	}

}
