package org.tasktracker.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertProblem;
import static org.tasktracker.support.Responses.body;
import static org.tasktracker.support.Responses.id;

/**
 * The Prometheus scrape at {@code /metrics}, and nothing else from the actuator. In the
 * default mode ({@code AUTH_MODE=local}) a scrape from loopback acts as the local user,
 * an admin, and needs no credentials; {@code ScopeMatrixIntegrationTests} holds who may
 * scrape in {@code required} mode.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class MetricsIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Test
	void exposesRequestPoolTaskAndJvmMetrics() {
		long id = id(this.client.post().uri("/tasks").contentType(MediaType.APPLICATION_JSON).body("""
				{"title": "metered"}
				""").exchange().expectStatus().isCreated().returnResult());
		this.client.post().uri("/tasks/{id}/complete", id).exchange().expectStatus().isOk();
		this.client.get().uri("/tasks/abc").exchange().expectStatus().isEqualTo(422);

		String metrics = this.client.get()
			.uri("/metrics")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(metrics)
			.containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*status=\"201\"[^}]*"
					+ "uri=\"/tasks\"[^}]*\\} [1-9]")
			.containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"422\"[^}]*uri=\"/tasks/\\{id\\}\"")
			.containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/tasks/\\{id\\}/complete\"[^}]*le=")
			.contains("hikaricp_connections_active{", "hikaricp_connections_max{", "jvm_memory_used_bytes{",
					"tasktracker_database_retries_total{", "process_cpu_usage{",
					"tasktracker_database_connections_waiting{", "tasktracker_database_gathered_waiting{")
			.containsPattern("tasktracker_tasks_creations_total\\{[^}]*\\} [1-9]")
			.containsPattern("tasktracker_tasks_completions_total\\{[^}]*\\} [1-9]");
		// The scrape itself is in flight: a long task timer per request would show it.
		assertThat(metrics).as("no long task timer per request").doesNotContain("http_server_requests_active");
	}

	/**
	 * A request through a proxy on this machine reaches the service from loopback, yet
	 * comes from anywhere: it is not the local user, so the figures need credentials.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "X-Forwarded-For", "Forwarded", "X-Real-IP" })
	void aForwardedScrapeWithoutCredentialsIsRefused(String header) {
		ExchangeResult response = this.client.get()
			.uri("/metrics")
			.header(header, header.equals("Forwarded") ? "for=203.0.113.7" : "203.0.113.7")
			.exchange()
			.returnResult();

		assertThat(assertProblem(response, 401, "/metrics").get("detail").stringValue()).contains("proxy");
		assertThat(response.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Bearer realm=\"tasktracker\"");
		assertThat(body(response)).doesNotContain("http_server_requests");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "/actuator", "/actuator/health", "/env", "/beans", "/heapdump", "/configprops", "/prometheus" })
	void exposesNoOtherActuatorEndpoint(String path) {
		assertProblem(this.client.get().uri(path).exchange().returnResult(), 404, path);
	}

}
