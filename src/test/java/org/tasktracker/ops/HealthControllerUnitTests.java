package org.tasktracker.ops;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.tasktracker.web.WebProperties;

import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Readiness during shutdown, without a database.
 */
class HealthControllerUnitTests {

	@Test
	void reportsNotReadyOnceTheServiceRefusesTraffic() {
		JdbcClient jdbc = mock(JdbcClient.class);
		ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
		HealthController health = new HealthController(jdbc, availability,
				new WebProperties(DataSize.ofMegabytes(1), Duration.ofSeconds(2), true, DataSize.ofMegabytes(20)));

		availability.onApplicationEvent(
				new AvailabilityChangeEvent<>(new StaticApplicationContext(), ReadinessState.REFUSING_TRAFFIC));

		assertThat(health.ready().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(health.ready().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
		assertThat(health.ready().getBody()).containsEntry("status", "DOWN")
			.containsEntry("checks", java.util.Map.of("shutdown", "IN_PROGRESS"));
		assertThat(health.live().getStatusCode()).isEqualTo(HttpStatus.OK);
		verifyNoInteractions(jdbc);
	}

}
