package org.tasktracker.ops;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tasktracker.support.ApiClient;
import org.tasktracker.support.ApiClient.Response;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertProblem;

/**
 * The Prometheus scrape at {@code /metrics}, and nothing else from the actuator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetricsIntegrationTests {

	@LocalServerPort
	private int port;

	private ApiClient api;

	@BeforeEach
	void setUp() {
		this.api = new ApiClient(this.port);
	}

	@Test
	void exposesRequestPoolTaskAndJvmMetrics() {
		long id = this.api.postJson("/tasks", "{\"title\": \"metered\"}").json().get("id").longValue();
		this.api.post("/tasks/" + id + "/complete");
		this.api.get("/tasks/abc");

		Response metrics = this.api.get("/metrics");

		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.contentType()).startsWith("text/plain");
		assertThat(metrics.body())
			.containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*status=\"201\"[^}]*"
					+ "uri=\"/tasks\"[^}]*\\} [1-9]")
			.containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"422\"[^}]*uri=\"/tasks/\\{id\\}\"")
			.containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/tasks/\\{id\\}/complete\"[^}]*le=")
			.contains("hikaricp_connections_active{", "hikaricp_connections_max{", "jvm_memory_used_bytes{",
					"tasktracker_database_retries_total{", "process_cpu_usage{")
			.containsPattern("tasktracker_tasks_creations_total\\{[^}]*\\} [1-9]")
			.containsPattern("tasktracker_tasks_completions_total\\{[^}]*\\} [1-9]");
	}

	@Test
	void exposesNoOtherActuatorEndpoint() {
		for (String path : new String[] { "/actuator", "/actuator/health", "/env", "/beans", "/heapdump",
				"/configprops", "/prometheus" }) {
			assertProblem(this.api.get(path), 404, path);
		}
	}

}
