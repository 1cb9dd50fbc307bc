package org.tasktracker.system;

import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasktracker.TaskTrackerApplication;
import org.tasktracker.support.ApiClient;
import org.tasktracker.support.ApiClient.Response;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertProblem;

/**
 * The service on its default embedded PostgreSQL, started the way a user starts it (no
 * database configured), in a data directory of its own.
 */
class EmbeddedDatabaseIntegrationTests {

	@TempDir
	Path dataDir;

	@Test
	void keepsTasksAcrossRestarts() {
		JsonNode created;
		try (ConfigurableApplicationContext first = start()) {
			Response response = api(first).postJson("/tasks", "{\"title\": \"survive a restart\"}");
			assertThat(response.status()).isEqualTo(201);
			created = response.json();
		}
		try (ConfigurableApplicationContext second = start()) {
			assertThat(api(second).get("/tasks/" + created.get("id").longValue()).json()).isEqualTo(created);
		}
	}

	@Test
	void answers503QuicklyWhileTheDatabaseIsDown() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			ApiClient api = api(context);
			long id = api.postJson("/tasks", "{\"title\": \"x\"}").json().get("id").longValue();

			context.getBean(EmbeddedPostgres.class).close();

			long started = System.nanoTime();
			Response response = api.get("/tasks/" + id);
			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			JsonNode problem = assertProblem(response, 503, "/tasks/" + id);
			assertThat(elapsed).isLessThan(Duration.ofSeconds(5));
			assertThat(response.header("Retry-After"))
				.hasValueSatisfying((value) -> assertThat(value).matches("[1-9]\\d*"));
			assertThat(problem.get("request_id").stringValue())
				.isEqualTo(response.header("X-Request-Id").orElseThrow());

			assertProblem(api.postJson("/tasks", "{\"title\": \"y\"}"), 503, "/tasks");
			Response health = api.get("/health");
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json().get("status").stringValue()).isEqualTo("DOWN");
			assertThat(api.get("/health/ready").status()).isEqualTo(503);
			assertThat(api.get("/health/live").status()).isEqualTo(200);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(TaskTrackerApplication.class).run("--server.port=0",
				"--tasktracker.embedded.data-dir=" + this.dataDir, "--" + SharedTestDatabase.OWN_DATABASE + "=true");
	}

	private static ApiClient api(ConfigurableApplicationContext context) {
		return new ApiClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

}
