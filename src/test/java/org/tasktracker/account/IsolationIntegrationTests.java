package org.tasktracker.account;

import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.account.AccountFixtures.bearer;
import static org.tasktracker.account.AccountFixtures.createToken;
import static org.tasktracker.account.AccountFixtures.createUser;
import static org.tasktracker.account.AccountFixtures.uniqueUsername;
import static org.tasktracker.support.ProblemAssert.assertProblem;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * Two users on one service: every task endpoint tried with the other user's ids and
 * tokens. Another user's task is indistinguishable from one that does not exist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class IsolationIntegrationTests {

	@Autowired
	private RestTestClient client;

	private String ada;

	private String bob;

	private long adaTask;

	private String marker;

	@BeforeEach
	void twoUsersAndOneTask() {
		String adaName = uniqueUsername("ada");
		String bobName = uniqueUsername("bob");
		createUser(this.client, adaName, false);
		createUser(this.client, bobName, false);
		this.ada = bearer(createToken(this.client, adaName, "tasks:read", "tasks:write"));
		this.bob = bearer(createToken(this.client, bobName, "tasks:read", "tasks:write"));
		this.marker = "secret-" + adaName;
		ExchangeResult created = send(this.ada,
				(client) -> client.post()
					.uri("/tasks")
					.contentType(MediaType.APPLICATION_JSON)
					.body("{\"title\": \"" + this.marker + "\", \"description\": \"ada's notes\"}"));
		assertThat(status(created)).isEqualTo(201);
		this.adaTask = json(created).get("id").longValue();
	}

	@Test
	void anotherUsersTaskIsANotFoundOnEveryEndpoint() {
		String path = "/tasks/" + this.adaTask;
		ExchangeResult absent = send(this.bob, (client) -> client.get().uri("/tasks/{id}", Long.MAX_VALUE));
		String missingDetail = json(absent).get("detail").stringValue().replace(Long.toString(Long.MAX_VALUE), "#");

		for (ExchangeResult response : new ExchangeResult[] { send(this.bob, (client) -> client.get().uri(path)),
				send(this.bob,
						(client) -> client.patch()
							.uri(path)
							.contentType(MediaType.APPLICATION_JSON)
							.body("{\"title\": \"taken over\"}")),
				send(this.bob, (client) -> client.patch().uri(path).contentType(MediaType.APPLICATION_JSON).body("{}")),
				send(this.bob, (client) -> client.post().uri(path + "/complete")),
				send(this.bob, (client) -> client.post().uri(path + "/reopen")),
				send(this.bob, (client) -> client.delete().uri(path)) }) {
			JsonNode problem = assertProblem(response, 404, null);
			assertThat(problem.get("detail").stringValue().replace(Long.toString(this.adaTask), "#"))
				.as("the same words as for a task that never existed")
				.isEqualTo(missingDetail);
		}

		JsonNode task = json(send(this.ada, (client) -> client.get().uri(path)));
		assertThat(task.get("title").stringValue()).isEqualTo(this.marker);
		assertThat(task.get("completed").booleanValue()).isFalse();
	}

	@Test
	void anotherUsersTasksAreAbsentFromListingsSearchesAndLinks() {
		JsonNode listing = json(send(this.bob, (client) -> client.get().uri("/tasks?limit=1000")));
		assertThat(listing.toString()).doesNotContain(this.marker);
		JsonNode search = json(send(this.bob, (client) -> client.get().uri("/tasks?q={q}", this.marker)));
		assertThat(search).isEmpty();
		ExchangeResult firstPage = send(this.bob, (client) -> client.get().uri("/tasks?limit=1"));
		assertThat(firstPage.getResponseHeaders().getFirst(HttpHeaders.LINK)).as("bob has no tasks").isNull();

		assertThat(json(send(this.ada, (client) -> client.get().uri("/tasks?q={q}", this.marker)))).hasSize(1);
		assertThat(json(send(null, (client) -> client.get().uri("/tasks?q={q}", this.marker))))
			.as("the local user's listing")
			.isEmpty();
	}

	@Test
	void idempotencyKeysArePerUser() {
		String key = "same-key-" + this.marker;
		ExchangeResult adas = createWithKey(this.ada, key, "from ada");
		ExchangeResult bobs = createWithKey(this.bob, key, "from bob");
		ExchangeResult bobsAgain = createWithKey(this.bob, key, "from bob");

		assertThat(status(adas)).isEqualTo(201);
		assertThat(status(bobs)).isEqualTo(201);
		assertThat(bobs.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
		assertThat(json(bobs).get("id")).isNotEqualTo(json(adas).get("id"));
		assertThat(json(bobs).get("title").stringValue()).isEqualTo("from bob");
		assertThat(bobsAgain.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(json(bobsAgain).get("id")).isEqualTo(json(bobs).get("id"));
	}

	@Test
	void concurrentCompletesOfTwoUsersNeverCrossOver() throws Exception {
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
		try {
			java.util.List<java.util.concurrent.Future<ExchangeResult>> bobsTries = new java.util.ArrayList<>();
			java.util.List<java.util.concurrent.Future<ExchangeResult>> adasTries = new java.util.ArrayList<>();
			for (int i = 0; i < 20; i++) {
				bobsTries.add(pool
					.submit(() -> send(this.bob, (client) -> client.post().uri("/tasks/{id}/complete", this.adaTask))));
				adasTries.add(pool
					.submit(() -> send(this.ada, (client) -> client.post().uri("/tasks/{id}/complete", this.adaTask))));
			}
			for (java.util.concurrent.Future<ExchangeResult> bobs : bobsTries) {
				assertThat(status(bobs.get())).isEqualTo(404);
			}
			for (java.util.concurrent.Future<ExchangeResult> adas : adasTries) {
				assertThat(status(adas.get())).isEqualTo(200);
				assertThat(json(adas.get()).get("id").longValue()).isEqualTo(this.adaTask);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private ExchangeResult createWithKey(String authorization, String key, String title) {
		return send(authorization,
				(client) -> client.post()
					.uri("/tasks")
					.header("Idempotency-Key", key)
					.contentType(MediaType.APPLICATION_JSON)
					.body("{\"title\": \"" + title + "\"}"));
	}

	private ExchangeResult send(String authorization,
			Function<RestTestClient, RestTestClient.RequestHeadersSpec<?>> request) {
		RestTestClient.RequestHeadersSpec<?> spec = request.apply(this.client);
		if (authorization != null) {
			spec = spec.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return spec.exchange().returnResult();
	}

}
