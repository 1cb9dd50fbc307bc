package org.tasktracker.task;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * The fields of contract v2 part B on a task: labels, priority and due, on create and in
 * a patch, with their bad inputs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class TaskFieldsIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void createsATaskWithLabelsPriorityAndADueDate() {
		String marker = TaskFixtures.uniqueMarker();
		JsonNode task = json(create("{\"title\": \"" + marker + "\", \"labels\": [\" Work \", \"home\", \"WORK\"], "
				+ "\"priority\": 4, \"due\": {\"date\": \"2026-12-01\"}}"));

		assertThat(task.get("labels").toString()).isEqualTo("[\"Work\",\"home\"]");
		assertThat(task.get("priority").intValue()).isEqualTo(4);
		assertThat(task.get("due").toString()).isEqualTo("{\"date\":\"2026-12-01\"}");
	}

	@Test
	void spellsALabelAsItWasFirstUsed() {
		String label = "Spelled" + TaskFixtures.uniqueMarker().replace(" ", "");
		create("{\"title\": \"first\", \"labels\": [\"" + label + "\"]}");

		JsonNode second = json(create("{\"title\": \"second\", \"labels\": [\"" + label.toUpperCase() + "\"]}"));

		assertThat(second.get("labels").get(0).stringValue()).isEqualTo(label);
	}

	@Test
	void aLabelNoTaskCarriesAnyMoreIsSpelledAfreshOnItsNextUse() {
		String label = "Gone" + TaskFixtures.uniqueMarker().replace(" ", "");
		long first = json(create("{\"title\": \"first\", \"labels\": [\"" + label + "\"]}")).get("id").longValue();
		this.client.delete().uri("/tasks/{id}", first).exchange().expectStatus().isNoContent();

		JsonNode again = json(create("{\"title\": \"again\", \"labels\": [\"" + label.toUpperCase() + "\"]}"));

		assertThat(again.get("labels").get(0).stringValue()).isEqualTo(label.toUpperCase());
	}

	@Test
	void returnsADueInstantInUtc() {
		JsonNode task = json(create("{\"title\": \"call\", \"due\": {\"datetime\": \"2026-12-01T10:30:00+01:00\"}}"));

		assertThat(task.get("due").toString()).isEqualTo("{\"datetime\":\"2026-12-01T09:30:00Z\"}");
	}

	@Test
	void patchesEachFieldAndClearsWithNull() {
		long id = json(create("{\"title\": \"patched\", \"labels\": [\"a\"], \"due\": {\"date\": \"2026-01-02\"}}"))
			.get("id")
			.longValue();

		JsonNode changed = json(patch(id, "{\"labels\": [\"b\", \"c\"], \"priority\": 2, \"due\": {\"datetime\": "
				+ "\"2026-03-04T05:06:07Z\"}}"));
		assertThat(changed.get("labels").toString()).isEqualTo("[\"b\",\"c\"]");
		assertThat(changed.get("priority").intValue()).isEqualTo(2);
		assertThat(changed.get("due").get("datetime").stringValue()).isEqualTo("2026-03-04T05:06:07Z");

		JsonNode cleared = json(patch(id, "{\"labels\": [], \"due\": null}"));
		assertThat(cleared.get("labels").isEmpty()).isTrue();
		assertThat(cleared.get("due").isNull()).isTrue();
		assertThat(cleared.get("priority").intValue()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"labels\": [\"a,b\"]", "\"labels\": [\"tab\\there\"]", "\"labels\": [\"\"]",
			"\"labels\": [\"   \"]", "\"labels\": \"a\"", "\"labels\": [1]", "\"labels\": null" })
	void refusesABadLabel(String field) {
		assertRefused(field, "labels");
	}

	@Test
	void refusesMoreThanTwentyLabelsAndOneOfFiftyOneCharacters() {
		StringBuilder labels = new StringBuilder();
		for (int i = 0; i < 21; i++) {
			labels.append(i == 0 ? "" : ", ").append("\"l").append(i).append('"');
		}
		assertRefused("\"labels\": [" + labels + "]", "labels");
		assertRefused("\"labels\": [\"" + "x".repeat(51) + "\"]", "labels");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "5", "\"4\"", "2.5", "null", "true" })
	void refusesAPriorityOutsideOneToFour(String priority) {
		assertRefused("\"priority\": " + priority, "priority");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"date\": \"2026-12-01\", \"datetime\": \"2026-12-01T09:00:00Z\"}", "{}",
			"{\"date\": \"2026-02-30\"}", "{\"date\": \"2026-2-3\"}", "{\"datetime\": \"2026-12-01T09:00:00\"}",
			"{\"datetime\": \"tomorrow\"}", "{\"when\": \"2026-12-01\"}", "\"2026-12-01\"", "{\"date\": 20261201}",
			"{\"date\": \"0000-01-01\"}", "{\"datetime\": \"0001-01-01T00:00:00+01:00\"}",
			"{\"datetime\": \"9999-12-31T23:59:59-10:00\"}" })
	void refusesABadDue(String due) {
		assertRefused("\"due\": " + due, "due");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "\"3\"", "1.5" })
	void refusesAProjectIdThatIsNoId(String projectId) {
		assertRefused("\"project_id\": " + projectId, "project_id");
	}

	@Test
	void refusesAProjectThatDoesNotExist() {
		assertRefused("\"project_id\": " + Long.MAX_VALUE, "project_id");
	}

	/** Refused on create and in a patch alike, naming the field, and nothing written. */
	private void assertRefused(String field, String name) {
		String marker = TaskFixtures.uniqueMarker();
		long before = count(marker);
		assertInvalid(create("{\"title\": \"" + marker + "\", " + field + "}"), "/tasks", name);
		assertThat(count(marker)).isEqualTo(before);

		JsonNode task = json(create("{\"title\": \"" + marker + " kept\"}"));
		long id = task.get("id").longValue();
		assertInvalid(patch(id, "{\"title\": \"changed\", " + field + "}"), "/tasks/" + id, name);
		assertThat(json(this.client.get().uri("/tasks/{id}", id).exchange().returnResult())).isEqualTo(task);
	}

	private long count(String marker) {
		return this.jdbc.sql("SELECT count(*) FROM tasks WHERE title = :title")
			.param("title", marker)
			.query(Long.class)
			.single();
	}

	private ExchangeResult create(String body) {
		ExchangeResult response = this.client.post()
			.uri("/tasks")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.returnResult();
		if (status(response) == 201) {
			assertThat(response.getResponseHeaders().getLocation()).isNotNull();
		}
		return response;
	}

	private ExchangeResult patch(long id, String body) {
		return this.client.patch()
			.uri("/tasks/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.returnResult();
	}

}
