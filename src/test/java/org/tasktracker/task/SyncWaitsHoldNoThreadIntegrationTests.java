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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A waiting sync poll holds no request thread: on a Tomcat pool of four platform threads,
 * three times as many waits leave other requests served, and one change answers them all.
 * Were each wait parked on its request's thread, the list below would queue behind them
 * for their whole minute.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.http.virtual-threads=false", "server.tomcat.threads.max=4",
				"server.tomcat.threads.min-spare=1" })
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class SyncWaitsHoldNoThreadIntegrationTests {

	/** Generous: the machine may be slow and busy; nothing here depends on it. */
	private static final Duration PATIENCE = Duration.ofSeconds(60);

	/** Well within the waits' minute, and far beyond what a list takes even when busy. */
	private static final Duration SERVED_WITHIN = Duration.ofSeconds(40);

	@Autowired
	private RestTestClient client;

	@Autowired
	private SyncWaiters waiters;

	@Autowired
	private JsonMapper json;

	@LocalServerPort
	private int port;

	@Test
	void waitsLeaveThePoolsThreadsToOtherRequests() throws Exception {
		TreeAndOrderApi api = new TreeAndOrderApi(this.client, "UTC");
		long id = api.createId("{\"title\": \"Before\"}");
		SyncIntegrationTests.Replica replica = new SyncIntegrationTests.Replica();
		replica.syncAll(api, 500);
		int before = this.waiters.waiting();
		int clients = 12;
		HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
		HttpRequest wait = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/sync?wait=60&since=" + replica.token))
			.header("Authorization", api.bearer)
			.build();
		List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			answers.add(http.sendAsync(wait, HttpResponse.BodyHandlers.ofString()));
		}
		await().atMost(PATIENCE).until(() -> this.waiters.waiting() >= before + clients);

		HttpResponse<String> list = http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/tasks"))
				.header("Authorization", api.bearer)
				.timeout(SERVED_WITHIN)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
		assertThat(list.body()).contains("\"Before\"");
		api.expect(200, "PATCH", "/tasks/" + id, "{\"title\": \"After\"}");

		for (CompletableFuture<HttpResponse<String>> answer : answers) {
			HttpResponse<String> response = answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode page = this.json.readTree(response.body());
			assertThat(page.get("tasks")).hasSize(1);
			assertThat(page.get("tasks").get(0).get("title").stringValue()).isEqualTo("After");
		}
	}

	@Test
	void aWaitIsLoggedOnceWhenAnsweredWithItsStatusAndWholeTime(CapturedOutput output) throws Exception {
		TreeAndOrderApi api = new TreeAndOrderApi(this.client, "UTC");
		String requestId = "logged-wait-" + System.nanoTime();

		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/sync?wait=1"))
				.header("Authorization", api.bearer)
				.header("X-Request-Id", requestId)
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(200);
		await().atMost(PATIENCE).until(() -> output.getOut().contains("[" + requestId + "]"));
		List<String> lines = output.getOut().lines().filter((line) -> line.contains("[" + requestId + "]")).toList();
		assertThat(lines).singleElement().asString().contains("tasktracker.requests").contains("GET /sync 200 ");
		Matcher took = Pattern.compile("GET /sync 200 (\\d+)ms").matcher(lines.get(0));
		assertThat(took.find()).isTrue();
		assertThat(Long.parseLong(took.group(1))).as("the whole wait of a second, not the dispatch that began it")
			.isGreaterThanOrEqualTo(1000);
	}

}
