package org.tasktracker.task;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
		WaitingPolls polls = WaitingPolls.start(this.port, api, replica.token, 12, this.waiters);

		HttpResponse<String> list = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/tasks"))
				.header("Authorization", api.bearer)
				.timeout(SERVED_WITHIN)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
		assertThat(list.body()).contains("\"Before\"");
		api.expect(200, "PATCH", "/tasks/" + id, "{\"title\": \"After\"}");

		polls.assertEachAnsweredWith("After", this.json);
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
		await().atMost(WaitingPolls.PATIENCE).until(() -> output.getOut().contains("[" + requestId + "]"));
		List<String> lines = output.getOut().lines().filter((line) -> line.contains("[" + requestId + "]")).toList();
		assertThat(lines).singleElement().asString().contains("tasktracker.requests").contains("GET /sync 200 ");
		Matcher took = Pattern.compile("GET /sync 200 (\\d+)ms").matcher(lines.get(0));
		assertThat(took.find()).isTrue();
		assertThat(Long.parseLong(took.group(1))).as("the whole wait of a second, not the dispatch that began it")
			.isGreaterThanOrEqualTo(1000);
	}

}
