package org.tasktracker;

import java.util.Properties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TaskTrackerApplication {

	private static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";

	public static void main(String[] args) {
		defaultCarriers(System.getProperties(), Runtime.getRuntime().availableProcessors());
		SpringApplication.run(TaskTrackerApplication.class, args);
	}

	/**
	 * Runs the virtual threads that serve requests on twice as many platform threads as
	 * there are cores, unless {@code -Djdk.virtualThreadScheduler.parallelism} says
	 * otherwise (the JDK's default is one per core). The kernel shares the cores with
	 * PostgreSQL, and with one carrier per core a preempted carrier holds up every
	 * request queued on it; {@code docs/performance.md} has the measurements. Must run
	 * before the first virtual thread starts.
	 */
	static void defaultCarriers(Properties system, int cores) {
		if (system.getProperty(CARRIERS) == null) {
			system.setProperty(CARRIERS, Integer.toString(2 * cores));
		}
	}

}
