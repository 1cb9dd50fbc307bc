package org.tasktracker.task;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients each holding {@code GET /sync?wait=60} open from one token, every one on a
 * connection of its own, until a change answers them.
 */
final class WaitingPolls {

	/** Generous: the machine may be slow and busy; nothing here depends on it. */
	static final Duration PATIENCE = Duration.ofSeconds(60);

	private final List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();

	private WaitingPolls() {
	}

	/** Starts the polls and returns once the service counts every one as waiting. */
	static WaitingPolls start(int port, TreeAndOrderApi api, String token, int clients, SyncWaiters waiters) {
		int before = waiters.waiting();
		HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/sync?wait=60&since=" + token))
			.header("Authorization", api.bearer)
			.build();
		WaitingPolls polls = new WaitingPolls();
		for (int i = 0; i < clients; i++) {
			polls.answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
		}
		await().atMost(PATIENCE).until(() -> waiters.waiting() >= before + clients);
		return polls;
	}

	/** Every poll is answered 200 with the one task changed since, now titled so. */
	void assertEachAnsweredWith(String title, JsonMapper json) throws Exception {
		for (CompletableFuture<HttpResponse<String>> answer : this.answers) {
			HttpResponse<String> response = answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode page = json.readTree(response.body());
			assertThat(page.get("tasks")).hasSize(1);
			assertThat(page.get("tasks").get(0).get("title").stringValue()).isEqualTo(title);
		}
	}

}
