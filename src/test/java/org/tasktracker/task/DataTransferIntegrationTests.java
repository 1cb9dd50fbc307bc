package org.tasktracker.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tasktracker.support.Responses;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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

/**
 * {@code GET /export} and {@code POST /import} (contract v3, part D): a round trip keeps
 * everything but ids and times; a bad document names its place and imports nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class DataTransferIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private JsonMapper json;

	@org.springframework.boot.test.web.server.LocalServerPort
	private int port;

	private TreeAndOrderApi api;

	@BeforeEach
	void setUp() {
		this.api = new TreeAndOrderApi(this.client, "Europe/London");
	}

	@Test
	void exportImportIntoANewUserAndExportAgainGivesTheSameDocumentButForIdsAndTimes() {
		JsonNode original = fillAnAccount(this.api);
		TreeAndOrderApi newcomer = new TreeAndOrderApi(this.client, "Europe/London");

		ExchangeResult imported = newcomer.send("POST", "/import", this.json.writeValueAsString(original));
		assertThat(Responses.status(imported)).as(Responses.body(imported)).isEqualTo(201);
		JsonNode result = Responses.json(imported);
		assertThat(result.get("tasks").intValue()).isEqualTo(original.get("tasks").size());
		assertThat(result.get("projects").intValue()).isEqualTo(2);
		assertThat(result.get("completions").intValue()).isEqualTo(2);
		JsonNode again = export(newcomer);

		assertThat(comparable(again)).isEqualTo(comparable(original));
		long work = result.get("project_ids").get(original.get("projects").get(1).get("id").asString()).longValue();
		assertThat(titles(newcomer, "project_id=" + work + "&parent_id=none&sort=position"))
			.as("the manual order is kept")
			.containsExactly("Third", "First", "Second");
	}

	@Test
	void theExportIsAnAttachmentWithOnlyTheCallersData() {
		this.api.createId("{\"title\": \"Mine only\"}");
		TreeAndOrderApi other = new TreeAndOrderApi(this.client, "UTC");
		other.createId("{\"title\": \"Theirs only\"}");

		ExchangeResult response = this.api.send("GET", "/export", null);

		assertThat(response.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
			.isEqualTo("attachment; filename=\"tasktracker-export.json\"");
		JsonNode document = Responses.json(response);
		assertThat(document.get("format").stringValue()).isEqualTo("tasktracker-export");
		assertThat(document.get("tasks")).hasSize(1);
		assertThat(document.get("tasks").get(0).get("title").stringValue()).isEqualTo("Mine only");
	}

	@Test
	void projectsWhoseNamesTheCallerUsesGetANumber() {
		this.api.project("Home");
		JsonNode document = export(this.api);

		JsonNode result = this.api.expect(201, "POST", "/import", this.json.writeValueAsString(document));

		assertThat(result.get("projects").intValue()).isEqualTo(1);
		List<String> names = new ArrayList<>();
		this.api.expect(200, "GET", "/projects", null)
			.forEach((project) -> names.add(project.get("name").stringValue()));
		assertThat(names).containsExactlyInAnyOrder("Home", "Home (2)");
	}

	@Test
	void aLabelInSeveralSpellingsIsOneLabelSpelledAsTheCallerOrElseTheDocumentFirstSpellsIt() {
		this.api.createId("{\"title\": \"Mine\", \"labels\": [\"Home\"]}");
		// The subtask comes first in the document though the import writes its parent
		// first: the document's order decides.
		String document = """
				{"format": "tasktracker-export", "version": 1, "exported_at": "2026-12-01T00:00:00Z",
				 "labels": ["Zed", "zed", "NewOne"], "projects": [],
				 "tasks": [{"id": 2, "title": "Child", "parent_id": 1, "labels": ["Sub", "newone"]},
				           {"id": 1, "title": "Root", "labels": ["SUB", "xy", "HOME"]},
				           {"id": 3, "title": "Other", "labels": ["Xy", "home", "zED"]}]}
				""";

		JsonNode result = this.api.expect(201, "POST", "/import", document);

		assertThat(result.get("labels").intValue()).as("Zed, NewOne, Sub, xy, Home").isEqualTo(5);
		Map<String, List<String>> labelsByTitle = new HashMap<>();
		this.api.expect(200, "GET", "/export", null).get("tasks").forEach((task) -> {
			List<String> labels = new ArrayList<>();
			task.get("labels").forEach((label) -> labels.add(label.stringValue()));
			labelsByTitle.put(task.get("title").stringValue(), labels);
		});
		assertThat(labelsByTitle).containsOnly(Map.entry("Mine", List.of("Home")),
				Map.entry("Child", List.of("Sub", "NewOne")), Map.entry("Root", List.of("Sub", "xy", "Home")),
				Map.entry("Other", List.of("xy", "Home", "Zed")));
		List<String> names = new ArrayList<>();
		this.api.expect(200, "GET", "/labels", null).forEach((label) -> names.add(label.get("name").stringValue()));
		assertThat(names).containsExactlyInAnyOrder("Home", "NewOne", "Sub", "xy", "Zed");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					{"format": "other", "version": 1, "tasks": []}                                             | format
					{"format": "tasktracker-export", "version": 2, "tasks": []}                                | version
					{"format": "tasktracker-export", "version": 1, "tasks": [], "extra": 1}                    | extra
					{"format": "tasktracker-export", "version": 1}                                             | tasks
					{"format": "tasktracker-export", "version": 1, "projects": [{"id": 1, "name": "P"}]}       | tasks
					{"format": "tasktracker-export", "version": 1, "tasks": null}                              | tasks
					{"format": "tasktracker-export", "version": 1, "exported_at": "x", "tasks": []}            | exported_at
					{"format": "tasktracker-export", "version": 1, "exported_at": 1764547200, "tasks": []}     | exported_at
					{"format": "tasktracker-export", "version": 1, "exported_at": null, "tasks": []}           | exported_at
					{"format": "tasktracker-export", "version": 1, "tasks": [{"id": 1, "title": "a", "position": 5}]} | tasks[0].position
					{"format": "tasktracker-export", "version": 1, "tasks": [{"id": 1, "title": "a", "position": null}]} | tasks[0].position
					{"format": "tasktracker-export", "version": 1, "tasks": [{"id": 1, "title": "a", "position": "a b"}]} | tasks[0].position
					{"format": "tasktracker-export", "version": 1, "tasks": [{"id": 1, "title": "a", "updated_at": "x"}]} | tasks[0].updated_at
					{"format": "tasktracker-export", "version": 1, "tasks": [{"id": 1, "title": "a", "subtasks": 2}]} | tasks[0].subtasks
					{"format": "tasktracker-export", "version": 1, "tasks": [], "projects": [{"id": 1, "name": "P", "created_at": 5}]} | projects[0].created_at
					{"format": "tasktracker-export", "version": 1, "tasks": [], "projects": [{"id": 1, "name": "P", "updated_at": "x"}]} | projects[0].updated_at
					{"format": "tasktracker-export", "version": 1, "tasks": [], "projects": [{"id": 1, "name": "P", "open_tasks": "2"}]} | projects[0].open_tasks
					{"format": "tasktracker-export", "version": 1, "tasks": [{"id": 1}]}                       | tasks[0].title
					{"format": "tasktracker-export", "version": 1, "tasks": [{"id": 1, "title": "a"}, {"id": 1, "title": "b"}]} | tasks[1].id
					{"format": "tasktracker-export", "version": 1, "tasks": [{"id": 1, "title": "a", "project_id": 9}]} | tasks[0].project_id
					{"format": "tasktracker-export", "version": 1, "tasks": [{"id": 1, "title": "a", "parent_id": 2}, {"id": 2, "title": "b", "parent_id": 1}]} | tasks[0].parent_id tasks[1].parent_id
					{"format": "tasktracker-export", "version": 1, "tasks": [{"id": 1, "title": "a", "parent_id": 7}]} | tasks[0].parent_id
					{"format": "tasktracker-export", "version": 1, "tasks": [{"id": 1, "title": "a", "due": {"date": "2026-02-30"}}]} | tasks[0].due
					{"format": "tasktracker-export", "version": 1, "tasks": [{"id": 1, "title": "a", "created_at": "yesterday"}]} | tasks[0].created_at
					{"format": "tasktracker-export", "version": 1, "tasks": [{"id": 1, "title": "a", "completions": [{"due": null}]}]} | tasks[0].completions[0].completed_at
					{"format": "tasktracker-export", "version": 1, "tasks": [{"id": 1, "title": "a", "completions": [{"completed_at": "2026-12-01T08:00:00Z", "extra": 1}]}]} | tasks[0].completions[0].extra
					{"format": "tasktracker-export", "version": 1, "tasks": [], "projects": [{"id": 1, "name": ""}]} | projects[0].name
					{"format": "tasktracker-export", "version": 1, "tasks": [], "labels": ["a,b"]}              | labels[0]
					""")
	void aBadDocumentIsRefusedNamingThePlaceAndImportsNothing(String document, String places) {
		this.api.createId("{\"title\": \"Before\"}");

		assertInvalid(this.api.send("POST", "/import", document), "/import", places.split(" "));

		assertThat(export(this.api).get("tasks")).hasSize(1);
		assertThat(this.api.expect(200, "GET", "/projects", null)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "\"x\"", "42", "null", "", " " })
	void aBodyThatIsNotAJsonObjectIsABadRequestAsForPostTasksAndImportsNothing(String body) {
		this.api.createId("{\"title\": \"Before\"}");

		JsonNode problem = assertProblem(this.api.send("POST", "/import", body), 400, "/import");

		assertThat(problem.get("detail").stringValue()).isEqualTo("Request body must be a JSON object");
		assertThat(problem.has("errors")).isFalse();
		assertThat(export(this.api).get("tasks")).hasSize(1);
	}

	@Test
	void aBodyOfAnotherMediaTypeIsUnsupportedNamingTheTwoTaken() {
		ExchangeResult response = this.client.post()
			.uri("/import")
			.header(HttpHeaders.AUTHORIZATION, this.api.bearer)
			.contentType(MediaType.TEXT_PLAIN)
			.body("{\"format\": \"tasktracker-export\", \"version\": 1, \"tasks\": []}")
			.exchange()
			.returnResult();

		assertProblem(response, 415, "/import");
		assertThat(response.getResponseHeaders().getAccept()).contains(MediaType.APPLICATION_JSON,
				MediaType.parseMediaType("text/csv"));
	}

	@Test
	void aFifthLevelAndTooManyTasksAreRefused() {
		ArrayNode chain = this.json.createArrayNode();
		for (int i = 1; i <= 6; i++) {
			ObjectNode task = chain.addObject().put("id", i).put("title", "Level " + i);
			if (i > 1) {
				task.put("parent_id", i - 1);
			}
		}
		assertInvalid(this.api.send("POST", "/import", document(chain)), "/import", "tasks[5].parent_id");

		ArrayNode many = this.json.createArrayNode();
		for (int i = 1; i <= ImportDocument.MAX_TASKS + 1; i++) {
			many.addObject().put("id", i).put("title", "T");
		}
		assertInvalid(this.api.send("POST", "/import", document(many)), "/import", "tasks");
		assertThat(export(this.api).get("tasks")).isEmpty();
	}

	@Test
	void aRepeatWithTheSameKeyReplaysAndAddsNothing() {
		ArrayNode tasks = this.json.createArrayNode();
		tasks.addObject().put("id", 1).put("title", "Once");
		String body = document(tasks);

		ExchangeResult first = this.api.send("POST", "/import", body, "Idempotency-Key", "import-1");
		ExchangeResult repeat = this.api.send("POST", "/import", body, "Idempotency-Key", "import-1");
		ExchangeResult spacedOut = this.api.send("POST", "/import", this.json.readTree(body).toPrettyString(),
				"Idempotency-Key", "import-1");
		ExchangeResult otherBody = this.api.send("POST", "/import", body.replace("Once", "Twice"), "Idempotency-Key",
				"import-1");

		assertThat(first.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
		assertThat(repeat.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(Responses.json(repeat)).isEqualTo(Responses.json(first));
		assertThat(spacedOut.getResponseHeaders().getFirst("Idempotent-Replayed"))
			.as("the same document, written with other spaces")
			.isEqualTo("true");
		assertInvalid(otherBody, "/import", "Idempotency-Key");
		assertThat(export(this.api).get("tasks")).hasSize(1);
	}

	@Test
	void aBodyPastTheImportLimitIsTooLarge() throws Exception {
		// Just past the limit, and chunked: the service reads up to the limit before it
		// refuses, and Tomcat reads the rest, so the client gets the answer.
		byte[] huge = new byte[20 * 1024 * 1024 + 64 * 1024];
		java.util.Arrays.fill(huge, (byte) ' ');
		java.net.http.HttpRequest request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + "/import"))
			.header(HttpHeaders.AUTHORIZATION, this.api.bearer)
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))
			.build();

		java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
			.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("\"status\":413").contains("20971520");
		assertThat(export(this.api).get("tasks")).isEmpty();
	}

	/**
	 * Projects (one archived, one coloured), labels, a tree, an order, a recurring task.
	 */
	private JsonNode fillAnAccount(TreeAndOrderApi user) {
		user.expect(201, "POST", "/projects", "{\"name\": \"Archive\"}");
		long archive = user.expect(200, "GET", "/projects", null).get(0).get("id").longValue();
		user.expect(200, "PATCH", "/projects/" + archive, "{\"archived\": true}");
		long work = user.expect(201, "POST", "/projects", "{\"name\": \"Work\", \"color\": \"#aa3300\"}")
			.get("id")
			.longValue();
		long first = user.createId("{\"title\": \"First\", \"project_id\": " + work + ", \"labels\": [\"Errand\"], "
				+ "\"priority\": 3, \"description\": \"About it\"}");
		user.createId("{\"title\": \"Second\", \"project_id\": " + work + ", \"due\": {\"date\": \"2026-12-20\"}, "
				+ "\"reminders\": [{\"before\": \"PT1H\"}]}");
		long third = user.createId("{\"title\": \"Third\", \"project_id\": " + work
				+ ", \"due\": {\"datetime\": \"2026-12-21T09:00:00Z\"}, \"labels\": [\"errand\", \"Phone\"]}");
		user.expect(200, "POST", "/tasks/" + third + "/move", "{\"after\": null}");
		long child = user.createId("{\"title\": \"Child\", \"parent_id\": " + first + "}");
		user.createId("{\"title\": \"Grandchild\", \"parent_id\": " + child + "}");
		long weekly = user.createId("{\"title\": \"Weekly\", \"due\": {\"date\": \"2026-12-07\"}, "
				+ "\"recurrence\": {\"rule\": \"FREQ=WEEKLY;BYDAY=MO\", \"from\": \"due\"}}");
		user.expect(200, "POST", "/tasks/" + weekly + "/complete", null);
		user.expect(200, "POST", "/tasks/" + weekly + "/complete", null);
		long done = user.createId("{\"title\": \"Done\"}");
		user.expect(200, "POST", "/tasks/" + done + "/complete", null);
		return export(user);
	}

	private JsonNode export(TreeAndOrderApi user) {
		return user.expect(200, "GET", "/export", null);
	}

	private String document(ArrayNode tasks) {
		ObjectNode document = this.json.createObjectNode().put("format", "tasktracker-export").put("version", 1);
		document.set("tasks", tasks);
		return this.json.writeValueAsString(document);
	}

	private static List<String> titles(TreeAndOrderApi user, String query) {
		List<String> titles = new ArrayList<>();
		user.expect(200, "GET", "/tasks?" + query, null).forEach((task) -> titles.add(task.get("title").stringValue()));
		return titles;
	}

	/**
	 * The document without ids and times: references by name and title instead of id,
	 * tasks by title (each title is used once).
	 */
	private static Map<String, Object> comparable(JsonNode document) {
		Map<Long, String> projectNames = new HashMap<>();
		Map<String, Object> projects = new java.util.TreeMap<>();
		document.get("projects").forEach((project) -> {
			projectNames.put(project.get("id").longValue(), project.get("name").stringValue());
			ObjectNode copy = ((ObjectNode) project).deepCopy();
			copy.remove(List.of("id", "created_at", "updated_at"));
			projects.put(project.get("name").stringValue(), copy);
		});
		Map<Long, String> taskTitles = new HashMap<>();
		document.get("tasks")
			.forEach((task) -> taskTitles.put(task.get("id").longValue(), task.get("title").stringValue()));
		Map<String, Object> tasks = new java.util.TreeMap<>();
		document.get("tasks").forEach((task) -> {
			ObjectNode copy = ((ObjectNode) task).deepCopy();
			copy.remove(List.of("id", "created_at", "updated_at", "completed_at", "position"));
			copy.put("project_id", projectNames.get(task.get("project_id").asLong(0)));
			copy.put("parent_id", taskTitles.get(task.get("parent_id").asLong(0)));
			copy.get("completions")
				.forEach((completion) -> ((ObjectNode) completion).remove(List.of("id", "completed_at")));
			tasks.put(task.get("title").stringValue(), copy);
		});
		return Map.of("labels", document.get("labels"), "projects", projects, "tasks", tasks);
	}

}
