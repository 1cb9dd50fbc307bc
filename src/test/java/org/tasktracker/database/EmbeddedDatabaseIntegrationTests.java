package org.tasktracker.database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.tasktracker.TaskTrackerApplication;
import org.tasktracker.support.FreePort;
import org.tasktracker.support.Responses;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertProblem;
import static org.tasktracker.support.Responses.id;
import static org.tasktracker.support.Responses.json;

/**
 * The service on its default embedded PostgreSQL, started the way a user starts it (no
 * database configured), in a data directory of its own.
 */
@Isolated
class EmbeddedDatabaseIntegrationTests {

	@TempDir
	Path dataDir;

	@Test
	void keepsTasksAcrossRestarts() {
		JsonNode created;
		try (ConfigurableApplicationContext first = start()) {
			created = json(create(client(first), "survive a restart"));
		}
		try (ConfigurableApplicationContext second = start()) {
			assertThat(json(client(second).get()
				.uri("/tasks/{id}", created.get("id").longValue())
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult())).isEqualTo(created);
		}
	}

	@Test
	void aWebSessionOutlivesARestart() throws Exception {
		String[] required = { "--tasktracker.auth.mode=required", "--tasktracker.auth.admin-username=keeper",
				"--tasktracker.auth.admin-password=correct horse battery" };
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		String session;
		try (ConfigurableApplicationContext first = start(required)) {
			String base = "http://localhost:" + first.getEnvironment().getRequiredProperty("local.server.port");
			java.net.http.HttpResponse<String> form = http.send(
					java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login")).build(),
					java.net.http.HttpResponse.BodyHandlers.ofString());
			String csrf = form.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
			String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
			java.net.http.HttpResponse<String> signedIn = http
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
					.header("Cookie", cookie)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(java.net.http.HttpRequest.BodyPublishers
						.ofString("username=keeper&password=correct+horse+battery&_csrf=" + csrf))
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(signedIn.statusCode()).isEqualTo(302);
			assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
			session = signedIn.headers().firstValue("Set-Cookie").map((value) -> value.split(";")[0]).orElse(cookie);
		}
		try (ConfigurableApplicationContext second = start(required)) {
			String base = "http://localhost:" + second.getEnvironment().getRequiredProperty("local.server.port");
			java.net.http.HttpResponse<String> page = http
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/app/inbox"))
					.header("Cookie", session)
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());

			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("<span>keeper</span>");
		}
	}

	@Test
	void answers503QuicklyWhileTheDatabaseIsDownAndRecoversWithoutARestart() throws Exception {
		int databasePort = FreePort.find();
		try (ConfigurableApplicationContext context = start("--tasktracker.embedded.port=" + databasePort)) {
			RestTestClient client = client(context);
			long id = id(create(client, "x"));

			context.getBean(EmbeddedDatabase.class).close();

			// Each waits out the pool's connection timeout and a retry, about 3 s: sent
			// at once, not one after another. The pages and health checks below are a
			// second batch: answered at the same time as these, they came close to the
			// 5 s on a busy machine.
			for (ExchangeResult response : timedAtOnce(List.of(() -> get(client, "/tasks/" + id),
					() -> get(client, "/tasks"), () -> get(client, "/tasks?q=x"), () -> create(client, "y"),
					() -> client.delete().uri("/tasks/{id}", id).exchange().returnResult()))) {
				JsonNode problem = assertProblem(response, 503, null);
				assertThat(response.getResponseHeaders().getFirst("Retry-After")).isEqualTo("2");
				assertThat(problem.get("request_id").stringValue())
					.isEqualTo(response.getResponseHeaders().getFirst("X-Request-Id"));
				assertThat(problem.get("detail").stringValue())
					.isEqualTo("The database cannot be reached; retry later");
			}
			List<ExchangeResult> second = timedAtOnce(List.of(() -> get(client, "/app"),
					() -> client.post()
						.uri("/app/tasks")
						.contentType(MediaType.APPLICATION_FORM_URLENCODED)
						.body("text=Buy+milk+tomorrow+%3Cb%3E&back=%2Fapp")
						.exchange()
						.returnResult(),
					() -> get(client, "/health"), () -> get(client, "/health/ready")));
			// The web UI: a page that says so, and what was typed into quick add, kept.
			ExchangeResult page = second.get(0);
			assertThat(page.getStatus().value()).isEqualTo(503);
			assertThat(page.getResponseHeaders().getFirst("Retry-After")).isEqualTo("2");
			assertThat(text(page)).contains("<h1>The database cannot be reached</h1>")
				.doesNotContain("Exception", "SQL", "java.");
			// In the app's look with a way back, and without the sidebar: it would need a
			// query, and none can run.
			assertThat(text(page))
				.contains("<header class=\"topbar\">", "class=\"card\"", "href=\"/app\">Try again</a>",
						"href=\"/app/today\">Back to Today</a>")
				.doesNotContain("class=\"sidebar\"");
			ExchangeResult adding = second.get(1);
			assertThat(adding.getStatus().value()).isEqualTo(503);
			assertThat(text(adding)).contains("value=\"Buy milk tomorrow &lt;b&gt;\"");
			ExchangeResult health = second.get(2);
			assertThat(health.getStatus().value()).isEqualTo(503);
			assertThat(json(health).get("status").stringValue()).isEqualTo("DOWN");
			assertThat(health.getResponseHeaders().getFirst("Retry-After")).isEqualTo("2");
			assertThat(second.get(3).getStatus().value()).isEqualTo(503);
			assertThat(second.get(3).getResponseHeaders().getFirst("Retry-After")).isEqualTo("2");
			client.get().uri("/health/live").exchange().expectStatus().isOk();

			try (EmbeddedPostgres restarted = EmbeddedDatabase
				.builder(this.dataDir, databasePort, Duration.ofSeconds(30))
				.start()) {
				long back = System.nanoTime();
				// The contract sets no time for coming back; on a busy machine the pool
				// reconnects when the machine lets it. Awaited, and the time printed as a
				// figure rather than judged.
				Awaitility.await()
					.atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> get(client, "/health").getStatus().value() == 200);
				System.out.printf("FIGURE serving again %d ms after the database came back%n",
						Duration.ofNanos(System.nanoTime() - back).toMillis());
				client.get().uri("/tasks/{id}", id).exchange().expectStatus().isOk();
				client.post()
					.uri("/tasks/{id}/complete", id)
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody()
					.jsonPath("$.completed")
					.isEqualTo(true);
			}
		}
	}

	/**
	 * Credentials the service must look up are checked in the security filters, before
	 * any controller: their 503 is written there, and must be the same problem.
	 */
	@Test
	void answersCredentialChecks503WhileTheDatabaseIsDown() throws Exception {
		try (ConfigurableApplicationContext context = start("--tasktracker.embedded.port=" + FreePort.find(),
				"--tasktracker.auth.mode=required", "--tasktracker.auth.admin-username=keeper",
				"--tasktracker.auth.admin-password=correct horse battery")) {
			RestTestClient client = client(context);
			String basic = "Basic " + java.util.Base64.getEncoder()
				.encodeToString("keeper:correct horse battery".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			client.get().uri("/users/me").header("Authorization", basic).exchange().expectStatus().isOk();

			context.getBean(EmbeddedDatabase.class).close();

			for (ExchangeResult response : timedAtOnce(
					List.of(() -> withUnknownToken(client), () -> newTokenWithPassword(client, basic)))) {
				JsonNode problem = assertProblem(response, 503, null);
				assertThat(response.getResponseHeaders().getFirst("Retry-After")).isEqualTo("2");
				assertThat(response.getResponseHeaders().getFirst("WWW-Authenticate")).as("not a refusal").isNull();
				assertThat(problem.get("request_id").stringValue())
					.isEqualTo(response.getResponseHeaders().getFirst("X-Request-Id"));
				assertThat(problem.get("detail").stringValue())
					.isEqualTo("The database cannot be reached; retry later");
			}
		}
	}

	/**
	 * A database that stops answering without closing its connections (here its processes
	 * are paused, as by SIGSTOP): connections still open and nothing fails fast, so only
	 * the service's timeouts end each wait. How long they take is added up by
	 * {@link DatabaseTimeoutsTests}; this shows what the client gets.
	 */
	@Test
	@EnabledOnOs({ OS.LINUX, OS.MAC })
	void answers503WhileTheDatabaseIsSilent() throws Exception {
		try (ConfigurableApplicationContext context = start("--tasktracker.embedded.port=" + FreePort.find())) {
			RestTestClient client = client(context);
			long id = id(create(client, "x"));
			client.post().uri("/users").contentType(MediaType.APPLICATION_JSON).body("""
					{"username": "bob", "password": "new long passphrase"}
					""").exchange().expectStatus().isCreated();
			String basic = "Basic " + java.util.Base64.getEncoder()
				.encodeToString("bob:new long passphrase".getBytes(java.nio.charset.StandardCharsets.UTF_8));

			List<ExchangeResult> answers;
			try (Paused paused = Paused.processesOf(this.dataDir)) {
				answers = atOnce(List.of(() -> get(client, "/health"), () -> get(client, "/health/ready"),
						() -> get(client, "/tasks/" + id), () -> get(client, "/tasks"), () -> create(client, "y"),
						() -> client.post().uri("/tasks/{id}/complete", id).exchange().returnResult(),
						() -> withUnknownToken(client), () -> newTokenWithPassword(client, basic)));
			}

			for (ExchangeResult health : answers.subList(0, 2)) {
				assertThat(health.getStatus().value()).isEqualTo(503);
				assertThat(health.getResponseHeaders().getFirst("Retry-After")).isEqualTo("2");
				assertThat(json(health).get("status").stringValue()).isEqualTo("DOWN");
			}
			for (ExchangeResult response : answers.subList(2, answers.size())) {
				JsonNode problem = assertProblem(response, 503, null);
				assertThat(response.getResponseHeaders().getFirst("Retry-After")).as(response.toString())
					.isEqualTo("2");
				assertThat(problem.get("detail").stringValue())
					.isEqualTo("The database cannot be reached; retry later");
			}
		}
	}

	/** The embedded PostgreSQL's processes, paused until closed. */
	private record Paused(List<ProcessHandle> processes) implements AutoCloseable {

		static Paused processesOf(Path dataDir) throws Exception {
			Path pidFile;
			try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dataDir)) {
				pidFile = files.filter((file) -> file.getFileName().toString().equals("postmaster.pid"))
					.findFirst()
					.orElseThrow();
			}
			ProcessHandle postmaster = ProcessHandle
				.of(Long.parseLong(java.nio.file.Files.readAllLines(pidFile).get(0).trim()))
				.orElseThrow();
			List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
			all.add(postmaster);
			Paused paused = new Paused(all);
			paused.signal("STOP");
			return paused;
		}

		@Override
		public void close() throws Exception {
			signal("CONT");
		}

		private void signal(String name) throws Exception {
			List<String> command = new ArrayList<>(List.of("kill", "-" + name));
			this.processes.forEach((process) -> command.add(Long.toString(process.pid())));
			assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).as(command.toString()).isZero();
		}

	}

	/**
	 * Sends the requests at once and returns their answers in order; a minute is only a
	 * guard against a hang, far past any limit of the service's.
	 */
	/** A token of the right form that no cache knows: only the database can say. */
	private static ExchangeResult withUnknownToken(RestTestClient client) {
		return client.get()
			.uri("/tasks")
			.header("Authorization", "Bearer tt_unknownunknownunknownunknownunknown5678")
			.exchange()
			.returnResult();
	}

	/** A password checked, then a token made: both need the database. */
	private static ExchangeResult newTokenWithPassword(RestTestClient client, String basic) {
		return client.post()
			.uri("/tokens")
			.header("Authorization", basic)
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"name": "phone"}
					""")
			.exchange()
			.returnResult();
	}

	private static List<ExchangeResult> atOnce(List<Supplier<ExchangeResult>> requests) throws Exception {
		try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<ExchangeResult>> sent = new ArrayList<>();
			for (Supplier<ExchangeResult> request : requests) {
				sent.add(senders.submit(request::get));
			}
			List<ExchangeResult> answers = new ArrayList<>();
			for (Future<ExchangeResult> answer : sent) {
				answers.add(answer.get(1, TimeUnit.MINUTES));
			}
			return answers;
		}
	}

	/** Runs a request and checks that it was answered within the contract's 5 seconds. */
	private static ExchangeResult timed(Supplier<ExchangeResult> request) {
		long started = System.nanoTime();
		ExchangeResult response = request.get();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as(response.toString())
			.isLessThan(Duration.ofSeconds(5));
		return response;
	}

	/**
	 * Sends the requests at once and returns their answers in order, each {@link #timed}.
	 */
	private static List<ExchangeResult> timedAtOnce(List<Supplier<ExchangeResult>> requests) throws Exception {
		try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<ExchangeResult>> sent = new ArrayList<>();
			for (Supplier<ExchangeResult> request : requests) {
				sent.add(senders.submit(() -> timed(request)));
			}
			List<ExchangeResult> answers = new ArrayList<>();
			for (Future<ExchangeResult> answer : sent) {
				try {
					answers.add(answer.get());
				}
				catch (ExecutionException ex) {
					// the request's own failure, such as an answer later than 5 s
					if (ex.getCause() instanceof Error error) {
						throw error;
					}
					throw ex;
				}
			}
			return answers;
		}
	}

	private ConfigurableApplicationContext start(String... arguments) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--tasktracker.embedded.data-dir=" + this.dataDir,
				"--" + SharedTestDatabase.OWN_DATABASE + "=true"));
		all.addAll(List.of(arguments));
		return new SpringApplicationBuilder(TaskTrackerApplication.class).run(all.toArray(String[]::new));
	}

	private static RestTestClient client(ConfigurableApplicationContext context) {
		return Responses.clientFor(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

	private static String text(ExchangeResult response) {
		return new String(response.getResponseBodyContent(), java.nio.charset.StandardCharsets.UTF_8);
	}

	private static ExchangeResult get(RestTestClient client, String path) {
		return client.get().uri(path).exchange().returnResult();
	}

	private static ExchangeResult create(RestTestClient client, String title) {
		return client.post().uri("/tasks").contentType(MediaType.APPLICATION_JSON).body("""
				{"title": "%s"}
				""".formatted(title)).exchange().returnResult();
	}

}
