package org.tasktracker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.tasktracker.support.Responses;
import org.tasktracker.support.ServiceProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service as a process on its embedded PostgreSQL: killed under concurrent
 * writes it loses no acknowledged task; terminated it drains and stops its database.
 * <p>
 * The tests run two at a time: each has its own folder, database and ports, and most of a
 * test is a JVM starting, which leaves the other core idle when run alone.
 */
@Execution(ExecutionMode.CONCURRENT)
class ServiceProcessIT {

	private static final int WRITERS = 16;

	@TempDir
	Path workDir;

	private final List<ServiceProcess> started = new ArrayList<>();

	@AfterEach
	void stopEverything() throws Exception {
		for (ServiceProcess service : this.started) {
			service.process().destroyForcibly();
		}
		// A killed service leaves its PostgreSQL running; stop it too.
		Path pidFile = dataDir().resolve("postmaster.pid");
		if (Files.exists(pidFile)) {
			long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
		}
	}

	@Test
	void losesNoAcknowledgedTaskWhenKilledUnderConcurrentWrites() throws Exception {
		Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
		for (int round = 1; round <= 2; round++) {
			ServiceProcess service = start();
			int before = acknowledged.size();
			AtomicBoolean stop = new AtomicBoolean();
			AtomicInteger serverErrors = new AtomicInteger();
			try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
				List<Future<?>> running = new ArrayList<>();
				for (int writer = 0; writer < WRITERS; writer++) {
					int id = writer;
					running.add(writers
						.submit(() -> write(service.client(), "round " + id, acknowledged, stop, serverErrors)));
				}
				Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= before + 300);
				service.kill();
				stop.set(true);
				for (Future<?> writer : running) {
					writer.get();
				}
			}
			assertThat(serverErrors).as("5xx answers before the kill").hasValue(0);
		}

		ServiceProcess survivor = start();
		RestTestClient client = survivor.client();
		List<Long> missing = acknowledged.stream().filter((id) -> !exists(client, id)).toList();
		System.out.printf("SIGKILL under %d writers, twice: %d acknowledged tasks, %d missing after restart%n", WRITERS,
				acknowledged.size(), missing.size());
		assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(600);
		assertThat(missing).as("acknowledged tasks lost").isEmpty();
		assertThat(survivor.log()).contains("from an earlier run still holds");
	}

	@Test
	void drainsRequestsAndStopsItsDatabaseOnSigterm() throws Exception {
		ServiceProcess service = start();
		String ready = "TaskTracker is ready: open http://127.0.0.1:" + service.port() + "/";
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> service.log().contains(ready));
		Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger serverErrors = new AtomicInteger();
		try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
			List<Future<?>> running = new ArrayList<>();
			for (int writer = 0; writer < WRITERS; writer++) {
				running.add(writers.submit(() -> write(service.client(), "drain", acknowledged, stop, serverErrors)));
			}
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 200);
			service.terminate(Duration.ofSeconds(30));
			stop.set(true);
			for (Future<?> writer : running) {
				writer.get();
			}
		}

		assertThat(serverErrors).as("5xx answers while draining").hasValue(0);
		assertThat(service.log()).contains("Graceful shutdown complete");
		assertThat(dataDir().resolve("postmaster.pid")).as("PostgreSQL stopped cleanly").doesNotExist();

		ServiceProcess next = start();
		RestTestClient client = next.client();
		assertThat(acknowledged.stream().filter((id) -> !exists(client, id))).isEmpty();
		assertThat(next.log()).doesNotContain("from an earlier run still holds");
	}

	/**
	 * Two instances on one PostgreSQL (the first one's embedded server): a sync waiting
	 * on one answers as soon as a change made through the other commits, woken through
	 * the database's notifications.
	 */
	@Test
	void aSyncWaitingOnOneInstanceAnswersAChangeMadeThroughAnother() throws Exception {
		ServiceProcess first = ServiceProcess.start(dataDir(), this.workDir.resolve("first.log"), Map.of());
		this.started.add(first);
		// The port its PostgreSQL chose, as logged: a port found free here
		// could be taken by another test's service before the database bound it.
		int databasePort = first.embeddedDatabasePort();
		assertThat(databasePort).as("the embedded database's port in the log").isPositive();
		ServiceProcess second = ServiceProcess.start(this.workDir.resolve("unused"), this.workDir.resolve("second.log"),
				Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1:" + databasePort + "/tasktracker"));
		this.started.add(second);
		long id = Responses
			.json(first.client()
				.post()
				.uri("/tasks")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"title\": \"Before\"}")
				.exchange()
				.returnResult())
			.get("id")
			.longValue();
		String token = Responses.json(first.client().get().uri("/sync").exchange().returnResult())
			.get("next")
			.stringValue();

		CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> Responses
			.json(first.client().get().uri("/sync?wait=60&since=" + token).exchange().returnResult()));
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> metric(first, "tasktracker_sync_waiting") >= 1);
		second.client()
			.patch()
			.uri("/tasks/" + id)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"title\": \"After, through the second\"}")
			.exchange()
			.returnResult();

		// Without the notification the answer would come after 60 s, and empty.
		JsonNode page = waiting.get(60, TimeUnit.SECONDS);
		assertThat(page.get("tasks")).hasSize(1);
		assertThat(page.get("tasks").get(0).get("title").stringValue()).isEqualTo("After, through the second");
	}

	private static double metric(ServiceProcess service, String name) {
		String scrape = new String(
				service.client().get().uri("/metrics").exchange().returnResult().getResponseBodyContent(),
				StandardCharsets.UTF_8);
		return scrape.lines()
			.filter((line) -> line.startsWith(name + " ") || line.startsWith(name + "{"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	@Test
	void writesOneJsonObjectPerLogLineWithTheRequestIdAndServesOnVirtualThreads() throws Exception {
		List<JsonNode> lines = jsonLogOfOneRequest("json.log", Map.of());

		assertThat(lines).hasSizeGreaterThan(5).allSatisfy((line) -> assertThat(line.has("@timestamp")).isTrue());
		assertThat(lines).anySatisfy((line) -> {
			assertThat(line.get("message").stringValue()).isEqualTo("GET /tasks/{id} 404 " + millis(line));
			assertThat(line.path("request_id").asString()).isEqualTo("trace-42");
			assertThat(threadName(line)).startsWith("tomcat-handler-");
		});
	}

	@Test
	void servesOnTomcatsPlatformThreadsWhenVirtualThreadsAreTurnedOff() throws Exception {
		List<JsonNode> lines = jsonLogOfOneRequest("platform.log", Map.of("VIRTUAL_THREADS", "false"));

		assertThat(lines).anySatisfy((line) -> {
			assertThat(line.path("request_id").asString()).isEqualTo("trace-42");
			// Tomcat names its executor by the port, "auto-1" for one the system chose.
			assertThat(threadName(line)).matches("http-nio-(\\d+|auto-\\d+)-exec-\\d+");
		});
	}

	/** Starts the service logging JSON, sends it one request and stops it. */
	private List<JsonNode> jsonLogOfOneRequest(String logName, Map<String, String> environment) throws Exception {
		Path log = this.workDir.resolve(logName);
		Map<String, String> settings = new HashMap<>(environment);
		settings.put("LOG_FORMAT", "json");
		ServiceProcess service = ServiceProcess.start(dataDir(), log, settings);
		this.started.add(service);
		service.client()
			.get()
			.uri("/tasks/1")
			.header("X-Request-Id", "trace-42")
			.exchange()
			.expectStatus()
			.isNotFound();
		service.terminate(Duration.ofSeconds(30));

		JsonMapper json = JsonMapper.builder().build();
		return Files.readAllLines(log).stream().filter((line) -> !line.isBlank()).map(json::readTree).toList();
	}

	private static String threadName(JsonNode line) {
		return line.path("process").path("thread").path("name").asString();
	}

	@Test
	void exitsWithOneLineOfReasonAndNoSecretWhenTheDatabaseNeverComes() throws Exception {
		Path log = this.workDir.resolve("unreachable.log");
		ProcessBuilder builder = new ProcessBuilder(ServiceProcess.command()).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("PORT", "0");
		builder.environment().put("DATABASE_URL", "postgresql://app:VerySecret42@127.0.0.1:1/tasks");
		builder.environment().put("DATABASE_STARTUP_TIMEOUT", "2s");
		Process process = builder.start();

		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isEqualTo(1);
		String output = Files.readString(log);
		assertThat(output).contains("Database not reachable after 2s (")
			.contains("Database not reachable (attempt 1: Connection refused)")
			.doesNotContain("VerySecret42");
	}

	private static String millis(JsonNode line) {
		String message = line.get("message").stringValue();
		return message.substring(message.lastIndexOf(' ') + 1);
	}

	/** Creates tasks until stopped or the service is gone, recording each 201. */
	private static void write(RestTestClient client, String title, Set<Long> acknowledged, AtomicBoolean stop,
			AtomicInteger serverErrors) {
		while (!stop.get()) {
			ExchangeResult response;
			try {
				response = client.post().uri("/tasks").contentType(MediaType.APPLICATION_JSON).body("""
						{"title": "%s"}
						""".formatted(title)).exchange().returnResult();
			}
			catch (RestClientException | IllegalStateException ex) {
				// refused, or cut off part way through the response: the service is gone
				return;
			}
			if (response.getStatus().value() == 201) {
				acknowledged.add(Responses.id(response));
			}
			else if (response.getStatus().is5xxServerError()) {
				serverErrors.incrementAndGet();
			}
		}
	}

	private static boolean exists(RestTestClient client, long id) {
		return client.get().uri("/tasks/{id}", id).exchange().returnResult().getStatus().value() == 200;
	}

	private ServiceProcess start() {
		ServiceProcess service = ServiceProcess.start(dataDir(), this.workDir.resolve("service.log"), Map.of());
		this.started.add(service);
		return service;
	}

	private Path dataDir() {
		Path dataDir = this.workDir.resolve("data");
		try {
			return Files.createDirectories(dataDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
