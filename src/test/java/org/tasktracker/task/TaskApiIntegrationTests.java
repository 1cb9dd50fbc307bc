package org.tasktracker.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;
import static org.tasktracker.support.ProblemAssert.assertProblem;
import static org.tasktracker.support.Responses.id;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.raw;

/**
 * The whole service on a random port against PostgreSQL, held to the contract's endpoint
 * and listing tables over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class TaskApiIntegrationTests {

	private static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

	@Autowired
	private RestTestClient client;

	private String marker;

	@BeforeEach
	void setUp() {
		this.marker = TaskFixtures.uniqueMarker();
	}

	@Test
	void createsATaskWithLocationAndEveryField() {
		ExchangeResult response = this.client.post()
			.uri("/tasks")
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"title": "  Write the report ", "description": null}
					""")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.returnResult();

		JsonNode task = json(response);
		long id = task.get("id").longValue();
		assertThat(id).isPositive();
		assertThat(response.getResponseHeaders().getLocation()).hasToString("/tasks/" + id);
		assertThat(task.propertyNames()).containsExactly("id", "title", "description", "completed", "created_at",
				"updated_at", "completed_at", "project_id", "labels", "priority", "due", "recurrence", "parent_id",
				"position", "reminders", "subtasks", "version");
		assertThat(task.get("project_id").isNull()).as("the Inbox").isTrue();
		assertThat(task.get("labels").isEmpty()).isTrue();
		assertThat(task.get("priority").intValue()).isEqualTo(1);
		assertThat(task.get("due").isNull()).isTrue();
		assertThat(task.get("title").stringValue()).isEqualTo("Write the report");
		assertThat(task.get("description").isNull()).isTrue();
		assertThat(task.get("completed").booleanValue()).isFalse();
		assertThat(task.get("completed_at").isNull()).isTrue();
		assertThat(task.get("created_at").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z")
			.isEqualTo(task.get("updated_at").stringValue());
		assertThat(Instant.parse(task.get("created_at").stringValue())).isBefore(Instant.now().plusSeconds(5));
		assertThat(get(id)).isEqualTo(task);
	}

	@Test
	void acceptsJsonWithACharsetParameter() {
		this.client.post().uri("/tasks").header(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8").body("""
				{"title": "Grüße"}
				""").exchange().expectStatus().isCreated().expectBody().jsonPath("$.title").isEqualTo("Grüße");
	}

	@Test
	void returnsNotFoundForUnknownTask() {
		JsonNode problem = assertProblem(this.client.get().uri("/tasks/{id}", Long.MAX_VALUE).exchange().returnResult(),
				404, "/tasks/" + Long.MAX_VALUE);
		assertThat(problem.get("detail").stringValue()).isEqualTo("Task " + Long.MAX_VALUE + " does not exist");
	}

	@Test
	void completesOnceAndKeepsTheFirstCompletionTime() {
		long id = create(this.marker);

		JsonNode completed = json(post("/tasks/{id}/complete", id).expectStatus().isOk().returnResult());
		assertThat(completed.get("completed").booleanValue()).isTrue();
		assertThat(completed.get("completed_at").isString()).isTrue();

		ExchangeResult again = this.client.post()
			.uri("/tasks/{id}/complete", id)
			.contentType(MediaType.TEXT_PLAIN)
			.body("this body is ignored")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult();
		assertThat(json(again)).isEqualTo(completed);
	}

	@Test
	void reopensAndClearsTheCompletionTime() {
		long id = create(this.marker);
		post("/tasks/{id}/complete", id).expectStatus().isOk();

		JsonNode reopened = json(post("/tasks/{id}/reopen", id).expectStatus().isOk().returnResult());

		assertThat(reopened.get("completed").booleanValue()).isFalse();
		assertThat(reopened.get("completed_at").isNull()).isTrue();
		assertThat(json(post("/tasks/{id}/reopen", id).returnResult())).isEqualTo(reopened);
	}

	@ParameterizedTest
	@CsvSource({ "complete", "reopen" })
	void completeAndReopenOfAnUnknownTaskAreNotFound(String action) {
		assertProblem(post("/tasks/{id}/" + action, Long.MAX_VALUE).returnResult(), 404,
				"/tasks/" + Long.MAX_VALUE + "/" + action);
	}

	@Test
	void patchesWithMergePatchSemantics() {
		long id = id(this.client.post().uri("/tasks").contentType(MediaType.APPLICATION_JSON).body("""
				{"title": "Old", "description": "keep"}
				""").exchange().returnResult());

		patch(id, MERGE_PATCH, """
				{"title": " New "}
				""").expectStatus().isOk().expectBody().json("""
				{"title": "New", "description": "keep", "completed": false}
				""");
		patch(id, MediaType.APPLICATION_JSON, """
				{"description": null}
				""").expectBody().jsonPath("$.description").isEmpty();
		JsonNode completed = json(patch(id, MediaType.APPLICATION_JSON, """
				{"completed": true}
				""").returnResult());
		assertThat(completed.get("completed").booleanValue()).isTrue();
		assertThat(completed.get("completed_at").isString()).isTrue();

		JsonNode reopened = json(patch(id, MediaType.APPLICATION_JSON, """
				{"completed": false}
				""").returnResult());
		assertThat(reopened.get("completed_at").isNull()).isTrue();
		assertThat(get(id)).isEqualTo(reopened);
	}

	@Test
	void refusesAnInvalidPatchAndChangesNothing() {
		long id = create(this.marker);
		JsonNode before = get(id);

		assertInvalid(patch(id, MediaType.APPLICATION_JSON, """
				{"title": "", "completed": "true", "id": 5}
				""").returnResult(), "/tasks/" + id, "title", "completed", "id");
		assertInvalid(patch(id, MediaType.APPLICATION_JSON, """
				{"title": "fine", "description": 1}
				""").returnResult(), "/tasks/" + id, "description");

		assertThat(get(id)).isEqualTo(before);
	}

	@Test
	void patchOfAnUnknownTaskIsNotFound() {
		assertProblem(patch(Long.MAX_VALUE, MediaType.APPLICATION_JSON, """
				{"title": "x"}
				""").returnResult(), 404, "/tasks/" + Long.MAX_VALUE);
	}

	@Test
	void concurrentCreatesEachGetTheirOwnTask() throws Exception {
		int clients = 32;
		List<Callable<JsonNode>> creates = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			String title = this.marker + " " + i;
			String description = "client " + i;
			creates.add(() -> json(this.client.post()
				.uri("/tasks")
				.contentType(MediaType.APPLICATION_JSON)
				.body(new NewTask(title, description))
				.exchange()
				.expectStatus()
				.isCreated()
				.returnResult()));
		}
		List<JsonNode> created = allAtOnce(creates);

		for (int i = 0; i < clients; i++) {
			JsonNode task = created.get(i);
			assertThat(task.get("title").stringValue()).isEqualTo(this.marker + " " + i);
			assertThat(task.get("description").stringValue()).isEqualTo("client " + i);
			assertThat(get(task.get("id").longValue())).isEqualTo(task);
		}
		assertThat(created).extracting((task) -> task.get("id").longValue()).doesNotHaveDuplicates();
	}

	@Test
	void concurrentCompletesEachAnswerForTheirOwnTask() throws Exception {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			ids.add(create(this.marker + " " + i));
		}
		ids.add(Long.MAX_VALUE);
		List<Callable<ExchangeResult>> completes = new ArrayList<>();
		for (long id : ids) {
			completes.add(() -> post("/tasks/{id}/complete", id).returnResult());
		}
		List<ExchangeResult> answers = allAtOnce(completes);

		for (int i = 0; i < 16; i++) {
			ExchangeResult answer = answers.get(i);
			assertThat(answer.getStatus().value()).as(answer.toString()).isEqualTo(200);
			assertThat(json(answer).get("id").longValue()).isEqualTo(ids.get(i));
			assertThat(json(answer).get("completed").booleanValue()).isTrue();
			assertThat(get(ids.get(i))).isEqualTo(json(answer));
		}
		assertProblem(answers.get(16), 404, "/tasks/" + Long.MAX_VALUE + "/complete");
	}

	@Test
	void deletesATask() {
		long id = create(this.marker);

		this.client.delete().uri("/tasks/{id}", id).exchange().expectStatus().isNoContent().expectBody().isEmpty();

		assertProblem(this.client.get().uri("/tasks/{id}", id).exchange().returnResult(), 404, "/tasks/" + id);
		assertProblem(this.client.delete().uri("/tasks/{id}", id).exchange().returnResult(), 404, "/tasks/" + id);
	}

	@Test
	void listsOldestFirstAsABareArray() {
		long first = create(this.marker + " one");
		long second = create(this.marker + " two");

		ExchangeResult response = list("/tasks?q=" + this.marker);

		assertThat(json(response).isArray()).isTrue();
		assertThat(ids(response)).containsExactly(first, second);
		assertThat(response.getResponseHeaders().get(HttpHeaders.LINK)).isNull();
	}

	@Test
	void listsTheNewestTasksFirstWithOrderDesc() {
		long first = create(this.marker);
		long second = create(this.marker);
		assertThat(ids(list("/tasks?order=desc&q=" + this.marker))).containsExactly(second, first);
		assertThat(ids(list("/tasks?order=desc&after=" + second + "&q=" + this.marker))).containsExactly(first);
	}

	@Test
	void filtersByCompletion() {
		long open = create(this.marker);
		long done = create(this.marker);
		post("/tasks/{id}/complete", done).expectStatus().isOk();

		assertThat(ids(list("/tasks?completed=true&q=" + this.marker))).containsExactly(done);
		assertThat(ids(list("/tasks?completed=false&q=" + this.marker))).containsExactly(open);
	}

	@Test
	void searchesTitleAndDescriptionIgnoringCase() {
		long inTitle = create("Call " + this.marker.toUpperCase());
		long inDescription = id(this.client.post()
			.uri("/tasks")
			.contentType(MediaType.APPLICATION_JSON)
			.body(new NewTask("x", "about " + this.marker))
			.exchange()
			.returnResult());
		create("unrelated");

		assertThat(ids(list("/tasks?q=" + this.marker))).containsExactly(inTitle, inDescription);
	}

	@Test
	void walksEveryPageThroughTheNextLinkRepeatingTheFilters() {
		List<Long> created = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			created.add(create(this.marker + " " + i));
		}
		post("/tasks/{id}/complete", created.get(6)).expectStatus().isOk();

		List<Long> seen = new ArrayList<>();
		String next = "/tasks?completed=false&limit=3&q=" + this.marker;
		int pages = 0;
		while (next != null) {
			ExchangeResult page = list(next);
			seen.addAll(ids(page));
			pages++;
			String link = page.getResponseHeaders().getFirst(HttpHeaders.LINK);
			next = (link != null) ? nextUrl(link) : null;
			if (next != null) {
				assertThat(next).startsWith("/tasks?").contains("completed=false", "limit=3", "q=" + this.marker);
			}
		}
		assertThat(seen).containsExactlyElementsOf(created.subList(0, 6));
		assertThat(pages).isEqualTo(2);
	}

	@Test
	void pagesAHundredTasksByDefault() {
		for (int i = 0; i < 101; i++) {
			create(this.marker);
		}
		ExchangeResult page = list("/tasks?q=" + this.marker);
		assertThat(json(page).size()).isEqualTo(100);
		assertThat(page.getResponseHeaders().getFirst(HttpHeaders.LINK)).contains("limit=100");
	}

	@Test
	void ignoresUnknownParameters() {
		long id = create(this.marker);
		assertThat(ids(list("/tasks?page=2&foo=bar&q=" + this.marker))).containsExactly(id);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			completed=yes         | completed
			limit=0               | limit
			limit=1001            | limit
			limit=abc             | limit
			after=-1              | after
			after=1.5             | after
			order=sideways        | order
			q=%00                 | q
			limit=0&order=x       | limit,order
			limit=1&limit=2       | limit
			""")
	void refusesBadListingValuesByName(String query, String fields) {
		assertInvalid(this.client.get().uri(raw("/tasks?" + query)).exchange().returnResult(), "/tasks",
				fields.split(","));
	}

	/** Runs every call at once, one virtual thread each; their results in order. */
	private static <T> List<T> allAtOnce(List<Callable<T>> calls) throws Exception {
		List<T> results = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Future<T> call : threads.invokeAll(calls)) {
				results.add(call.get());
			}
		}
		return results;
	}

	private long create(String title) {
		return id(this.client.post()
			.uri("/tasks")
			.contentType(MediaType.APPLICATION_JSON)
			.body(new NewTask(title, null))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult());
	}

	private JsonNode get(long id) {
		return json(this.client.get().uri("/tasks/{id}", id).exchange().expectStatus().isOk().returnResult());
	}

	private RestTestClient.ResponseSpec post(String path, long id) {
		return this.client.post().uri(path, id).exchange();
	}

	private RestTestClient.ResponseSpec patch(long id, MediaType contentType, String body) {
		return this.client.patch().uri("/tasks/{id}", id).contentType(contentType).body(body).exchange();
	}

	/** A listing as the test wrote it, sent without further encoding. */
	private ExchangeResult list(String pathAndQuery) {
		return this.client.get().uri(raw(pathAndQuery)).exchange().expectStatus().isOk().returnResult();
	}

	private static List<Long> ids(ExchangeResult response) {
		List<Long> ids = new ArrayList<>();
		json(response).forEach((task) -> ids.add(task.get("id").longValue()));
		return ids;
	}

	private static String nextUrl(String link) {
		assertThat(link).matches("<[^>]+>; rel=\"next\"");
		return link.substring(1, link.indexOf('>'));
	}

}
