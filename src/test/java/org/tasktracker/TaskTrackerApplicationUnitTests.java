package org.tasktracker;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code main} sets before Spring starts: the virtual threads' carriers, twice the
 * cores unless the JVM was told otherwise.
 */
class TaskTrackerApplicationUnitTests {

	@Test
	void runsVirtualThreadsOnTwiceAsManyCarriersAsCores() {
		Properties system = new Properties();

		TaskTrackerApplication.defaultCarriers(system, 2);

		assertThat(system.getProperty("jdk.virtualThreadScheduler.parallelism")).isEqualTo("4");
	}

	@Test
	void keepsTheCarriersTheJvmWasGiven() {
		Properties system = new Properties();
		system.setProperty("jdk.virtualThreadScheduler.parallelism", "3");

		TaskTrackerApplication.defaultCarriers(system, 2);

		assertThat(system.getProperty("jdk.virtualThreadScheduler.parallelism")).isEqualTo("3");
	}

}
