package org.tasktracker.ops;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.tasktracker.TaskTrackerApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code SHUTDOWN_DRAIN_DELAY}: once shutdown begins, {@code /health/ready} answers 503
 * while every other request is still served, for the delay; then the service stops
 * accepting connections.
 */
class ShutdownDrainIntegrationTests {

	private int port;

	@Test
	void reportsNotReadyWhileStillServingDuringTheDrainThenStopsAccepting() throws Exception {
		// An application of its own, not the test framework's: the test closes it.
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TaskTrackerApplication.class)
			.run("--server.port=0", "--tasktracker.shutdown.drain-delay=10s");
		this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
		assertThat(status("GET", "/health/ready")).isEqualTo(200);

		CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> status("GET", "/health/ready") == 503);

		assertThat(status("POST", "/tasks")).as("a create during the drain").isEqualTo(201);
		assertThat(status("GET", "/tasks")).isEqualTo(200);
		assertThat(status("GET", "/health/live")).isEqualTo(200);
		assertThat(closing).as("still draining").isNotDone();

		closing.get(60, TimeUnit.SECONDS);
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> status("GET", "/health/live"));
	}

	/**
	 * A request on a connection of its own (as a load balancer's new connection would
	 * be), as the local user, and the status of its answer.
	 */
	private int status(String method, String path) throws IOException, InterruptedException {
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.timeout(Duration.ofSeconds(5));
			if (method.equals("POST")) {
				request.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"During the drain\"}"));
			}
			return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
	}

}
