package org.tasktracker.task;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tasktracker.support.Responses;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.tasktracker.support.ProblemAssert.assertInvalid;
import static org.tasktracker.support.ProblemAssert.assertProblem;

/**
 * Versions and ETags of tasks and projects (contract v3, part D): every change grows the
 * version, {@code If-None-Match} answers 304, and a stale {@code If-Match} is a 412 that
 * carries the current ETag and changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class VersionsIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private TaskService tasks;

	@Autowired
	private JdbcClient jdbc;

	private TreeAndOrderApi api;

	@BeforeEach
	void setUp() {
		this.api = new TreeAndOrderApi(this.client, "UTC");
	}

	@Test
	void everyResponseWithOneTaskCarriesItsVersionAsETag() {
		ExchangeResult created = send("POST", "/tasks", "{\"title\": \"Versioned\"}", null, null);
		assertThat(Responses.status(created)).isEqualTo(201);
		JsonNode task = Responses.json(created);
		assertThat(task.get("version").longValue()).isEqualTo(1);
		assertThat(created.getResponseHeaders().getETag()).isEqualTo("\"1\"");
		long id = task.get("id").longValue();

		ExchangeResult patched = send("PATCH", "/tasks/" + id, "{\"title\": \"Renamed\"}", null, null);
		assertThat(Responses.json(patched).get("version").longValue()).isEqualTo(2);
		assertThat(patched.getResponseHeaders().getETag()).isEqualTo("\"2\"");

		ExchangeResult completed = send("POST", "/tasks/" + id + "/complete", null, null, null);
		assertThat(completed.getResponseHeaders().getETag()).isEqualTo("\"3\"");
		ExchangeResult reopened = send("POST", "/tasks/" + id + "/reopen", null, null, null);
		assertThat(reopened.getResponseHeaders().getETag()).isEqualTo("\"4\"");
		ExchangeResult moved = send("POST", "/tasks/" + id + "/move", "{\"after\": null}", null, null);
		assertThat(Responses.json(moved).get("version").longValue()).isEqualTo(5);
		assertThat(moved.getResponseHeaders().getETag()).isEqualTo("\"5\"");
		ExchangeResult read = send("GET", "/tasks/" + id, null, null, null);
		assertThat(read.getResponseHeaders().getETag()).isEqualTo("\"5\"");
		assertThat(Responses.json(read).get("title").stringValue()).isEqualTo("Renamed");
	}

	@Test
	void aChangeThatChangesNothingKeepsTheVersion() {
		long id = this.api.createId("{\"title\": \"Same\"}");
		this.api.expect(200, "POST", "/tasks/" + id + "/complete", null);

		JsonNode again = this.api.expect(200, "POST", "/tasks/" + id + "/complete", null);
		JsonNode patched = this.api.expect(200, "PATCH", "/tasks/" + id, "{\"title\": \"Same\"}");

		assertThat(again.get("version").longValue()).isEqualTo(2);
		assertThat(patched.get("version").longValue()).isEqualTo(2);
	}

	@Test
	void theTestDatabasesRefuseAnUpdateThatChangesATaskOrProjectWithoutMovingItsVersion() {
		// Statements move versions themselves (RowChange); this guard is what makes every
		// other test that writes also check that none forgets.
		long id = this.api.createId("{\"title\": \"Guarded\"}");
		long project = this.api.expect(201, "POST", "/projects", "{\"name\": \"Guarded project\"}")
			.get("id")
			.longValue();

		assertThatException()
			.isThrownBy(
					() -> this.jdbc.sql("UPDATE tasks SET title = 'Sneaked' WHERE id = :id").param("id", id).update())
			.withMessageContaining("without moving its version");
		assertThatException()
			.isThrownBy(() -> this.jdbc.sql("UPDATE tasks SET title = 'Sneaked', version = version + 1 WHERE id = :id")
				.param("id", id)
				.update())
			.withMessageContaining("without moving its version");
		assertThatException()
			.isThrownBy(() -> this.jdbc.sql("UPDATE projects SET name = 'Sneaked' WHERE id = :id")
				.param("id", project)
				.update())
			.withMessageContaining("without moving its version");
		assertThat(this.api.expect(200, "GET", "/tasks/" + id, null).get("title").stringValue()).isEqualTo("Guarded");
	}

	@Test
	void ifNoneMatchWithTheCurrentTagIsNotModifiedWithoutABody() {
		long id = this.api.createId("{\"title\": \"Cached\"}");

		for (String held : new String[] { "\"1\"", "W/\"1\"", "\"7\", \"1\"", "*" }) {
			ExchangeResult response = send("GET", "/tasks/" + id, null, HttpHeaders.IF_NONE_MATCH, held);
			assertThat(Responses.status(response)).as(held).isEqualTo(304);
			assertThat(response.getResponseHeaders().getETag()).isEqualTo("\"1\"");
			assertThat(response.getResponseBodyContent()).as(held).isNullOrEmpty();
		}
		ExchangeResult stale = send("GET", "/tasks/" + id, null, HttpHeaders.IF_NONE_MATCH, "\"0\"");
		assertThat(Responses.status(stale)).isEqualTo(200);
		assertThat(Responses.json(stale).get("title").stringValue()).isEqualTo("Cached");
	}

	@Test
	void aStaleIfMatchIsPreconditionFailedWithTheCurrentTagAndChangesNothing() {
		long id = this.api.createId("{\"title\": \"Kept\"}");
		this.api.expect(200, "PATCH", "/tasks/" + id, "{\"priority\": 2}");
		long sibling = this.api.createId("{\"title\": \"Sibling\"}");

		String[][] changes = { { "PATCH", "/tasks/" + id, "{\"title\": \"Lost\"}" }, { "DELETE", "/tasks/" + id, null },
				{ "POST", "/tasks/" + id + "/complete", null }, { "POST", "/tasks/" + id + "/reopen", null },
				{ "POST", "/tasks/" + id + "/move", "{\"after\": " + sibling + "}" } };
		for (String[] change : changes) {
			for (String tag : new String[] { "\"1\"", "W/\"2\"", "\"1\", \"3\"" }) {
				ExchangeResult refused = send(change[0], change[1], change[2], HttpHeaders.IF_MATCH, tag);
				JsonNode problem = assertProblem(refused, 412, change[1]);
				assertThat(refused.getResponseHeaders().getETag()).as(change[0] + " " + change[1] + " " + tag)
					.isEqualTo("\"2\"");
				assertThat(problem.get("version").longValue()).isEqualTo(2);
			}
		}

		JsonNode task = this.api.task(id);
		assertThat(task.get("version").longValue()).isEqualTo(2);
		assertThat(task.get("title").stringValue()).isEqualTo("Kept");
		assertThat(task.get("completed").booleanValue()).isFalse();
		assertThat(this.api.ids("sort=position")).containsExactly(id, sibling);
	}

	@Test
	void aCurrentIfMatchLetsEachChangeThrough() {
		long id = this.api.createId("{\"title\": \"Open\"}");
		long sibling = this.api.createId("{\"title\": \"Sibling\"}");

		assertThat(
				Responses.json(send("PATCH", "/tasks/" + id, "{\"title\": \"Changed\"}", HttpHeaders.IF_MATCH, "\"1\""))
					.get("version")
					.longValue())
			.isEqualTo(2);
		assertThat(
				Responses.json(send("POST", "/tasks/" + id + "/complete", null, HttpHeaders.IF_MATCH, "\"9\", \"2\""))
					.get("completed")
					.booleanValue())
			.isTrue();
		assertThat(Responses.json(send("POST", "/tasks/" + id + "/reopen", null, HttpHeaders.IF_MATCH, "*"))
			.get("completed")
			.booleanValue()).isFalse();
		assertThat(Responses.status(
				send("POST", "/tasks/" + id + "/move", "{\"after\": " + sibling + "}", HttpHeaders.IF_MATCH, "\"4\"")))
			.isEqualTo(200);
		assertThat(this.api.ids("sort=position")).containsExactly(sibling, id);
		assertThat(Responses.status(send("DELETE", "/tasks/" + id, null, HttpHeaders.IF_MATCH, "\"5\"")))
			.isEqualTo(204);
		this.api.expect(404, "GET", "/tasks/" + id, null);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "\"1", "\"1\" \"2\"", "\"1\" ,x", ", *", "W/1", "\"a b\"", "**", "\"1\"; x" })
	void aMalformedIfMatchOrIfNoneMatchIsRefusedNamingItAndChangesNothing(String malformed) {
		long id = this.api.createId("{\"title\": \"Untouched\"}");

		assertInvalid(send("PATCH", "/tasks/" + id, "{\"title\": \"Changed\"}", HttpHeaders.IF_MATCH, malformed),
				"/tasks/" + id, "If-Match");
		assertInvalid(send("DELETE", "/tasks/" + id, null, HttpHeaders.IF_MATCH, malformed), "/tasks/" + id,
				"If-Match");
		assertInvalid(send("GET", "/tasks/" + id, null, HttpHeaders.IF_NONE_MATCH, malformed), "/tasks/" + id,
				"If-None-Match");
		assertThat(this.api.task(id).get("title").stringValue()).isEqualTo("Untouched");
	}

	@Test
	void emptyListElementsInIfMatchAndIfNoneMatchAreIgnored() {
		long id = this.api.createId("{\"title\": \"Listed\"}");

		for (String held : new String[] { "\"1\",", "\"1\",,", ",\"1\"", " , \"7\" ,, W/\"1\" , " }) {
			ExchangeResult notModified = send("GET", "/tasks/" + id, null, HttpHeaders.IF_NONE_MATCH, held);
			assertThat(Responses.status(notModified)).as(held).isEqualTo(304);
			assertThat(notModified.getResponseHeaders().getETag()).isEqualTo("\"1\"");
		}
		ExchangeResult changed = send("PATCH", "/tasks/" + id, "{\"title\": \"Changed\"}", HttpHeaders.IF_MATCH,
				"\"1\",,");
		assertThat(Responses.status(changed)).as(Responses.body(changed)).isEqualTo(200);
		assertThat(Responses.json(changed).get("title").stringValue()).isEqualTo("Changed");
		ExchangeResult stale = send("PATCH", "/tasks/" + id, "{\"title\": \"Lost\"}", HttpHeaders.IF_MATCH, ",\"1\", ");
		assertThat(assertProblem(stale, 412, "/tasks/" + id).get("version").longValue()).isEqualTo(2);
		assertThat(this.api.task(id).get("title").stringValue()).isEqualTo("Changed");
	}

	@Test
	void aListOfOnlyEmptyElementsHoldsNoTag() {
		long id = this.api.createId("{\"title\": \"Kept\"}");

		ExchangeResult read = send("GET", "/tasks/" + id, null, HttpHeaders.IF_NONE_MATCH, ", ,");
		assertThat(Responses.status(read)).isEqualTo(200);
		assertThat(Responses.json(read).get("title").stringValue()).isEqualTo("Kept");
		ExchangeResult refused = send("PATCH", "/tasks/" + id, "{\"title\": \"Lost\"}", HttpHeaders.IF_MATCH, ",");
		assertThat(refused.getResponseHeaders().getETag()).isEqualTo("\"1\"");
		assertThat(assertProblem(refused, 412, "/tasks/" + id).get("version").longValue()).isEqualTo(1);
		assertThat(this.api.task(id).get("title").stringValue()).isEqualTo("Kept");
	}

	@Test
	void anotherUsersTaskOrProjectIsNotFoundWhateverTheTags() {
		long task = this.api.createId("{\"title\": \"Mine\"}");
		long project = this.api.project("Mine");
		TreeAndOrderApi other = new TreeAndOrderApi(this.client, "UTC");

		for (String tag : new String[] { "\"1\"", "*" }) {
			assertProblem(other.send("PATCH", "/tasks/" + task, "{\"title\": \"Theirs\"}", HttpHeaders.IF_MATCH, tag),
					404, "/tasks/" + task);
			assertProblem(other.send("DELETE", "/tasks/" + task, null, HttpHeaders.IF_MATCH, tag), 404,
					"/tasks/" + task);
			assertProblem(other.send("GET", "/tasks/" + task, null, HttpHeaders.IF_NONE_MATCH, tag), 404,
					"/tasks/" + task);
			assertProblem(
					other.send("PATCH", "/projects/" + project, "{\"name\": \"Theirs\"}", HttpHeaders.IF_MATCH, tag),
					404, "/projects/" + project);
			assertProblem(other.send("GET", "/projects/" + project, null, HttpHeaders.IF_NONE_MATCH, tag), 404,
					"/projects/" + project);
		}
		assertThat(this.api.task(task).get("version").longValue()).isEqualTo(1);
		assertThat(this.api.expect(200, "GET", "/projects/" + project, null).get("name").stringValue())
			.isEqualTo("Mine");
	}

	@Test
	void aLabelRenameASubtaskAndAMoveGrowTheVersionsOfTheTasksTheyTouch() {
		long labelled = this.api.createId("{\"title\": \"Labelled\", \"labels\": [\"errand\"]}");
		long parent = this.api.createId("{\"title\": \"Parent\"}");
		long other = this.api.createId("{\"title\": \"Other\"}");

		this.api.expect(200, "PATCH", "/labels/errand", "{\"name\": \"Errands\"}");
		long child = this.api.createId("{\"title\": \"Child\", \"parent_id\": " + parent + "}");
		long parentAfterChild = this.api.task(parent).get("version").longValue();
		this.api.expect(200, "POST", "/tasks/" + child + "/complete", null);

		assertThat(this.api.task(labelled).get("version").longValue()).isEqualTo(2);
		assertThat(parentAfterChild).as("the child's count is part of the parent").isEqualTo(2);
		assertThat(this.api.task(parent).get("version").longValue()).isEqualTo(3);
		assertThat(this.api.task(other).get("version").longValue()).isEqualTo(1);
	}

	@Test
	void anUndoneDeleteComesBackAtAVersionPastTheDeletedOne() {
		long id = this.api.createId("{\"title\": \"Back\"}");
		this.api.expect(200, "PATCH", "/tasks/" + id, "{\"title\": \"Back again\"}");
		long owner = this.api.expect(200, "GET", "/users/me", null).get("id").longValue();

		// The web UI's undo is the one way back.
		Task back = this.tasks.restoreDeleted(owner, this.tasks.deleteForUndo(owner, id).orElseThrow()).orElseThrow();

		assertThat(back.version()).as("never a version a client saw before the delete").isEqualTo(3);
		assertThat(this.api.task(id).get("version").longValue()).isEqualTo(3);
	}

	@Test
	void projectsCarryTheirVersionAndHonourTheConditions() {
		ExchangeResult created = send("POST", "/projects", "{\"name\": \"Home\"}", null, null);
		long id = Responses.json(created).get("id").longValue();
		assertThat(created.getResponseHeaders().getETag()).isEqualTo("\"1\"");

		ExchangeResult renamed = send("PATCH", "/projects/" + id, "{\"name\": \"House\"}", HttpHeaders.IF_MATCH,
				"\"1\"");
		assertThat(renamed.getResponseHeaders().getETag()).isEqualTo("\"2\"");
		assertThat(Responses.json(renamed).get("version").longValue()).isEqualTo(2);
		assertThat(Responses.status(send("GET", "/projects/" + id, null, HttpHeaders.IF_NONE_MATCH, "\"2\"")))
			.isEqualTo(304);

		ExchangeResult stale = send("PATCH", "/projects/" + id, "{\"name\": \"Flat\"}", HttpHeaders.IF_MATCH, "\"1\"");
		assertProblem(stale, 412, "/projects/" + id);
		assertThat(stale.getResponseHeaders().getETag()).isEqualTo("\"2\"");
		assertProblem(send("DELETE", "/projects/" + id, null, HttpHeaders.IF_MATCH, "\"1\""), 412, "/projects/" + id);
		assertThat(this.api.expect(200, "GET", "/projects/" + id, null).get("name").stringValue()).isEqualTo("House");

		this.api.createId("{\"title\": \"In it\", \"project_id\": " + id + "}");
		assertThat(this.api.expect(200, "GET", "/projects/" + id, null).get("version").longValue())
			.as("open_tasks is not the project's own field")
			.isEqualTo(2);
		assertThat(Responses
			.status(send("DELETE", "/projects/" + id + "?with_tasks=true", null, HttpHeaders.IF_MATCH, "\"2\"")))
			.isEqualTo(204);
	}

	private ExchangeResult send(String method, String path, @Nullable String body, @Nullable String header,
			@Nullable String value) {
		return this.api.send(method, path, body, header, value);
	}

}
