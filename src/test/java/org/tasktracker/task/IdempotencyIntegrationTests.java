package org.tasktracker.task;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tasktracker.support.ApiClient;
import org.tasktracker.support.ApiClient.Response;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;

/**
 * {@code Idempotency-Key} on {@code POST /tasks}: one task per key, the first answer
 * replayed, a different body refused, concurrent callers served alike.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdempotencyIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	private ApiClient api;

	private String key;

	private String marker;

	@BeforeEach
	void setUp() {
		this.api = new ApiClient(this.port);
		this.key = "key-" + UUID.randomUUID();
		this.marker = TaskFixtures.uniqueMarker();
	}

	@Test
	void replaysTheFirstAnswerAndCreatesNothingNew() {
		String body = "{\"title\": \"" + this.marker + "\"}";
		Response first = create(this.key, body);
		assertThat(first.status()).isEqualTo(201);
		assertThat(first.header("Idempotent-Replayed")).contains("false");
		long id = first.json().get("id").longValue();
		this.api.post("/tasks/" + id + "/complete");

		Response repeat = create(this.key, body);

		assertThat(repeat.status()).isEqualTo(201);
		assertThat(repeat.header("Idempotent-Replayed")).contains("true");
		assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
		assertThat(repeat.json()).isEqualTo(first.json());
		assertThat(tasksWithMarker()).isEqualTo(1);
	}

	@Test
	void refusesTheSameKeyWithAnotherBody() {
		create(this.key, "{\"title\": \"" + this.marker + "\"}");

		Response other = create(this.key, "{\"title\": \"" + this.marker + " changed\"}");

		assertInvalid(other, "/tasks", "Idempotency-Key");
		assertThat(tasksWithMarker()).isEqualTo(1);
	}

	@Test
	void treatsDifferentKeysAsDifferentRequests() {
		String body = "{\"title\": \"" + this.marker + "\"}";
		long first = create(this.key, body).json().get("id").longValue();
		long second = create(this.key + "-2", body).json().get("id").longValue();
		assertThat(second).isNotEqualTo(first);
		assertThat(tasksWithMarker()).isEqualTo(2);
	}

	@Test
	void createsOneTaskForConcurrentRequestsWithOneKey() throws Exception {
		String body = "{\"title\": \"" + this.marker + "\"}";
		int callers = 16;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
			for (int i = 0; i < callers; i++) {
				Callable<Response> call = () -> {
					start.await();
					return create(this.key, body);
				};
				answers.add(pool.submit(call));
			}
			start.countDown();
			List<Response> responses = new ArrayList<>();
			for (Future<Response> answer : answers) {
				responses.add(answer.get());
			}
			assertThat(responses).allSatisfy((response) -> {
				assertThat(response.status()).isEqualTo(201);
				assertThat(response.json()).isEqualTo(responses.get(0).json());
			});
			assertThat(responses)
				.filteredOn((response) -> response.header("Idempotent-Replayed").orElse("").equals("false"))
				.hasSize(1);
		}
		assertThat(tasksWithMarker()).isEqualTo(1);
	}

	@Test
	void forgetsKeysAfterTheirRetention() {
		String body = "{\"title\": \"" + this.marker + "\"}";
		long first = create(this.key, body).json().get("id").longValue();
		this.jdbc.sql("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = :key")
			.param("key", this.key)
			.update();

		Response again = create(this.key, body);

		assertThat(again.status()).isEqualTo(201);
		assertThat(again.header("Idempotent-Replayed")).contains("false");
		assertThat(again.json().get("id").longValue()).isNotEqualTo(first);
	}

	@Test
	void refusesMalformedKeysByName() {
		assertInvalid(create("", "{\"title\": \"x\"}"), "/tasks", "Idempotency-Key");
		assertInvalid(create("x".repeat(256), "{\"title\": \"x\"}"), "/tasks", "Idempotency-Key");
	}

	private Response create(String idempotencyKey, String body) {
		return this.api.send(this.api.request("/tasks")
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(BodyPublishers.ofString(body)));
	}

	private long tasksWithMarker() {
		return this.jdbc.sql("SELECT count(*) FROM tasks WHERE title LIKE :pattern")
			.param("pattern", this.marker + "%")
			.query(Long.class)
			.single();
	}

}
