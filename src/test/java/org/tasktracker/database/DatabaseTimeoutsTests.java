package org.tasktracker.database;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default timeouts of {@code application.yml}, added up the way a request spends them
 * while the database does not answer: the contract's 5 s for a 503 is kept by these
 * figures, not by luck, so no test has to time an outage on a busy machine.
 */
class DatabaseTimeoutsTests {

	/** What the contract allows, less a second for everything else a request does. */
	private static final Duration SLOWEST_503 = Duration.ofSeconds(4);

	private final ConfigurableEnvironment defaults = defaults();

	@Test
	void aRequestRetriedUntilItsBudgetEndsIsAnsweredWithinTheLimit() {
		// Waiting for a connection ends at the connection timeout, plus at most one check
		// of a dead pooled connection begun just before; a retry starts only within the
		// budget of the first attempt.
		Duration connection = millis("spring.datasource.hikari.connection-timeout")
			.plus(millis("spring.datasource.hikari.validation-timeout"));
		Duration budget = duration("tasktracker.database.retry-budget");

		assertThat(budget.plus(connection)).isLessThanOrEqualTo(SLOWEST_503);
	}

	@Test
	void aStatementOnASilentDatabaseIsGivenUpWithinTheLimitAndNotRetried() {
		// A statement sent on a connection the database stopped answering waits for the
		// socket timeout; it fails past the budget, so nothing is retried after it.
		Duration socket = seconds("spring.datasource.hikari.data-source-properties.socketTimeout");
		Duration budget = duration("tasktracker.database.retry-budget");

		assertThat(socket).isLessThanOrEqualTo(SLOWEST_503).isGreaterThan(budget);
	}

	@Test
	void theDatabaseCancelsASlowStatementBeforeTheDriverGivesUpOnItsConnection() {
		Duration statement = duration("tasktracker.database.statement-timeout");

		assertThat(statement).isLessThan(seconds("spring.datasource.hikari.data-source-properties.socketTimeout"));
	}

	private Duration duration(String name) {
		return DurationStyle.detectAndParse(this.defaults.getRequiredProperty(name));
	}

	private Duration millis(String name) {
		return Duration.ofMillis(this.defaults.getRequiredProperty(name, Long.class));
	}

	private Duration seconds(String name) {
		return Duration.ofSeconds(this.defaults.getRequiredProperty(name, Long.class));
	}

	/**
	 * {@code application.yml} alone, without this machine's environment, so that each
	 * placeholder takes its default.
	 */
	private static ConfigurableEnvironment defaults() {
		ConfigurableEnvironment environment = new AbstractEnvironment() {
		};
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
					new ClassPathResource("application.yml"))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("application.yml is on the class path", ex);
		}
		return environment;
	}

}
