package org.tasktracker.database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tasktracker.TaskTrackerApplication;
import org.tasktracker.support.Responses;
import org.tasktracker.support.FreePort;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Start-up against an external PostgreSQL that is not there yet: the service waits,
 * logging each attempt, and gives up with one clear reason when the wait runs out.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupWaitIntegrationTests {

	@TempDir
	Path dataDir;

	@Test
	void waitsForADatabaseThatStartsLater(CapturedOutput output) throws Exception {
		int databasePort = FreePort.find();
		CompletableFuture<ConfigurableApplicationContext> starting = CompletableFuture
			.supplyAsync(() -> start(databasePort, "30s"));
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("attempt 2:"));
		assertThat(starting).isNotDone();

		try (EmbeddedPostgres postgres = EmbeddedDatabase.builder(this.dataDir, databasePort, Duration.ofSeconds(30))
			.start(); ConfigurableApplicationContext context = starting.get()) {
			assertThat(output.getOut()).contains("Database not reachable (attempt 1: Connection refused)");
			RestTestClient client = Responses
				.clientFor(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
			client.get().uri("/health").exchange().expectStatus().isOk();
			client.post().uri("/tasks").contentType(MediaType.APPLICATION_JSON).body("""
					{"title": "after the wait"}
					""").exchange().expectStatus().isCreated();
		}
	}

	@Test
	void givesUpWithOneLineOfReasonWhenTheWaitRunsOut(CapturedOutput output) {
		int databasePort = FreePort.find();
		long started = System.nanoTime();
		assertThatException().isThrownBy(() -> start(databasePort, "2s"))
			.withRootCauseInstanceOf(DatabaseUnavailableAtStartupException.class)
			.havingRootCause()
			.withMessageStartingWith("Database not reachable after 2s (")
			.withMessageEndingWith("last error: Connection refused");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains("Database not reachable after 2s")
			.contains("DATABASE_STARTUP_TIMEOUT");
	}

	private static ConfigurableApplicationContext start(int databasePort, String timeout) {
		return new SpringApplicationBuilder(TaskTrackerApplication.class).run("--server.port=0",
				"--spring.datasource.url=jdbc:postgresql://localhost:" + databasePort + "/postgres",
				"--spring.datasource.username=postgres", "--tasktracker.database.startup-timeout=" + timeout);
	}

}
