package org.tasktracker.system;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Readiness during shutdown, without a database.
 */
class HealthControllerUnitTests {

	@Test
	void reportsNotReadyOnceShutdownBegins() {
		JdbcClient jdbc = mock(JdbcClient.class);
		HealthController health = new HealthController(jdbc);

		health.onShutdown();

		assertThat(health.ready().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(health.ready().getBody()).containsEntry("status", "DOWN");
		assertThat(health.live().getStatusCode()).isEqualTo(HttpStatus.OK);
		verifyNoInteractions(jdbc);
	}

}
