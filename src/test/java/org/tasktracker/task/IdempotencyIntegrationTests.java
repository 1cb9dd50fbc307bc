package org.tasktracker.task;

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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;
import static org.tasktracker.support.Responses.id;
import static org.tasktracker.support.Responses.json;

/**
 * {@code Idempotency-Key} on {@code POST /tasks}: one task per key, the first answer
 * replayed, a different body refused, concurrent callers served alike.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class IdempotencyIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	private String key;

	private String marker;

	@BeforeEach
	void setUp() {
		this.key = "key-" + UUID.randomUUID();
		this.marker = TaskFixtures.uniqueMarker();
	}

	@Test
	void replaysTheFirstAnswerAndCreatesNothingNew() {
		NewTask body = new NewTask(this.marker, null);
		ExchangeResult first = create(this.key, body);
		assertThat(first.getStatus().value()).isEqualTo(201);
		assertThat(first.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
		long id = id(first);
		this.client.post().uri("/tasks/{id}/complete", id).exchange().expectStatus().isOk();

		ExchangeResult repeat = create(this.key, body);

		assertThat(repeat.getStatus().value()).isEqualTo(201);
		assertThat(repeat.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(repeat.getResponseHeaders().getFirst("Location"))
			.isEqualTo(first.getResponseHeaders().getFirst("Location"));
		assertThat(json(repeat)).isEqualTo(json(first));
		assertThat(tasksWithMarker()).isEqualTo(1);
	}

	@Test
	void refusesTheSameKeyWithAnotherBody() {
		create(this.key, new NewTask(this.marker, null));

		ExchangeResult other = create(this.key, new NewTask(this.marker + " changed", null));

		assertInvalid(other, "/tasks", "Idempotency-Key");
		assertThat(tasksWithMarker()).isEqualTo(1);
	}

	@Test
	void treatsDifferentKeysAsDifferentRequests() {
		NewTask body = new NewTask(this.marker, null);
		long first = id(create(this.key, body));
		long second = id(create(this.key + "-2", body));
		assertThat(second).isNotEqualTo(first);
		assertThat(tasksWithMarker()).isEqualTo(2);
	}

	@Test
	void createsOneTaskForConcurrentRequestsWithOneKey() throws Exception {
		NewTask body = new NewTask(this.marker, null);
		int callers = 16;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<ExchangeResult>> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
			for (int i = 0; i < callers; i++) {
				Callable<ExchangeResult> call = () -> {
					start.await();
					return create(this.key, body);
				};
				answers.add(pool.submit(call));
			}
			start.countDown();
			List<ExchangeResult> responses = new ArrayList<>();
			for (Future<ExchangeResult> answer : answers) {
				responses.add(answer.get());
			}
			assertThat(responses).allSatisfy((response) -> {
				assertThat(response.getStatus().value()).isEqualTo(201);
				assertThat(json(response)).isEqualTo(json(responses.get(0)));
			});
			assertThat(responses)
				.filteredOn((response) -> String.valueOf(response.getResponseHeaders().getFirst("Idempotent-Replayed"))
					.equals("false"))
				.hasSize(1);
		}
		assertThat(tasksWithMarker()).isEqualTo(1);
	}

	@Test
	void forgetsKeysAfterTheirRetention() {
		NewTask body = new NewTask(this.marker, null);
		long first = id(create(this.key, body));
		this.jdbc.sql("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = :key")
			.param("key", this.key)
			.update();

		ExchangeResult again = create(this.key, body);

		assertThat(again.getStatus().value()).isEqualTo(201);
		assertThat(again.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
		assertThat(id(again)).isNotEqualTo(first);
	}

	@Test
	void refusesMalformedKeysByName() {
		assertInvalid(create("", new NewTask("x", null)), "/tasks", "Idempotency-Key");
		assertInvalid(create("x".repeat(256), new NewTask("x", null)), "/tasks", "Idempotency-Key");
	}

	private ExchangeResult create(String idempotencyKey, NewTask body) {
		return this.client.post()
			.uri("/tasks")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", idempotencyKey)
			.body(body)
			.exchange()
			.returnResult();
	}

	private long tasksWithMarker() {
		return this.jdbc.sql("SELECT count(*) FROM tasks WHERE title LIKE :pattern")
			.param("pattern", this.marker + "%")
			.query(Long.class)
			.single();
	}

}
