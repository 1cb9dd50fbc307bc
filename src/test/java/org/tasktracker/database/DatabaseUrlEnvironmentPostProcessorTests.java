package org.tasktracker.database;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@code DATABASE_URL} as the original Compose file set it.
 */
class DatabaseUrlEnvironmentPostProcessorTests {

	@Test
	void convertsTheComposeFormToDataSourceSettings() {
		assertThat(DatabaseUrlEnvironmentPostProcessor.toDataSourceProperties("postgresql://user:pass@db:5432/tasks"))
			.containsExactly(entry("spring.datasource.url", "jdbc:postgresql://db:5432/tasks"),
					entry("spring.datasource.username", "user"), entry("spring.datasource.password", "pass"));
	}

	@Test
	void decodesCredentialsAndKeepsQueryParameters() {
		Map<String, Object> properties = DatabaseUrlEnvironmentPostProcessor
			.toDataSourceProperties("postgres://app%40corp:p%3As+w@10.0.0.5/tasks?sslmode=require");
		assertThat(properties)
			.containsEntry("spring.datasource.url", "jdbc:postgresql://10.0.0.5/tasks?sslmode=require")
			.containsEntry("spring.datasource.username", "app@corp")
			.containsEntry("spring.datasource.password", "p:s+w");
	}

	@Test
	void refusesOtherSchemesWithoutRepeatingThePassword() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DatabaseUrlEnvironmentPostProcessor.toDataSourceProperties("mysql://u:secret@h/db"))
			.withMessageNotContaining("secret");
	}

	@Test
	void explicitSpringSettingsWin() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("DATABASE_URL", "postgresql://u:p@from-url:5432/a")
			.withProperty("spring.datasource.url", "jdbc:postgresql://explicit:5432/b");

		new DatabaseUrlEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://explicit:5432/b");
		assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("u");
	}

	@Test
	void leavesTheEnvironmentAloneWithoutDatabaseUrl() {
		MockEnvironment environment = new MockEnvironment();
		new DatabaseUrlEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.url")).isNull();
	}

}
