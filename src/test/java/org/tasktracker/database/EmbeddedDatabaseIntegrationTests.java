package org.tasktracker.database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasktracker.TaskTrackerApplication;
import org.tasktracker.support.ApiClient;
import org.tasktracker.support.ApiClient.Response;
import org.tasktracker.support.FreePort;
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
	void answers503QuicklyWhileTheDatabaseIsDownAndRecoversWithoutARestart() throws Exception {
		int databasePort = FreePort.find();
		try (ConfigurableApplicationContext context = start("--tasktracker.embedded.port=" + databasePort)) {
			ApiClient api = api(context);
			long id = api.postJson("/tasks", "{\"title\": \"x\"}").json().get("id").longValue();

			context.getBean(EmbeddedDatabase.class).close();

			for (Response response : List.of(timed(() -> api.get("/tasks/" + id)), timed(() -> api.get("/tasks")),
					timed(() -> api.get("/tasks?q=x")), timed(() -> api.postJson("/tasks", "{\"title\": \"y\"}")),
					timed(() -> api.delete("/tasks/" + id)))) {
				JsonNode problem = assertProblem(response, 503, null);
				assertThat(response.header("Retry-After"))
					.hasValueSatisfying((value) -> assertThat(value).isEqualTo("2"));
				assertThat(problem.get("request_id").stringValue())
					.isEqualTo(response.header("X-Request-Id").orElseThrow());
				assertThat(problem.get("detail").stringValue())
					.isEqualTo("The database cannot be reached; retry later");
			}
			Response health = timed(() -> api.get("/health"));
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json().get("status").stringValue()).isEqualTo("DOWN");
			assertThat(timed(() -> api.get("/health/ready")).status()).isEqualTo(503);
			assertThat(api.get("/health/live").status()).isEqualTo(200);

			try (EmbeddedPostgres restarted = EmbeddedDatabase
				.builder(this.dataDir, databasePort, Duration.ofSeconds(30))
				.start()) {
				long back = System.nanoTime();
				Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> api.get("/health").status() == 200);
				assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(5));
				assertThat(api.get("/tasks/" + id).status()).isEqualTo(200);
				assertThat(api.post("/tasks/" + id + "/complete").json().get("completed").booleanValue()).isTrue();
			}
		}
	}

	/** Runs a request and checks that it was answered within the contract's 5 seconds. */
	private static Response timed(Supplier<Response> request) {
		long started = System.nanoTime();
		Response response = request.get();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as(response.toString())
			.isLessThan(Duration.ofSeconds(5));
		return response;
	}

	private ConfigurableApplicationContext start(String... arguments) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--tasktracker.embedded.data-dir=" + this.dataDir,
				"--" + SharedTestDatabase.OWN_DATABASE + "=true"));
		all.addAll(List.of(arguments));
		return new SpringApplicationBuilder(TaskTrackerApplication.class).run(all.toArray(String[]::new));
	}

	private static ApiClient api(ConfigurableApplicationContext context) {
		return new ApiClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

}
