package org.tasktracker.task;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tasktracker.support.ApiClient;
import org.tasktracker.support.ApiClient.Response;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;
import static org.tasktracker.support.ProblemAssert.assertProblem;

/**
 * The whole service on a random port against PostgreSQL, held to the contract's endpoint
 * and listing tables over plain HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TaskApiIntegrationTests {

	@LocalServerPort
	private int port;

	private ApiClient api;

	private String marker;

	@BeforeEach
	void setUp() {
		this.api = new ApiClient(this.port);
		this.marker = TaskFixtures.uniqueMarker();
	}

	@Test
	void createsATaskWithLocationAndEveryField() {
		Response response = this.api.postJson("/tasks", "{\"title\": \"  Write the report \", \"description\": null}");

		assertThat(response.status()).isEqualTo(201);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode task = response.json();
		long id = task.get("id").longValue();
		assertThat(id).isPositive();
		assertThat(response.header("Location")).contains("/tasks/" + id);
		assertThat(task.propertyNames()).containsExactly("id", "title", "description", "completed", "created_at",
				"updated_at", "completed_at");
		assertThat(task.get("title").stringValue()).isEqualTo("Write the report");
		assertThat(task.get("description").isNull()).isTrue();
		assertThat(task.get("completed").booleanValue()).isFalse();
		assertThat(task.get("completed_at").isNull()).isTrue();
		assertThat(task.get("created_at").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z")
			.isEqualTo(task.get("updated_at").stringValue());
		assertThat(Instant.parse(task.get("created_at").stringValue())).isBefore(Instant.now().plusSeconds(5));
		assertThat(this.api.get("/tasks/" + id).json()).isEqualTo(task);
	}

	@Test
	void acceptsJsonWithACharsetParameter() {
		Response response = this.api.send("POST", "/tasks", "application/json; charset=utf-8",
				BodyPublishers.ofString("{\"title\": \"Grüße\"}"));
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().get("title").stringValue()).isEqualTo("Grüße");
	}

	@Test
	void returnsNotFoundForUnknownTask() {
		JsonNode problem = assertProblem(this.api.get("/tasks/" + Long.MAX_VALUE), 404, "/tasks/" + Long.MAX_VALUE);
		assertThat(problem.get("detail").stringValue()).isEqualTo("Task " + Long.MAX_VALUE + " does not exist");
	}

	@Test
	void completesOnceAndKeepsTheFirstCompletionTime() {
		long id = create(this.marker);

		Response first = this.api.post("/tasks/" + id + "/complete");
		assertThat(first.status()).isEqualTo(200);
		JsonNode completed = first.json();
		assertThat(completed.get("completed").booleanValue()).isTrue();
		assertThat(completed.get("completed_at").isString()).isTrue();

		Response again = this.api.send("POST", "/tasks/" + id + "/complete", "text/plain",
				BodyPublishers.ofString("this body is ignored"));
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json()).isEqualTo(completed);
	}

	@Test
	void reopensAndClearsTheCompletionTime() {
		long id = create(this.marker);
		this.api.post("/tasks/" + id + "/complete");

		Response reopened = this.api.post("/tasks/" + id + "/reopen");

		assertThat(reopened.status()).isEqualTo(200);
		assertThat(reopened.json().get("completed").booleanValue()).isFalse();
		assertThat(reopened.json().get("completed_at").isNull()).isTrue();
		assertThat(this.api.post("/tasks/" + id + "/reopen").json()).isEqualTo(reopened.json());
	}

	@Test
	void completeAndReopenOfAnUnknownTaskAreNotFound() {
		assertProblem(this.api.post("/tasks/" + Long.MAX_VALUE + "/complete"), 404,
				"/tasks/" + Long.MAX_VALUE + "/complete");
		assertProblem(this.api.post("/tasks/" + Long.MAX_VALUE + "/reopen"), 404,
				"/tasks/" + Long.MAX_VALUE + "/reopen");
	}

	@Test
	void patchesWithMergePatchSemantics() {
		long id = this.api.postJson("/tasks", "{\"title\": \"Old\", \"description\": \"keep\"}")
			.json()
			.get("id")
			.longValue();

		Response renamed = this.api.patch("/tasks/" + id, "application/merge-patch+json", "{\"title\": \" New \"}");
		assertThat(renamed.status()).isEqualTo(200);
		assertThat(renamed.json().get("title").stringValue()).isEqualTo("New");
		assertThat(renamed.json().get("description").stringValue()).isEqualTo("keep");

		Response cleared = this.api.patch("/tasks/" + id, "application/json", "{\"description\": null}");
		assertThat(cleared.json().get("description").isNull()).isTrue();

		Response completed = this.api.patch("/tasks/" + id, "application/json", "{\"completed\": true}");
		assertThat(completed.json().get("completed").booleanValue()).isTrue();
		assertThat(completed.json().get("completed_at").isString()).isTrue();

		Response reopened = this.api.patch("/tasks/" + id, "application/json", "{\"completed\": false}");
		assertThat(reopened.json().get("completed_at").isNull()).isTrue();
		assertThat(this.api.get("/tasks/" + id).json()).isEqualTo(reopened.json());
	}

	@Test
	void refusesAnInvalidPatchAndChangesNothing() {
		long id = create(this.marker);
		JsonNode before = this.api.get("/tasks/" + id).json();

		assertInvalid(
				this.api.patch("/tasks/" + id, "application/json",
						"{\"title\": \"\", \"completed\": \"true\", \"id\": 5}"),
				"/tasks/" + id, "title", "completed", "id");
		assertInvalid(this.api.patch("/tasks/" + id, "application/json", "{\"title\": \"fine\", \"description\": 1}"),
				"/tasks/" + id, "description");

		assertThat(this.api.get("/tasks/" + id).json()).isEqualTo(before);
	}

	@Test
	void patchOfAnUnknownTaskIsNotFound() {
		assertProblem(this.api.patch("/tasks/" + Long.MAX_VALUE, "application/json", "{\"title\": \"x\"}"), 404,
				"/tasks/" + Long.MAX_VALUE);
	}

	@Test
	void concurrentCreatesEachGetTheirOwnTask() throws Exception {
		int clients = 32;
		List<Callable<JsonNode>> creates = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			String body = "{\"title\": \"" + this.marker + " " + i + "\", \"description\": \"client " + i + "\"}";
			creates.add(() -> {
				Response response = this.api.postJson("/tasks", body);
				assertThat(response.status()).as(response.toString()).isEqualTo(201);
				return response.json();
			});
		}
		List<JsonNode> created = allAtOnce(creates);

		for (int i = 0; i < clients; i++) {
			JsonNode task = created.get(i);
			assertThat(task.get("title").stringValue()).isEqualTo(this.marker + " " + i);
			assertThat(task.get("description").stringValue()).isEqualTo("client " + i);
			assertThat(this.api.get("/tasks/" + task.get("id").longValue()).json()).isEqualTo(task);
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
		List<Callable<Response>> completes = new ArrayList<>();
		for (long id : ids) {
			completes.add(() -> this.api.post("/tasks/" + id + "/complete"));
		}
		List<Response> answers = allAtOnce(completes);

		for (int i = 0; i < 16; i++) {
			Response answer = answers.get(i);
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			assertThat(answer.json().get("id").longValue()).isEqualTo(ids.get(i));
			assertThat(answer.json().get("completed").booleanValue()).isTrue();
			assertThat(this.api.get("/tasks/" + ids.get(i)).json()).isEqualTo(answer.json());
		}
		assertProblem(answers.get(16), 404, "/tasks/" + Long.MAX_VALUE + "/complete");
	}

	@Test
	void deletesATask() {
		long id = create(this.marker);

		Response deleted = this.api.delete("/tasks/" + id);

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(deleted.body()).isEmpty();
		assertProblem(this.api.get("/tasks/" + id), 404, "/tasks/" + id);
		assertProblem(this.api.delete("/tasks/" + id), 404, "/tasks/" + id);
	}

	@Test
	void listsOldestFirstAsABareArray() {
		long first = create(this.marker + " one");
		long second = create(this.marker + " two");

		Response response = this.api.get("/tasks?q=" + this.marker);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().isArray()).isTrue();
		assertThat(ids(response)).containsExactly(first, second);
		assertThat(response.header("Link")).isEmpty();
	}

	@Test
	void listsTheNewestTasksFirstWithOrderDesc() {
		long first = create(this.marker);
		long second = create(this.marker);
		assertThat(ids(this.api.get("/tasks?order=desc&q=" + this.marker))).containsExactly(second, first);
		assertThat(ids(this.api.get("/tasks?order=desc&after=" + second + "&q=" + this.marker))).containsExactly(first);
	}

	@Test
	void filtersByCompletion() {
		long open = create(this.marker);
		long done = create(this.marker);
		this.api.post("/tasks/" + done + "/complete");

		assertThat(ids(this.api.get("/tasks?completed=true&q=" + this.marker))).containsExactly(done);
		assertThat(ids(this.api.get("/tasks?completed=false&q=" + this.marker))).containsExactly(open);
	}

	@Test
	void searchesTitleAndDescriptionIgnoringCase() {
		long inTitle = create("Call " + this.marker.toUpperCase());
		long inDescription = this.api
			.postJson("/tasks", "{\"title\": \"x\", \"description\": \"about " + this.marker + "\"}")
			.json()
			.get("id")
			.longValue();
		create("unrelated");

		assertThat(ids(this.api.get("/tasks?q=" + this.marker))).containsExactly(inTitle, inDescription);
	}

	@Test
	void walksEveryPageThroughTheNextLinkRepeatingTheFilters() {
		List<Long> created = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			created.add(create(this.marker + " " + i));
		}
		this.api.post("/tasks/" + created.get(6) + "/complete");

		List<Long> seen = new ArrayList<>();
		String next = "/tasks?completed=false&limit=3&q=" + this.marker;
		int pages = 0;
		while (next != null) {
			Response page = this.api.get(next);
			assertThat(page.status()).isEqualTo(200);
			seen.addAll(ids(page));
			pages++;
			next = page.header("Link").map(TaskApiIntegrationTests::nextUrl).orElse(null);
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
		Response page = this.api.get("/tasks?q=" + this.marker);
		assertThat(page.json().size()).isEqualTo(100);
		assertThat(page.header("Link")).hasValueSatisfying((link) -> assertThat(link).contains("limit=100"));
	}

	@Test
	void ignoresUnknownParameters() {
		long id = create(this.marker);
		assertThat(ids(this.api.get("/tasks?sort=title&page=2&q=" + this.marker))).containsExactly(id);
	}

	@Test
	void refusesBadListingValuesByName() {
		assertInvalid(this.api.get("/tasks?completed=yes"), "/tasks", "completed");
		assertInvalid(this.api.get("/tasks?limit=0"), "/tasks", "limit");
		assertInvalid(this.api.get("/tasks?limit=1001"), "/tasks", "limit");
		assertInvalid(this.api.get("/tasks?limit=abc"), "/tasks", "limit");
		assertInvalid(this.api.get("/tasks?after=-1"), "/tasks", "after");
		assertInvalid(this.api.get("/tasks?after=1.5"), "/tasks", "after");
		assertInvalid(this.api.get("/tasks?order=sideways"), "/tasks", "order");
		assertInvalid(this.api.get("/tasks?q=%00"), "/tasks", "q");
		assertInvalid(this.api.get("/tasks?limit=0&order=x"), "/tasks", "limit", "order");
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
		Response response = this.api.postJson("/tasks", "{\"title\": \"" + title + "\"}");
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().get("id").longValue();
	}

	private static List<Long> ids(Response response) {
		List<Long> ids = new ArrayList<>();
		response.json().forEach((task) -> ids.add(task.get("id").longValue()));
		return ids;
	}

	private static String nextUrl(String link) {
		assertThat(link).matches("<[^>]+>; rel=\"next\"");
		return link.substring(1, link.indexOf('>'));
	}

}
