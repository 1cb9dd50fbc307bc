package org.tasktracker.task;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tasktracker.support.PageSession;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.Responses.json;
import static org.tasktracker.support.Responses.status;

/**
 * The project and label pages through plain HTTP, as a signed-in user of their own:
 * deleting a project or removing a label asks first and names what will go, a refusal is
 * told in the page's words, archived projects are in the sidebar, and the sidebar names
 * the user by the display name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tasktracker.auth.mode=required", "tasktracker.auth.admin-username=pages-admin",
				"tasktracker.auth.admin-password=" + OrganisingPagesIntegrationTests.PASSWORD,
				"tasktracker.auth.rate-limit=0" })
@AutoConfigureRestTestClient
class OrganisingPagesIntegrationTests {

	static final String PASSWORD = "correct horse battery";

	/** What the API says and a page must not: its parameter names, its ids. */
	private static final Pattern API_WORDS = Pattern.compile("with_tasks|[a-z]+_[a-z]+|does not exist|=true");

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	private String username;

	private PageSession page;

	@BeforeEach
	void signIn() {
		this.username = "org-" + ProcessHandle.current().pid() + "-"
				+ Long.toString(System.nanoTime() % 10_000_000, 36);
		ExchangeResult created = this.client.post()
			.uri("/users")
			.header(HttpHeaders.AUTHORIZATION, basic("pages-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"username\": \"" + this.username + "\", \"password\": \"" + PASSWORD + "\"}")
			.exchange()
			.returnResult();
		assertThat(status(created)).as(created.toString()).isEqualTo(201);
		this.page = PageSession.anonymous(this.port);
		assertThat(this.page.signIn(this.username, PASSWORD)).endsWith("/app");
		// The session's CSRF token, for the forms
		this.page.get("/app/inbox");
	}

	@Test
	void deletingAProjectAsksFirstNamingItsTasksAndDeletesOnlyTheNumberConfirmed() {
		long project = api("POST", "/projects", "{\"name\": \"Work\"}").get("id").longValue();
		api("POST", "/tasks", "{\"title\": \"Report\", \"project_id\": " + project + "}");
		api("POST", "/tasks", "{\"title\": \"Slides\", \"project_id\": " + project + "}");
		long done = api("POST", "/tasks", "{\"title\": \"Agenda\", \"project_id\": " + project + "}").get("id")
			.longValue();
		api("POST", "/tasks/" + done + "/complete", null);
		String question = "/app/projects/" + project + "/delete";

		assertThat(this.page.get("/app/projects/" + project).body()).contains("action=\"" + question + "\"")
			.doesNotContain("with_tasks");
		for (Map<String, String> oneClick : java.util.List.of(Map.<String, String>of(), Map.of("with_tasks", "true"))) {
			HttpResponse<String> posted = this.page.post(question, oneClick);
			assertThat(posted.headers().firstValue("Location").orElseThrow()).as("%s", oneClick).endsWith(question);
		}
		assertThat(status(apiCall("GET", "/projects/" + project, null))).as("not deleted in one click").isEqualTo(200);

		HttpResponse<String> asked = this.page.get(question);
		assertThat(asked.statusCode()).isEqualTo(200);
		assertThat(asked.body()).contains("<h1>Delete project Work and its 3 tasks?</h1>",
				"2 of them are open, 1 completed.", "name=\"tasks\" value=\"3\"",
				"href=\"/app/projects/" + project + "\"");

		api("POST", "/tasks", "{\"title\": \"Added meanwhile\", \"project_id\": " + project + "}");
		HttpResponse<String> stale = this.page.post(question, Map.of("tasks", "3"));
		assertThat(stale.headers().firstValue("Location").orElseThrow()).endsWith(question);
		assertThat(this.page.get(question).body()).contains("The project now holds 4 tasks.",
				"Delete project Work and its 4 tasks?");
		assertThat(status(apiCall("GET", "/projects/" + project, null))).isEqualTo(200);

		HttpResponse<String> deleted = this.page.post(question, Map.of("tasks", "4"));
		assertThat(deleted.headers().firstValue("Location").orElseThrow()).endsWith("/app/inbox");
		assertThat(this.page.get("/app/inbox").body()).contains("Project Work deleted, with its 4 tasks.");
		assertThat(status(apiCall("GET", "/projects/" + project, null))).isEqualTo(404);
		assertThat(api("GET", "/tasks?q=Report", null)).isEmpty();
	}

	@Test
	void anEmptyProjectIsDeletedAfterTheQuestionToo() {
		long project = api("POST", "/projects", "{\"name\": \"Empty\"}").get("id").longValue();

		assertThat(this.page.get("/app/projects/" + project + "/delete").body())
			.contains("<h1>Delete project Empty?</h1>", "It holds no tasks.");
		this.page.post("/app/projects/" + project + "/delete", Map.of("tasks", "0"));

		assertThat(status(apiCall("GET", "/projects/" + project, null))).isEqualTo(404);
	}

	@Test
	void aProjectWithOneTaskIsAskedAboutInTheSingular() {
		long project = api("POST", "/projects", "{\"name\": \"Single\"}").get("id").longValue();
		api("POST", "/tasks", "{\"title\": \"Alone\", \"project_id\": " + project + "}");

		assertThat(this.page.get("/app/projects/" + project + "/delete").body()).contains(
				"<h1>Delete project Single and its 1 task?</h1>", "The task is open.", "The task is deleted with it",
				">Delete project and 1 task<");
	}

	@Test
	void removingALabelFromEveryTaskAsksFirst() {
		long first = api("POST", "/tasks", "{\"title\": \"Milk\", \"labels\": [\"Errand\"]}").get("id").longValue();
		api("POST", "/tasks", "{\"title\": \"Bread\", \"labels\": [\"errand\"]}");

		assertThat(this.page.get("/app/labels/errand").body()).contains("action=\"/app/labels/errand/delete\"");
		assertThat(this.page.post("/app/labels/errand/delete", Map.of()).headers().firstValue("Location").orElseThrow())
			.endsWith("/app/labels/errand/delete");
		assertThat(task(first).get("labels").get(0).stringValue()).as("still there").isEqualTo("Errand");
		assertThat(this.page.get("/app/labels/errand/delete").body())
			.contains("<h1>Remove @Errand from its 2 tasks?</h1>", "The tasks stay; only the label goes.");

		this.page.post("/app/labels/errand/delete", Map.of("confirmed", "true"));

		assertThat(task(first).get("labels")).isEmpty();
		assertThat(this.page.get("/app/inbox").body()).contains("Label removed from every task.");
	}

	/**
	 * A task added between the question and the answer, a project gone, a label gone, a
	 * name too long: each is told in the page's words, never in the API's.
	 */
	@Test
	void refusalsOnTheProjectAndLabelPagesAreInThePagesWords() {
		long project = api("POST", "/projects", "{\"name\": \"Home\"}").get("id").longValue();
		api("POST", "/tasks", "{\"title\": \"Paint\", \"project_id\": " + project + "}");

		assertThat(messagesAfter(this.page.post("/app/projects/" + project + "/delete", Map.of("tasks", "0"))))
			.contains("The project now holds 1 task.")
			.doesNotContainPattern(API_WORDS);
		String withTasksFalse = this.page.post("/app/projects/" + project + "/delete", Map.of("with_tasks", "false"))
			.headers()
			.firstValue("Location")
			.orElseThrow();
		assertThat(withTasksFalse).endsWith("/app/projects/" + project + "/delete");
		assertThat(status(apiCall("GET", "/projects/" + project, null))).isEqualTo(200);

		this.page.get("/app/projects/" + project);
		assertThat(
				messagesAfter(this.page.post("/app/projects/" + project + "/rename", Map.of("name", "x".repeat(101)))))
			.contains("The name must be at most 100 characters.");

		assertThat(messagesAfter(this.page.post("/app/projects/999999999/archive", Map.of("archived", "true"))))
			.contains("That project no longer exists.")
			.doesNotContainPattern(API_WORDS);
		assertThat(messagesAfter(this.page.post("/app/projects/999999999/delete", Map.of("tasks", "0"))))
			.contains("That project no longer exists.")
			.doesNotContainPattern(API_WORDS);
		assertThat(messagesAfter(this.page.post("/app/labels/nolabel/delete", Map.of("confirmed", "true"))))
			.contains("No task carries that label any more.")
			.doesNotContainPattern(API_WORDS);
	}

	@Test
	void archivedProjectsAreInTheSidebarAndComeBackWithOneClick() {
		long project = api("POST", "/projects", "{\"name\": \"Old things\"}").get("id").longValue();
		assertThat(this.page.get("/app/inbox").body()).doesNotContain("Archived (");

		this.page.post("/app/projects/" + project + "/archive", Map.of("archived", "true"));

		String inbox = this.page.get("/app/inbox").body();
		String archived = section(inbox, "<details class=\"archived\"", "</details>");
		assertThat(archived).contains("Archived (1)", "href=\"/app/projects/" + project + "\"", "Old things",
				"action=\"/app/projects/" + project + "/archive\"", "name=\"archived\" value=\"false\"");
		assertThat(archived).as("collapsed").doesNotContain(" open");
		assertThat(section(this.page.get("/app/projects/" + project).body(), "<details class=\"archived\"", ">"))
			.as("open on the archived project's own page")
			.contains("open");

		this.page.post("/app/projects/" + project + "/archive", Map.of("archived", "false"));

		assertThat(api("GET", "/projects/" + project, null).get("archived").booleanValue()).isFalse();
		assertThat(this.page.get("/app/inbox").body()).doesNotContain("Archived (");
	}

	@Test
	void theSidebarNamesTheUserByTheDisplayNameOrElseTheUsername() {
		assertThat(account(this.page.get("/app/inbox").body())).contains("<span>" + this.username + "</span>");

		this.page.get("/app/settings");
		this.page.post("/app/settings/profile", Map.of("displayName", "Ada Lovelace", "timezone", "UTC"));

		assertThat(account(this.page.get("/app/inbox").body())).contains("<span>Ada Lovelace</span>")
			.doesNotContain(this.username);
		assertThat(account(this.page.get("/app/overview").body())).contains("<span>Ada Lovelace</span>");
		assertThat(this.page.get("/app/settings").body()).contains("Signed in as <strong>Ada Lovelace</strong>",
				"(username " + this.username + ")");
	}

	/** The messages of the page a post leads to. */
	private String messagesAfter(HttpResponse<String> posted) {
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
		String location = posted.headers().firstValue("Location").orElseThrow().replaceAll("^https?://[^/]+", "");
		return problemsAndNotices(this.page.get(location).body());
	}

	private static String account(String page) {
		return section(page, "<div class=\"account\">", "</div>");
	}

	/** The page's messages: its notices and its problems. */
	private static String problemsAndNotices(String page) {
		StringBuilder found = new StringBuilder();
		Matcher messages = Pattern.compile("(?s)<div class=\"(?:notice|problems)\"[^>]*>(.*?)</div>").matcher(page);
		while (messages.find()) {
			found.append(messages.group(1).replaceAll("<[^>]+>", " ").strip()).append('\n');
		}
		return found.toString();
	}

	private static String section(String page, String start, String end) {
		int from = page.indexOf(start);
		assertThat(from).as("%s in the page", start).isNotNegative();
		return page.substring(from, page.indexOf(end, from) + end.length());
	}

	private JsonNode task(long id) {
		return api("GET", "/tasks/" + id, null);
	}

	private JsonNode api(String method, String path, String body) {
		ExchangeResult response = apiCall(method, path, body);
		assertThat(status(response)).as(response.toString()).isLessThan(300);
		return json(response);
	}

	private ExchangeResult apiCall(String method, String path, String body) {
		var request = this.client.method(HttpMethod.valueOf(method))
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, basic(this.username));
		return (body != null) ? request.contentType(MediaType.APPLICATION_JSON).body(body).exchange().returnResult()
				: request.exchange().returnResult();
	}

	private static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

}
