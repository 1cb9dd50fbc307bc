package org.tasktracker.task;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.tasktracker.account.Account;
import org.tasktracker.account.UserZones;
import org.mockito.stubbing.Answer;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.database.Transactions;
import org.tasktracker.web.InvalidRequestException;
import org.tasktracker.web.NotAnObjectException;
import org.tasktracker.database.DatabaseProperties;
import org.tasktracker.idempotency.IdempotentCreations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

/**
 * The controller with its data layer mocked: the original design's unit-test flow.
 */
class TaskControllerUnitTests {

	private static final long OWNER = Account.LOCAL_ID;

	private static final Account CALLER = new Account(OWNER, "local", true);

	private final JsonMapper json = JsonMapper.builder().build();

	private TaskRepository repository;

	private final PlatformTransactionManager transactionManager = mock(PlatformTransactionManager.class);

	private TaskController controller;

	@BeforeEach
	void setUp() {
		this.repository = mock(TaskRepository.class);
		TaskService service = new TaskService(this.repository, mock(IdempotentCreations.class),
				new DatabaseRetry(
						new DatabaseProperties(Duration.ofSeconds(60), Duration.ofMillis(2500), Duration.ofSeconds(3)),
						new SimpleMeterRegistry()),
				new Transactions(this.transactionManager), new SimpleMeterRegistry(), mock(UserZones.class),
				mock(TaskLifecycle.class), mock(CompletionRepository.class), mock(TaskTreeRepository.class),
				mock(SyncRepository.class));
		this.controller = new TaskController(service, this.json);
	}

	@Test
	void createsTaskThroughTheRepository() {
		given(this.repository.create(OWNER, new NewTask("Test", null))).willReturn(TaskFixtures.aTask());

		ResponseEntity<Task> response = this.controller.create(CALLER, body("""
				{"title": "Test"}
				"""), null);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getHeaders().getFirst(HttpHeaders.LOCATION)).isEqualTo("/tasks/1");
		Task task = response.getBody();
		assertThat(task).isNotNull();
		assertThat(task.id()).isEqualTo(1);
		assertThat(task.title()).isEqualTo("Test");
	}

	@Test
	void passesTheTrimmedTitleToTheRepository() {
		given(this.repository.create(anyLong(), any())).willReturn(TaskFixtures.aTask());

		this.controller.create(CALLER, body("""
				{"title": "  Test \\t", "description": "d"}
				"""), null);

		then(this.repository).should().create(OWNER, new NewTask("Test", "d"));
	}

	@Test
	void neverReachesTheRepositoryWithAnInvalidTask() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.controller.create(CALLER, body("""
					{"title": ""}
					"""), null));
		then(this.repository).should(never()).create(anyLong(), any());
	}

	@Test
	void rejectsNonObjectBodiesAsMalformed() {
		assertThatExceptionOfType(NotAnObjectException.class)
			.isThrownBy(() -> this.controller.create(CALLER, body("[]"), null))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
	}

	@Test
	void completesThroughTheRepository() {
		Task completed = new Task(1, "Test", null, true, TaskFixtures.CREATED, TaskFixtures.CREATED,
				TaskFixtures.CREATED);
		given(this.repository.complete(OWNER, 1)).willReturn(Optional.of(completed));

		assertThat(this.controller.complete(CALLER, "1", null, null).getBody()).isEqualTo(completed);
	}

	@Test
	void reportsAnUnknownTaskAsNotFound() {
		given(this.repository.complete(OWNER, 7)).willReturn(Optional.empty());

		assertThatExceptionOfType(TaskNotFoundException.class)
			.isThrownBy(() -> this.controller.complete(CALLER, "7", null, null))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
				assertThat(ex.getBody().getDetail()).isEqualTo("Task 7 does not exist");
			});
	}

	@Test
	void rejectsIdsThatAreNotPositiveInt64() {
		for (String id : List.of("abc", "0", "-1", "1.5", "99999999999999999999", "", " 1", "+1", "0x10")) {
			assertThatExceptionOfType(InvalidRequestException.class).as(id)
				.isThrownBy(() -> this.controller.get(CALLER, id, null))
				.satisfies((ex) -> assertThat(ex.getErrors()).extracting("field").containsExactly("id"));
		}
		then(this.repository).shouldHaveNoInteractions();
	}

	@Test
	void acceptsTheLargestInt64Id() {
		given(this.repository.findById(OWNER, Long.MAX_VALUE)).willReturn(Optional.empty());

		assertThatExceptionOfType(TaskNotFoundException.class)
			.isThrownBy(() -> this.controller.get(CALLER, Long.toString(Long.MAX_VALUE), null));
	}

	@Test
	void writesThePageAsAJsonArrayWithALinkToTheNextPage() throws Exception {
		Task first = TaskFixtures.aTask();
		willAnswer(feeding(first.id(), first)).given(this.repository).streamPage(anyLong(), any(), any(), any());
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.controller.list(CALLER, parameters("limit", "1", "q", "a b&c"), response);

		then(this.repository).should()
			.streamPage(eq(OWNER), eq(new TaskListQuery(null, "a b&c", 1, null, false)), any(), any());
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo("application/json");
		assertThat(this.json.readTree(response.getContentAsString()))
			.isEqualTo(this.json.readTree("[" + this.json.writeValueAsString(first) + "]"));
		assertThat(response.getHeader(HttpHeaders.LINK))
			.isEqualTo("</tasks?q=a%20b%26c&limit=1&after=1>; rel=\"next\"");
	}

	@Test
	void writesAnEmptyLastPageWithoutALink() throws Exception {
		willAnswer(feeding(null)).given(this.repository).streamPage(anyLong(), any(), any(), any());
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.controller.list(CALLER, parameters(), response);

		assertThat(response.getContentAsString()).isEqualTo("[]");
		assertThat(response.getHeader(HttpHeaders.LINK)).isNull();
	}

	@Test
	void retriesAListingThatFailedBeforeItsFirstTask() throws Exception {
		Task task = TaskFixtures.aTask();
		willThrow(new DataAccessResourceFailureException("connection reset")).willAnswer(feeding(null, task))
			.given(this.repository)
			.streamPage(anyLong(), any(), any(), any());
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.controller.list(CALLER, parameters(), response);

		then(this.repository).should(times(2)).streamPage(anyLong(), any(), any(), any());
		assertThat(this.json.readTree(response.getContentAsString()).get(0).get("id").longValue()).isEqualTo(task.id());
	}

	@Test
	void retriesAListingWhoseRollbackFailedWithTheBrokenConnection() throws Exception {
		willThrow(new TransactionSystemException("Connection is closed")).given(this.transactionManager)
			.rollback(any());
		willThrow(new DataAccessResourceFailureException("connection reset")).willAnswer(feeding(null))
			.given(this.repository)
			.streamPage(anyLong(), any(), any(), any());
		MockHttpServletResponse response = new MockHttpServletResponse();

		// a page this large is read in a transaction
		this.controller.list(CALLER, parameters("limit", "1000"), response);

		then(this.transactionManager).should().rollback(any());
		then(this.repository).should(times(2)).streamPage(anyLong(), any(), any(), any());
		assertThat(response.getContentAsString()).isEqualTo("[]");
	}

	@Test
	void retriesAListingThatFailedPartWayAndSendsOnlyTheWholePage() throws Exception {
		Task lost = TaskFixtures.aTask();
		Task kept = new Task(2, "kept", null, false, TaskFixtures.CREATED, TaskFixtures.CREATED, null);
		willAnswer((invocation) -> {
			TaskPageSink sink = invocation.getArgument(3);
			sink.begin();
			sink.add(lost);
			throw new DataAccessResourceFailureException("connection reset");
		}).willAnswer(feeding(null, kept)).given(this.repository).streamPage(anyLong(), any(), any(), any());
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.controller.list(CALLER, parameters(), response);

		then(this.repository).should(times(2)).streamPage(anyLong(), any(), any(), any());
		assertThat(this.json.readTree(response.getContentAsString()))
			.isEqualTo(this.json.readTree("[" + this.json.writeValueAsString(kept) + "]"));
		assertThat(response.getHeader(HttpHeaders.LINK)).isNull();
	}

	@Test
	void answersAListingCancelledPartWayWithTheFailureAndSendsNothing() {
		willAnswer((invocation) -> {
			TaskPageSink sink = invocation.getArgument(3);
			sink.begin();
			sink.add(TaskFixtures.aTask());
			throw new QueryTimeoutException("canceling statement due to statement timeout");
		}).given(this.repository).streamPage(anyLong(), any(), any(), any());
		MockHttpServletResponse response = new MockHttpServletResponse();

		assertThatExceptionOfType(QueryTimeoutException.class)
			.isThrownBy(() -> this.controller.list(CALLER, parameters(), response));
		assertThat(response.isCommitted()).isFalse();
		assertThat(response.getContentAsByteArray()).isEmpty();
	}

	private static Answer<Void> feeding(@Nullable Long nextAfter, Task... tasks) {
		return (invocation) -> {
			TaskPageSink sink = invocation.getArgument(3);
			sink.begin();
			for (Task task : tasks) {
				sink.add(task);
			}
			sink.end(nextAfter);
			return null;
		};
	}

	private static LinkedMultiValueMap<String, String> parameters(String... namesAndValues) {
		LinkedMultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			parameters.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return parameters;
	}

	private JsonNode body(String text) {
		return this.json.readTree(text);
	}

}
