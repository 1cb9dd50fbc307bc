package org.tasktracker.task;

import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tasktracker.system.DatabaseRetry;
import org.tasktracker.system.InvalidRequestException;
import org.tasktracker.system.TaskTrackerProperties;
import org.tasktracker.system.TestProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * The controller with its data layer mocked: the original design's unit-test flow.
 */
class TaskControllerUnitTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private TaskRepository repository;

	private TaskController controller;

	@BeforeEach
	void setUp() {
		this.repository = mock(TaskRepository.class);
		TaskTrackerProperties properties = TestProperties.defaults();
		TaskService service = new TaskService(this.repository, mock(IdempotencyKeyRepository.class),
				new DatabaseRetry(properties, new SimpleMeterRegistry()),
				new TransactionTemplate(mock(PlatformTransactionManager.class)), this.json, properties,
				new SimpleMeterRegistry());
		this.controller = new TaskController(service);
	}

	@Test
	void createsTaskThroughTheRepository() {
		given(this.repository.create(new NewTask("Test", null))).willReturn(TaskFixtures.aTask());

		ResponseEntity<Task> response = this.controller.create(body("{\"title\": \"Test\"}"), null);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getHeaders().getFirst(HttpHeaders.LOCATION)).isEqualTo("/tasks/1");
		Task task = response.getBody();
		assertThat(task).isNotNull();
		assertThat(task.id()).isEqualTo(1);
		assertThat(task.title()).isEqualTo("Test");
	}

	@Test
	void passesTheTrimmedTitleToTheRepository() {
		given(this.repository.create(any())).willReturn(TaskFixtures.aTask());

		this.controller.create(body("{\"title\": \"  Test \\t\", \"description\": \"d\"}"), null);

		then(this.repository).should().create(new NewTask("Test", "d"));
	}

	@Test
	void neverReachesTheRepositoryWithAnInvalidTask() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.controller.create(body("{\"title\": \"\"}"), null));
		then(this.repository).should(never()).create(any());
	}

	@Test
	void rejectsNonObjectBodiesAsMalformed() {
		assertThatExceptionOfType(NotAnObjectException.class).isThrownBy(() -> this.controller.create(body("[]"), null))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
	}

	@Test
	void refusesMalformedIdempotencyKeys() {
		for (String key : List.of("", "x".repeat(256), "caf\u00e9", "tab\tkey")) {
			assertThatExceptionOfType(InvalidRequestException.class).as(key)
				.isThrownBy(() -> this.controller.create(body("{\"title\": \"Test\"}"), key))
				.satisfies((ex) -> assertThat(ex.getErrors()).extracting("field").containsExactly("Idempotency-Key"));
		}
		then(this.repository).shouldHaveNoInteractions();
	}

	@Test
	void completesThroughTheRepository() {
		Task completed = new Task(1, "Test", null, true, TaskFixtures.CREATED, TaskFixtures.CREATED,
				TaskFixtures.CREATED);
		given(this.repository.complete(1)).willReturn(Optional.of(completed));

		assertThat(this.controller.complete("1")).isEqualTo(completed);
	}

	@Test
	void reportsAnUnknownTaskAsNotFound() {
		given(this.repository.complete(7)).willReturn(Optional.empty());

		assertThatExceptionOfType(TaskNotFoundException.class).isThrownBy(() -> this.controller.complete("7"))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
				assertThat(ex.getBody().getDetail()).isEqualTo("Task 7 does not exist");
			});
	}

	@Test
	void rejectsIdsThatAreNotPositiveInt64() {
		for (String id : List.of("abc", "0", "-1", "1.5", "99999999999999999999", "", " 1", "+1", "0x10")) {
			assertThatExceptionOfType(InvalidRequestException.class).as(id)
				.isThrownBy(() -> this.controller.get(id))
				.satisfies((ex) -> assertThat(ex.getErrors()).extracting("field").containsExactly("id"));
		}
		then(this.repository).shouldHaveNoInteractions();
	}

	@Test
	void acceptsTheLargestInt64Id() {
		given(this.repository.findById(Long.MAX_VALUE)).willReturn(Optional.empty());

		assertThatExceptionOfType(TaskNotFoundException.class)
			.isThrownBy(() -> this.controller.get(Long.toString(Long.MAX_VALUE)));
	}

	@Test
	void asksForOneRowMoreThanThePageToDecideOnANextLink() {
		Task first = TaskFixtures.aTask();
		Task second = new Task(2, "Two", null, false, TaskFixtures.CREATED, TaskFixtures.CREATED, null);
		given(this.repository.find(any(), anyInt())).willReturn(List.of(first, second));
		LinkedMultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
		parameters.add("limit", "1");
		parameters.add("q", "a b&c");

		ResponseEntity<List<Task>> response = this.controller.list(parameters);

		then(this.repository).should().find(any(), org.mockito.ArgumentMatchers.eq(2));
		assertThat(response.getBody()).containsExactly(first);
		assertThat(response.getHeaders().getFirst(HttpHeaders.LINK))
			.isEqualTo("</tasks?q=a%20b%26c&limit=1&after=1>; rel=\"next\"");
	}

	private JsonNode body(String text) {
		return this.json.readTree(text);
	}

}
